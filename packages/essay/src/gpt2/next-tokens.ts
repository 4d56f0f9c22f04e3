import { nextTokens, type Gpt2 } from '@chatgpt-explained/gpt2';
import type { Figure } from '../figure';
import { integerIn } from '../models/checks';
import { describeModel, tokenLabels, type Gpt2SectionContext } from './context';

/** The essay's prompt. */
export const ESSAY_PROMPT = 'The best thing about AI is its ability to';

/** Options of {@link gpt2NextTokensExperiment}, with their defaults. */
export interface Gpt2NextTokensOptions {
  /** The prompt. Default {@link ESSAY_PROMPT}. */
  readonly prompt?: string;
  /** Rows of the table, 1 to 100. Default 10. */
  readonly top?: number;
}

/** Result of {@link gpt2NextTokensExperiment}. */
export interface Gpt2NextTokensResult {
  readonly prompt: string;
  /** The prompt's tokens. */
  readonly promptTokens: readonly { readonly id: number; readonly text: string }[];
  /** The most likely next tokens, most likely first, with their probabilities. */
  readonly tokens: readonly { readonly id: number; readonly text: string; readonly probability: number }[];
  /** `1.1-next-tokens`: a bar chart of the table. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 1.1: the table of the most likely next tokens after "The best thing about AI is its ability
 * to", with GPT-2's probabilities (temperature 1). Async because `nextTokens` reads the logits back
 * with `await tensor.data()`, never synchronously (a synchronous GPU read breaks browsers' WebGPU).
 */
export async function gpt2NextTokensExperiment(
  gpt: Gpt2,
  options: Gpt2NextTokensOptions = {},
  _context: Gpt2SectionContext = {},
): Promise<Gpt2NextTokensResult> {
  const prompt = options.prompt ?? ESSAY_PROMPT;
  const top = integerIn('gpt2NextTokensExperiment', 'top', options.top ?? 10, 1, 100);
  const r = await nextTokens(gpt, prompt, { top });
  const tokens = r.tokens.map((t) => ({ id: t.id, text: t.text, probability: t.probability }));
  return {
    prompt,
    promptTokens: r.promptIds.map((id) => ({ id, text: gpt.encoding.decode([id]) })),
    tokens,
    figures: [
      {
        name: '1.1-next-tokens',
        spec: {
          kind: 'bar',
          title: `What comes after "${prompt}"?`,
          subtitle: `The ${top} most likely next tokens (GPT-2: ${describeModel(gpt)})`,
          categories: tokenLabels(tokens.map((t) => t.text)),
          series: [{ name: 'probability', values: tokens.map((t) => t.probability) }],
          categoryLabel: 'next token',
          valueLabel: 'probability',
          valueFormat: '.1%',
          horizontal: true,
          width: 480,
          height: Math.max(160, 26 * tokens.length),
        },
      },
    ],
  };
}
