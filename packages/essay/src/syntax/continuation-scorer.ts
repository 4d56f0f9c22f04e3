import type { Gpt2 } from '@chatgpt-explained/gpt2';
import * as tf from '@tensorflow/tfjs-core';
import { EssayError } from '../errors';

/**
 * A language model seen as a judge of continuations: the log-probability of a few token sequences
 * after the same context. The GPT and the n-gram baseline both implement it over the GPT's token ids,
 * so they are compared on exactly the same tokens.
 */
export interface ContinuationScorer {
  /** Shown in results and figures. */
  readonly name: string;
  /**
   * Natural-log probability of each continuation (token ids, one or more) right after `context`
   * (token ids, at least one: the experiments start it with `<|endoftext|>`): the sum of the
   * log-probabilities of its tokens, each given the context and the continuation's tokens before it.
   */
  logProbs(context: readonly number[], continuations: readonly (readonly number[])[]): number[];
}

/** Throws `INVALID_ARGUMENT` unless `context` and every continuation are non-empty lists of ids. */
export function checkContinuations(
  op: string,
  context: readonly number[],
  continuations: readonly (readonly number[])[],
): void {
  if (context.length === 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: context must hold at least one token id, got none`, {
      argument: 'context',
      value: context,
      expected: 'a non-empty array of token ids',
    });
  }
  const empty = continuations.findIndex((c) => c.length === 0);
  if (empty >= 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: continuation ${empty} is empty`, {
      argument: 'continuations',
      value: continuations,
      expected: 'non-empty arrays of token ids',
    });
  }
}

/** log softmax(row)[id] of the row of `logits` starting at `offset`, in float64. */
function logSoftmaxAt(logits: Float32Array, offset: number, size: number, id: number): number {
  let max = -Infinity;
  for (let i = 0; i < size; i++) max = Math.max(max, logits[offset + i]!);
  let sum = 0;
  for (let i = 0; i < size; i++) sum += Math.exp(logits[offset + i]! - max);
  return logits[offset + id]! - max - Math.log(sum);
}

/**
 * A GPT-2 as a {@link ContinuationScorer}: one forward pass of the context for all one-token
 * continuations, and one batched pass of context + continuation for the longer ones of each length.
 * Leaves no tensors.
 * Throws `INVALID_ARGUMENT` when a context and continuation do not fit the model's context length.
 */
export function gptScorer(gpt: Gpt2, name = 'GPT'): ContinuationScorer {
  const V = gpt.config.vocabSize;
  /** Logits of a batch of equally long id rows: [B, T, V], or [B, 1, V] with `lastOnly`. */
  const forward = (rows: readonly (readonly number[])[], lastOnly: boolean): Float32Array => {
    const logits = tf.tidy(() => {
      const input = tf.tensor2d(rows as number[][], [rows.length, rows[0]!.length], 'int32'); // [B, T]
      return gpt.model.forward(input, { lastOnly }).logits; // [B, T or 1, V]
    });
    const values = logits.dataSync() as Float32Array;
    logits.dispose();
    return values;
  };
  return {
    name,
    logProbs(context, continuations) {
      checkContinuations('gptScorer', context, continuations);
      const longest = Math.max(0, ...continuations.map((c) => c.length));
      if (context.length + longest - 1 > gpt.config.contextLength) {
        throw new EssayError(
          'INVALID_ARGUMENT',
          `gptScorer: context (${context.length} tokens) and continuation (${longest}) exceed the model's ${gpt.config.contextLength} tokens`,
          { argument: 'context', value: context.length, expected: `at most ${gpt.config.contextLength} tokens in all` },
        );
      }
      const out = new Array<number>(continuations.length).fill(0);
      // One-token continuations: one pass of the context. Longer ones: one batch per length.
      const byLength = new Map<number, number[]>();
      continuations.forEach((c, i) => byLength.set(c.length, [...(byLength.get(c.length) ?? []), i]));
      for (const [length, indices] of byLength) {
        if (length === 1) {
          const last = forward([context], true); // [1, 1, V]
          for (const i of indices) out[i] = logSoftmaxAt(last, 0, V, continuations[i]![0]!);
          continue;
        }
        const T = context.length + length - 1;
        const all = forward(
          indices.map((i) => [...context, ...continuations[i]!.slice(0, -1)]),
          false,
        ); // [B, T, V]
        indices.forEach((i, b) => {
          let sum = 0;
          continuations[i]!.forEach((id, j) => (sum += logSoftmaxAt(all, (b * T + context.length - 1 + j) * V, V, id)));
          out[i] = sum;
        });
      }
      return out;
    },
  };
}
