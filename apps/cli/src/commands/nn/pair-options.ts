import { InvalidArgumentError } from 'commander';

const finite = (text: string) => (text.trim() === '' ? NaN : Number(text));

/** Parses `--range a,b`: two finite numbers with a < b (a usage error otherwise). */
export function rangeOption(value: string): [number, number] {
  const parts = value.split(',').map(finite);
  if (parts.length !== 2 || !parts.every(Number.isFinite) || !(parts[0]! < parts[1]!)) {
    throw new InvalidArgumentError(`Expected "from,to", two numbers with from < to; got "${value}".`);
  }
  return [parts[0]!, parts[1]!];
}

/** Parses `--start "w1,w2;w1,w2"`: 1 to `most` points of two finite numbers each. */
export function weightPointsOption(most: number): (value: string) => Array<{ w1: number; w2: number }> {
  return (value) => {
    const groups = value.split(';').map((g) => g.trim());
    if (groups.length > most) throw new InvalidArgumentError(`Expected at most ${most} points, got ${groups.length}.`);
    return groups.map((group) => {
      const parts = group.split(',').map(finite);
      if (parts.length !== 2 || !parts.every(Number.isFinite)) {
        throw new InvalidArgumentError(`Expected "w1,w2" (two numbers) for each point; got "${group}".`);
      }
      return { w1: parts[0]!, w2: parts[1]! };
    });
  };
}
