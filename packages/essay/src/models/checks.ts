import { EssayError } from '../errors';

/** Checks that `value` is a whole number in `[min, max]`; throws `INVALID_ARGUMENT` naming `op` and `argument`. */
export function integerIn(op: string, argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: ${argument} must be an integer from ${min} to ${max}, got ${String(value)}`,
      {
        argument,
        value,
        expected: `an integer from ${min} to ${max}`,
      },
    );
  }
  return value;
}

/** Checks that `value` is a finite number greater than 0; throws `INVALID_ARGUMENT` naming `op` and `argument`. */
export function positiveNumber(op: string, argument: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: ${argument} must be a finite number > 0, got ${String(value)}`, {
      argument,
      value,
      expected: 'a finite number > 0',
    });
  }
  return value;
}

/** Checks that `value` is a finite number; throws `INVALID_ARGUMENT` naming `op` and `argument`. */
export function finiteNumber(op: string, argument: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: ${argument} must be a finite number, got ${String(value)}`, {
      argument,
      value,
      expected: 'a finite number',
    });
  }
  return value;
}
