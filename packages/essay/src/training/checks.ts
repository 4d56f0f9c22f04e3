import { EssayError } from '../errors';

export { finiteNumber, integerIn, positiveNumber } from '../models/checks';

/** Checks that `value` is a safe integer ≥ 0 (a seed); throws `INVALID_ARGUMENT` naming `op` and `argument`. */
export function seedIn(op: string, argument: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: ${argument} must be an integer ≥ 0, got ${String(value)}`, {
      argument,
      value,
      expected: 'an integer ≥ 0',
    });
  }
  return value;
}

/** Checks hidden layer sizes: 1 to 4 layers of 1 to 256 units. */
export function hiddenSizes(op: string, value: readonly number[]): readonly number[] {
  if (
    !Array.isArray(value) ||
    value.length < 1 ||
    value.length > 4 ||
    !value.every((n) => Number.isInteger(n) && n >= 1 && n <= 256)
  ) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: hidden must list 1 to 4 layer sizes, each an integer from 1 to 256, got ${JSON.stringify(value)}`,
      { argument: 'hidden', value, expected: '1 to 4 integers from 1 to 256' },
    );
  }
  return value;
}

/** Checks a range `[from, to]` of finite numbers with `from < to`. */
export function rangeOf(op: string, argument: string, value: readonly [number, number]): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !value.every(Number.isFinite) || !(value[0] < value[1])) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: ${argument} must be [from, to] with finite from < to, got ${JSON.stringify(value)}`,
      { argument, value, expected: '[from, to] with from < to' },
    );
  }
  return value;
}
