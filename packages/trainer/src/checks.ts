import { TrainerError } from './errors';

/** `value` if it is an integer ≥ 1; otherwise an `INVALID_ARGUMENT` error naming `op` and `argument`. */
export function positiveInteger(op: string, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  throw new TrainerError('INVALID_ARGUMENT', `${op}: ${argument} must be a positive integer, got ${show(value)}`, {
    argument,
    value,
    expected: 'an integer ≥ 1',
  });
}

/** `value` if it is an integer ≥ 0. */
export function nonNegativeInteger(op: string, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new TrainerError('INVALID_ARGUMENT', `${op}: ${argument} must be an integer ≥ 0, got ${show(value)}`, {
    argument,
    value,
    expected: 'an integer ≥ 0',
  });
}

/**
 * `value` if it is a finite number in [min, max] (or (min, max] when `openMin`); otherwise an
 * `INVALID_ARGUMENT` error naming `op`, `argument` and the range.
 */
export function numberIn(
  op: string,
  argument: string,
  value: unknown,
  min: number,
  max: number,
  openMin = false,
  openMax = false,
): number {
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (openMin ? value > min : value >= min) &&
    (openMax ? value < max : value <= max)
  ) {
    return value;
  }
  const range = `${openMin ? '(' : '['}${min}, ${max}${openMax ? ')' : ']'}`;
  throw new TrainerError('INVALID_ARGUMENT', `${op}: ${argument} must be a number in ${range}, got ${show(value)}`, {
    argument,
    value,
    expected: `a number in ${range}`,
  });
}

/** A short rendering of a value for error messages. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `[${value.slice(0, 8).map(show).join(', ')}${value.length > 8 ? ', …' : ''}]`;
  if (typeof value === 'function') return 'a function';
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}…` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `[2, 3]` as the string `[2, 3]`. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
