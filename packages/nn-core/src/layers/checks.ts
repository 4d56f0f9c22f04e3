import type * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';

/** Throws `INVALID_ARGUMENT` unless `value` is an integer ≥ `min`. */
export function positiveInteger(op: string, argument: string, value: unknown, min = 1): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
  throw new NnCoreError('INVALID_ARGUMENT', `${op}: ${argument} must be an integer ≥ ${min}, got ${String(value)}`, {
    argument,
    value,
    expected: `an integer ≥ ${min}`,
  });
}

/** Throws `INVALID_ARGUMENT` unless `value` is a finite number in [lo, hi] (or [lo, hi) when `openHi`). */
export function numberIn(op: string, argument: string, value: unknown, lo: number, hi: number, openHi = false): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= lo && (openHi ? value < hi : value <= hi)) {
    return value;
  }
  const range = `[${lo}, ${hi}${openHi ? ')' : ']'}`;
  throw new NnCoreError('INVALID_ARGUMENT', `${op}: ${argument} must be a number in ${range}, got ${String(value)}`, {
    argument,
    value,
    expected: `a number in ${range}`,
  });
}

/**
 * Throws `SHAPE_MISMATCH` naming the layer path unless `x` has rank `rank` (or one of several) and,
 * where given, last dimension `last`.
 */
export function expectShape(
  kind: string,
  path: string,
  x: tf.Tensor,
  expected: { readonly rank?: number | readonly number[]; readonly last?: number; readonly what: string },
): void {
  const ranks =
    expected.rank === undefined ? undefined : Array.isArray(expected.rank) ? expected.rank : [expected.rank];
  const rankOk = ranks === undefined || ranks.includes(x.rank);
  const lastOk = expected.last === undefined || x.shape[x.rank - 1] === expected.last;
  if (rankOk && lastOk) return;
  const where = path ? `${kind} "${path}"` : kind;
  throw new NnCoreError(
    'SHAPE_MISMATCH',
    `${where}: input has shape [${x.shape.join(', ')}]; expected ${expected.what}`,
    { argument: 'x', value: [...x.shape], expected: expected.what },
  );
}
