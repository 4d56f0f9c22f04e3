import * as tf from '@tensorflow/tfjs-core';
import { Gpt2Error } from '../errors';
import type { Gpt2 } from '../gpt2';
import { encodeText, tokenText } from './logits';

/** One scored token. */
export interface ScoredToken {
  readonly id: number;
  readonly text: string;
  /** Natural log of the probability the model gave this token, given the text before it. */
  readonly logProb: number;
}

/** What {@link score} returns. */
export interface ScoreResult {
  /** Every token of the text, in order, with its log-probability. */
  readonly tokens: ScoredToken[];
  /** Total negative log-probability in bits. */
  readonly bits: number;
  /** UTF-8 bytes of the text. */
  readonly bytes: number;
  /** `bits / bytes`: the model's compression rate, comparable across tokenizers. */
  readonly bitsPerByte: number;
  /** Mean negative log-probability per token, in nats (the training loss). */
  readonly lossPerToken: number;
}

/** Options of {@link score}. */
export interface ScoreOptions {
  /** Tokens of earlier text each window keeps as context when the text is longer than the context (default contextLength / 2). */
  readonly overlap?: number;
  /** Cancels scoring (`Gpt2Error` ABORTED). */
  readonly signal?: AbortSignal | undefined;
  /**
   * Read special tokens written in the text as themselves (default false: refused), e.g. documents
   * separated by `<|endoftext|>`.
   */
  readonly allowSpecial?: boolean;
}

/**
 * Per-token log-probabilities of `text` and its bits per byte. The first token is predicted from
 * `<|endoftext|>`, as GPT-2 starts a document. A text longer than the context is scored in windows
 * that each see `overlap` tokens of the text before them.
 */
export function score(gpt: Gpt2, text: string, options: ScoreOptions = {}): ScoreResult {
  if (typeof text !== 'string' || text.length === 0) {
    throw new Gpt2Error('INVALID_ARGUMENT', 'score: text must be a non-empty string', {
      argument: 'text',
      value: text,
      expected: 'a non-empty string',
    });
  }
  const window = gpt.config.contextLength;
  const overlap = options.overlap ?? Math.floor(window / 2);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= window) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `score: overlap must be an integer in [0, ${window}); got ${String(overlap)}`,
      {
        argument: 'overlap',
        value: overlap,
        expected: `an integer in [0, ${window})`,
      },
    );
  }
  const ids = [gpt.config.bosTokenId, ...encodeText(gpt, 'score', 'text', text, options.allowSpecial)];
  const logProbs = new Float64Array(ids.length - 1);
  // Position i (1 ≤ i < ids.length) is predicted from ids[start … i − 1].
  let next = 1;
  while (next < ids.length) {
    if (options.signal?.aborted) throw new Gpt2Error('ABORTED', 'score: aborted', { argument: 'signal' });
    const start = next === 1 ? 0 : Math.max(0, next - 1 - overlap);
    const end = Math.min(ids.length - 1, start + window); // exclusive end of the inputs
    const inputs = ids.slice(start, end);
    const values = tf.tidy(() => {
      const logits = gpt.model.forward(tf.tensor2d([inputs], [1, inputs.length], 'int32')).logits; // [1, T, V]
      const logp = tf.logSoftmax(tf.reshape(logits, [inputs.length, gpt.config.vocabSize])); // [T, V]
      const pairs = ids.slice(start + 1, end + 1).map((target, row) => [row, target]);
      return tf.gatherND(logp, tf.tensor2d(pairs, [pairs.length, 2], 'int32')).dataSync(); // [T]
    });
    for (let i = next; i <= end; i++) logProbs[i - 1] = values[i - 1 - start]!;
    next = end + 1;
  }
  let nats = 0;
  for (const lp of logProbs) nats -= lp;
  const bytes = new TextEncoder().encode(text).length;
  const bits = nats / Math.LN2;
  return {
    tokens: ids.slice(1).map((id, i) => ({ id, text: tokenText(gpt, id), logProb: logProbs[i]! })),
    bits,
    bytes,
    bitsPerByte: bits / bytes,
    lossPerToken: nats / logProbs.length,
  };
}
