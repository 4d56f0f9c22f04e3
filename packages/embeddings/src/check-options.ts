import { EmbeddingsError } from './errors';

/** Throws unless `value` is an integer in [min, max]; `argument` names the option in the message. */
export function checkInteger(operation: string, argument: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const expected = max === Infinity ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      `${operation}: ${argument} must be ${expected}; got ${String(value)}`,
      {
        argument,
        value,
        expected,
      },
    );
  }
  return value;
}

/**
 * Throws unless `value` is a finite number in the range; `minExclusive` makes the lower bound strict.
 */
export function checkNumber(
  operation: string,
  argument: string,
  value: unknown,
  min: number,
  max = Infinity,
  minExclusive = false,
): number {
  const below = typeof value === 'number' && (minExclusive ? value <= min : value < min);
  if (typeof value !== 'number' || !Number.isFinite(value) || below || value > max) {
    const lower = minExclusive ? `> ${min}` : `>= ${min}`;
    const expected = max === Infinity ? `a finite number ${lower}` : `a number ${lower} and <= ${max}`;
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      `${operation}: ${argument} must be ${expected}; got ${String(value)}`,
      {
        argument,
        value,
        expected,
      },
    );
  }
  return value;
}

/** Throws the standard abort error (the signal's reason) when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    throw reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
  }
}
