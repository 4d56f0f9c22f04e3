import { generate, type Gpt2 } from '@chatgpt-explained/gpt2';
import { integerIn, positiveNumber } from '../models/checks';
import type { Gpt2SectionContext } from './context';
import { ESSAY_PROMPT } from './next-tokens';

/** Options of {@link gpt2GreedyExperiment}, with their defaults. */
export interface Gpt2GreedyOptions {
  /** The prompt. Default {@link ESSAY_PROMPT}. */
  readonly prompt?: string;
  /** Tokens to generate, 1 to 1000. Default 40. */
  readonly maxTokens?: number;
}

/** One continuation of the prompt. */
export interface Gpt2Continuation {
  /** The generated token ids (the prompt's not included). */
  readonly ids: readonly number[];
  /** The generated text. */
  readonly text: string;
  /** Why it ended: `length` (maxTokens), `endoftext` (the model ended the document). */
  readonly finish: 'length' | 'stop' | 'endoftext';
}

/** Result of {@link gpt2GreedyExperiment}. */
export interface Gpt2GreedyResult extends Gpt2Continuation {
  readonly prompt: string;
}

/** Options of {@link gpt2SamplesExperiment}, with their defaults. */
export interface Gpt2SamplesOptions extends Gpt2GreedyOptions {
  /** Sampling temperature, > 0. Default 0.8 (the essay's). */
  readonly temperature?: number;
  /** How many samples, 1 to 20. Default 5. */
  readonly samples?: number;
  /** Seed of the first sample; sample k uses `seed + k`. Default 1. */
  readonly seed?: number;
}

/** Result of {@link gpt2SamplesExperiment}. */
export interface Gpt2SamplesResult {
  readonly prompt: string;
  readonly temperature: number;
  readonly samples: readonly (Gpt2Continuation & { readonly seed: number })[];
}

async function continuation(
  gpt: Gpt2,
  prompt: string,
  maxTokens: number,
  temperature: number,
  seed: number,
  context: Gpt2SectionContext,
  progress: (done: number) => void,
): Promise<Gpt2Continuation> {
  const ids: number[] = [];
  let text = '';
  let finish: Gpt2Continuation['finish'] = 'length';
  for await (const token of generate(gpt, { prompt, maxTokens, temperature, seed, signal: context.signal })) {
    ids.push(token.id);
    text += token.text;
    if (token.finish) finish = token.finish;
    progress(ids.length);
  }
  return { ids, text, finish };
}

/**
 * Essay 1.2: continue the prompt always taking the most likely next token (temperature 0). The text
 * soon repeats itself. Stops early if the model ends the document (`<|endoftext|>`).
 */
export async function gpt2GreedyExperiment(
  gpt: Gpt2,
  options: Gpt2GreedyOptions = {},
  context: Gpt2SectionContext = {},
): Promise<Gpt2GreedyResult> {
  const prompt = options.prompt ?? ESSAY_PROMPT;
  const maxTokens = integerIn('gpt2GreedyExperiment', 'maxTokens', options.maxTokens ?? 40, 1, 1000);
  const r = await continuation(gpt, prompt, maxTokens, 0, 0, context, (done) =>
    context.onProgress?.({ fraction: done / maxTokens, message: `${done}/${maxTokens} tokens` }),
  );
  return { prompt, ...r };
}

/**
 * Essay 1.3: five continuations sampled at temperature 0.8, each with its own seed: every one is
 * different, and they read better than the greedy one. Reproducible: the same seeds give the same texts.
 */
export async function gpt2SamplesExperiment(
  gpt: Gpt2,
  options: Gpt2SamplesOptions = {},
  context: Gpt2SectionContext = {},
): Promise<Gpt2SamplesResult> {
  const op = 'gpt2SamplesExperiment';
  const prompt = options.prompt ?? ESSAY_PROMPT;
  const maxTokens = integerIn(op, 'maxTokens', options.maxTokens ?? 40, 1, 1000);
  const temperature = positiveNumber(op, 'temperature', options.temperature ?? 0.8);
  const count = integerIn(op, 'samples', options.samples ?? 5, 1, 20);
  const first = integerIn(op, 'seed', options.seed ?? 1, 0, 2 ** 31);
  const samples: (Gpt2Continuation & { seed: number })[] = [];
  for (let k = 0; k < count; k++) {
    const seed = first + k;
    const r = await continuation(gpt, prompt, maxTokens, temperature, seed, context, (done) =>
      context.onProgress?.({
        fraction: (k + done / maxTokens) / count,
        message: `sample ${k + 1}/${count}`,
      }),
    );
    samples.push({ seed, ...r });
  }
  return { prompt, temperature, samples };
}
