import { SamplerError } from './errors';
import { describe } from './validate';

/**
 * A source of uniform random numbers in [0, 1), owned by the caller: {@link sample} calls it once
 * per token. `Math.random` fits the type (but is not reproducible); {@link createRng} makes a seeded one.
 */
export type Rng = () => number;

/**
 * A seeded random number generator: Tommy Ettinger's mulberry32 (a 32-bit state advanced by a
 * Weyl sequence and mixed; period 2^32), each output divided by 2^32, so every value is a multiple
 * of 2^-32 in [0, 1). The same seed gives the same sequence on every run, machine and JavaScript
 * engine (integer arithmetic only), and so, passed to {@link sample}, the same text.
 *
 * `seed` is an integer (a safe integer, negative allowed, taken modulo 2^32: seeds that differ by
 * a multiple of 2^32 give the same sequence) or a string (hashed to 32 bits by FNV-1a over its
 * UTF-8 bytes). Small, fast and statistically fine for sampling tokens; not for cryptography.
 *
 * @example
 * const rng = createRng(42);
 * rng(); // 0.6011037519201636
 * createRng('my experiment')(); // the same number every time
 * @throws SamplerError `INVALID_ARGUMENT` when `seed` is neither a safe integer nor a string.
 */
export function createRng(seed: number | string): Rng {
  let state: number;
  if (typeof seed === 'string') state = fnv1a(seed);
  else if (typeof seed === 'number' && Number.isSafeInteger(seed)) state = Number(BigInt.asUintN(32, BigInt(seed)));
  else {
    throw new SamplerError(
      'INVALID_ARGUMENT',
      `createRng: seed must be a safe integer or a string, got ${describe(seed)}`,
      {
        argument: 'seed',
        value: seed,
        expected: 'a safe integer or a string',
      },
    );
  }
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let z = Math.imul(state ^ (state >>> 15), state | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a of the UTF-8 bytes of `text`. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}
