/**
 * Option and input checks shared by the layers in this folder (beside `checks.ts`): unknown option
 * keys, `[height, width]` pairs, padding modes, positive numbers, minimum ranks.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';

/** How a sliding window treats the border: `valid` (no padding) or `same` (TensorFlow's zero padding). */
export type Padding = 'same' | 'valid';

/**
 * Throws `INVALID_ARGUMENT` unless `options` is an object whose keys are all in `known`, so a
 * misspelt option (`stride` for `strides`) is refused rather than silently ignored.
 */
export function checkOptionKeys(op: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new NnCoreError('INVALID_ARGUMENT', `${op}: options must be an object, got ${String(options)}`, {
      argument: 'options',
      value: options,
      expected: `an object with ${known.join(', ')}`,
    });
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new NnCoreError('INVALID_ARGUMENT', `${op}: unknown option "${key}"; known: ${known.join(', ')}`, {
        argument: key,
        value: (options as Record<string, unknown>)[key],
        expected: known.join(' | '),
      });
    }
  }
}

/** A window size or stride given as one integer (both axes) or `[height, width]`; each ≥ 1. */
export function integerPair(op: string, argument: string, value: unknown): [number, number] {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return [value, value];
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1)
  ) {
    return [value[0] as number, value[1] as number];
  }
  throw new NnCoreError(
    'INVALID_ARGUMENT',
    `${op}: ${argument} must be an integer ≥ 1 or a pair [height, width] of them, got ${JSON.stringify(value)}`,
    { argument, value, expected: 'an integer ≥ 1 or [height, width]' },
  );
}

/** Throws `INVALID_ARGUMENT` unless `value` is `'same'` or `'valid'`. */
export function paddingOption(op: string, value: unknown): Padding {
  if (value === 'same' || value === 'valid') return value;
  throw new NnCoreError('INVALID_ARGUMENT', `${op}: padding must be 'same' or 'valid', got ${JSON.stringify(value)}`, {
    argument: 'padding',
    value,
    expected: "'same' | 'valid'",
  });
}

/** Throws `INVALID_ARGUMENT` unless `value` is a finite number > 0. */
export function positiveNumber(op: string, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw new NnCoreError('INVALID_ARGUMENT', `${op}: ${argument} must be a finite number > 0, got ${String(value)}`, {
    argument,
    value,
    expected: 'a finite number > 0',
  });
}

/** The `SHAPE_MISMATCH` error for input `x` of the layer at `path`, in `expectShape`'s wording. */
export function inputShapeError(kind: string, path: string, x: tf.Tensor, expected: string): NnCoreError {
  const where = path ? `${kind} "${path}"` : kind;
  return new NnCoreError('SHAPE_MISMATCH', `${where}: input has shape [${x.shape.join(', ')}]; expected ${expected}`, {
    argument: 'x',
    value: [...x.shape],
    expected,
  });
}

/** Throws `SHAPE_MISMATCH` naming the layer path unless `x` has rank ≥ `minRank`. */
export function expectMinRank(kind: string, path: string, x: tf.Tensor, minRank: number, what: string): void {
  if (x.rank < minRank) throw inputShapeError(kind, path, x, what);
}
