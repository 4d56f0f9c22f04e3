import { InvalidArgumentError } from 'commander';

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
