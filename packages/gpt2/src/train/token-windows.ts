/**
 * Training examples cut from one long sequence of token ids: windows of `contextLength` inputs
 * and the same window shifted by one as targets (nanoGPT's `get_batch`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Batch, Dataset } from '@chatgpt-explained/trainer';
import { Gpt2Error } from '../errors';

/** Options of {@link tokenWindows}. */
export interface TokenWindowOptions {
  /** Tokens per window, T ≥ 1. */
  readonly contextLength: number;
  /**
   * Distance between the starts of consecutive windows, ≥ 1. Default 1: every position starts a
   * window, so the trainer's seeded shuffle draws windows at random starts (without replacement
   * within an epoch). `stride: contextLength` gives non-overlapping windows.
   */
  readonly stride?: number;
}

/** A {@link Dataset} of token windows, with where each window starts. */
export interface TokenWindowDataset extends Dataset {
  /** Tokens per window, T. */
  readonly contextLength: number;
  /** Distance between window starts. */
  readonly stride: number;
  /** The position in the id sequence where window `index` starts (`index · stride`). */
  start(index: number): number;
}

/** Throws unless `value` is an integer ≥ `least`. */
export function checkInteger(op: string, argument: string, value: unknown, least: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= least) return value;
  throw new Gpt2Error('INVALID_ARGUMENT', `${op}: ${argument} must be an integer ≥ ${least}, got ${String(value)}`, {
    argument,
    value,
    expected: `an integer ≥ ${least}`,
  });
}

/**
 * `value` (default: the model's context) as a window length: an integer from 1 to the model's
 * `contextLength`; throws `Gpt2Error` INVALID_ARGUMENT naming `contextLength` otherwise.
 */
export function checkContextLength(op: string, value: unknown, modelContext: number): number {
  const length = checkInteger(op, 'contextLength', value ?? modelContext, 1);
  if (length > modelContext) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `${op}: contextLength ${length} is longer than the model's context of ${modelContext}`,
      { argument: 'contextLength', value: length, expected: `at most ${modelContext}` },
    );
  }
  return length;
}

/**
 * The windows of `ids` as a trainer dataset: example `i` starts at `s = i · stride`; its input is
 * `ids[s … s + T − 1]` and its target `ids[s + 1 … s + T]`, both int32 `[T]`, so a batch is
 * `x` int32 `[B, T]` and `y` int32 `[B, T]` (target t is the token after input t). There are
 * `⌊(n − T − 1) / stride⌋ + 1` windows for n ids; at least T + 1 ids are needed. The ids are used by
 * reference, not copied.
 *
 * @example
 * const data = tokenWindows(Int32Array.of(5, 6, 7, 8), { contextLength: 2 });
 * data.size; // 2: inputs [5, 6] → targets [6, 7], and [6, 7] → [7, 8]
 */
export function tokenWindows(ids: Int32Array, options: TokenWindowOptions): TokenWindowDataset {
  const op = 'tokenWindows';
  if (!(ids instanceof Int32Array)) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${op}: ids must be an Int32Array`, {
      argument: 'ids',
      value: ids,
      expected: 'an Int32Array of token ids',
    });
  }
  const contextLength = checkInteger(op, 'contextLength', options?.contextLength, 1);
  const stride = checkInteger(op, 'stride', options.stride ?? 1, 1);
  if (ids.length < contextLength + 1) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `${op}: ${ids.length} ids are too few for one window of ${contextLength} inputs and its targets (${contextLength + 1} ids)`,
      { argument: 'ids', value: ids.length, expected: `at least ${contextLength + 1} ids` },
    );
  }
  const size = Math.floor((ids.length - contextLength - 1) / stride) + 1;
  return {
    size,
    contextLength,
    stride,
    start: (index) => index * stride,
    batch(indices: readonly number[]): Batch {
      const B = indices.length;
      const T = contextLength;
      const x = new Int32Array(B * T);
      const y = new Int32Array(B * T);
      indices.forEach((index, b) => {
        if (!(Number.isInteger(index) && index >= 0 && index < size)) {
          throw new Gpt2Error('INVALID_ARGUMENT', `${op}: window ${String(index)} is outside [0, ${size})`, {
            argument: 'indices',
            value: index,
            expected: `integers in [0, ${size})`,
          });
        }
        const s = index * stride;
        x.set(ids.subarray(s, s + T), b * T);
        y.set(ids.subarray(s + 1, s + T + 1), b * T);
      });
      return { x: tf.tensor2d(x, [B, T], 'int32'), y: tf.tensor2d(y, [B, T], 'int32') }; // [B, T], [B, T]
    },
  };
}
