import { createRng, type Rng } from '@chatgpt-explained/sampler';
import { describe } from './check';
import { NgramError } from './errors';

/**
 * The source of randomness of a generating call: its `rng` option (a function the caller owns), or
 * `createRng(seed)` from its `seed` option (default 0). Both at once, or a bad value, is an error
 * naming the option.
 */
export function rngOf(operation: string, o: Record<string, unknown>): Rng {
  if (o['seed'] !== undefined && o['rng'] !== undefined) {
    throw new NgramError('INVALID_ARGUMENT', `${operation}: give seed or rng, not both`, {
      argument: 'seed',
      value: o['seed'],
      expected: 'seed or rng, not both',
    });
  }
  if (o['rng'] !== undefined) {
    if (typeof o['rng'] === 'function') return o['rng'] as Rng;
    throw new NgramError('INVALID_ARGUMENT', `${operation}: rng must be a function, got ${describe(o['rng'])}`, {
      argument: 'rng',
      value: o['rng'],
      expected: 'a function returning numbers in [0, 1), such as createRng(seed)',
    });
  }
  const seed = o['seed'] ?? 0;
  if (typeof seed !== 'string' && !Number.isSafeInteger(seed)) {
    throw new NgramError(
      'INVALID_ARGUMENT',
      `${operation}: seed must be an integer or a string, got ${describe(seed)}`,
      {
        argument: 'seed',
        value: seed,
        expected: 'a safe integer or a string',
      },
    );
  }
  return createRng(seed as number | string);
}
