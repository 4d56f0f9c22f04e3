import { topTokens } from '@chatgpt-explained/sampler';
import { Gpt2Error } from '../errors';
import type { Gpt2 } from '../gpt2';
import { lastLogitsAsync, promptIds, tokenText } from './logits';

/** One row of the next-token table. */
export interface NextToken {
  readonly id: number;
  /** The token's text. */
  readonly text: string;
  /** Its probability at temperature 1. */
  readonly probability: number;
}

/** Options of {@link nextTokens}. */
export interface NextTokensOptions {
  /** How many tokens to list (default 10). */
  readonly top?: number;
  /** Read special tokens written in the prompt (`<|endoftext|>`) as themselves (default false: refused). */
  readonly allowSpecial?: boolean;
}

/** The next-token table: the most likely continuations of a prompt. */
export interface NextTokensResult {
  /** The prompt's token ids. */
  readonly promptIds: number[];
  /** The `top` most likely next tokens, in descending probability (ties: lower id first). */
  readonly tokens: NextToken[];
}

/**
 * The `top` most likely next tokens after `prompt` with their probabilities — the essay's first
 * table ("The best thing about AI is its ability to" → learn, predict, make, …). Async because the
 * logits are read back with `await tensor.data()`, never synchronously: on GPU backends a synchronous
 * read stalls the thread, and in browsers' WebGPU it goes through canvases (tfjs's `readSync`) and
 * breaks later buffer uploads. Invalid arguments reject with `Gpt2Error` INVALID_ARGUMENT.
 */
export async function nextTokens(
  gpt: Gpt2,
  prompt: string,
  options: NextTokensOptions = {},
): Promise<NextTokensResult> {
  const top = options.top ?? 10;
  if (!Number.isInteger(top) || top < 1 || top > gpt.config.vocabSize) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `nextTokens: top must be an integer in [1, ${gpt.config.vocabSize}]; got ${String(top)}`,
      {
        argument: 'top',
        value: top,
        expected: `an integer in [1, ${gpt.config.vocabSize}]`,
      },
    );
  }
  const ids = promptIds(gpt, prompt, 'nextTokens', options.allowSpecial).slice(-gpt.config.contextLength);
  const logits = await lastLogitsAsync(gpt, ids);
  const best = topTokens(logits, top);
  return {
    promptIds: ids,
    tokens: best.indices.map((id, i) => ({ id, text: tokenText(gpt, id), probability: best.probabilities[i]! })),
  };
}
