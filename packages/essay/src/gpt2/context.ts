import type { Gpt2 } from '@chatgpt-explained/gpt2';
import { EssayError } from '../errors';

/** Progress of a GPT-2 section (generation reports one step per token). */
export interface Gpt2SectionProgress {
  /** Done so far, 0…1. */
  readonly fraction: number;
  readonly message?: string;
}

/** What every GPT-2 essay section receives besides the model and its options. */
export interface Gpt2SectionContext {
  /** Cancels long work (generation): the section then throws the model's `ABORTED` error. */
  readonly signal?: AbortSignal | undefined;
  /** Receives progress of long work. */
  readonly onProgress?: ((progress: Gpt2SectionProgress) => void) | undefined;
}

/** A short description of a model for subtitles: `4 layers, 4 heads, 128 dims, 4,096 tokens`. */
export function describeModel(gpt: Gpt2): string {
  const { layers, heads, embedDim, vocabSize } = gpt.config;
  return `${layers} layers, ${heads} heads, ${embedDim} dims, ${vocabSize.toLocaleString('en-US')} tokens`;
}

/**
 * Labels for tokens on a figure axis: each token's text in quotes (so a leading space shows), made
 * unique by its position where two tokens read the same (axis labels must differ).
 */
export function tokenLabels(texts: readonly string[]): string[] {
  const quoted = texts.map((t) => JSON.stringify(t));
  const seen = new Map<string, number>();
  for (const q of quoted) seen.set(q, (seen.get(q) ?? 0) + 1);
  return quoted.map((q, i) => (seen.get(q)! > 1 ? `${q} #${i + 1}` : q));
}

/** Checks a non-empty string option; throws `INVALID_ARGUMENT` naming `op` and `argument`. */
export function nonEmptyText(op: string, argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: ${argument} must be a non-empty string, got ${JSON.stringify(value)}`,
      {
        argument,
        value,
        expected: 'a non-empty string',
      },
    );
  }
  return value;
}

/** A matrix stored row-major as rows of plain numbers, for heatmap specs. */
export function toRows(data: ArrayLike<number>, rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => data[i * columns + j]!));
}

/** Mean, standard deviation, smallest and largest value, in float64. */
export function stats(data: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / data.length;
  let squares = 0;
  for (let i = 0; i < data.length; i++) squares += (data[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / data.length), min, max };
}
