import { InvalidArgumentError } from 'commander';

/** Parses an option value that must be a whole number of at least `least` (a usage error otherwise). */
export function integerAtLeast(least: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < least) {
      throw new InvalidArgumentError(`Expected an integer ≥ ${least}.`);
    }
    return n;
  };
}

/** An integer ≥ 1. */
export const positiveInteger = integerAtLeast(1);

/** Parses an option value that must be a finite number ≥ 0. */
export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('Expected a number ≥ 0.');
  return n;
}

/** Parses a whole number from `min` to `max` (a usage error otherwise). */
export function integerFromTo(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`Expected an integer from ${min} to ${max}.`);
    }
    return n;
  };
}

/** Parses a finite number > 0 (a usage error otherwise). */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Expected a number > 0.');
  return n;
}
