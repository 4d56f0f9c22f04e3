import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { expectSamplerError } from './testing/expect-error';

// First 8 outputs (as uint32) of Tommy Ettinger's C mulberry32 for these seeds, printed by
// ../test-fixtures/mulberry32.c (its output is ../test-fixtures/mulberry32.txt).
const REFERENCE: ReadonlyArray<readonly [number, readonly number[]]> = [
  [0, [1144304738, 1416247, 958946056, 627933444, 2007157716, 2340967985, 2642484575, 2787370982]],
  [1, [2693262067, 11749833, 2265367787, 4213581821, 4159151403, 1207330352, 2632122864, 3095568220]],
  [42, [2581720956, 1925393290, 3661312704, 2876485805, 750819978, 2261697747, 1173505300, 2683257857]],
  [1729, [407404394, 260702121, 2440835833, 4224652862, 3381236756, 3223394153, 2607859908, 1761530389]],
  [123456789, [1107202814, 4169434471, 3372958138, 885470128, 1301683845, 3208624240, 3344635568, 1221959552]],
  [2147483647, [1842962257, 546041740, 1654754255, 1702490205, 513796057, 4093909556, 2923511389, 4276844688]],
  [2147483648, [3524353788, 1924613307, 3365584844, 2199219949, 3602660773, 1806097541, 3841765038, 4005884542]],
  [4294967295, [3850105811, 813802916, 3073704848, 4054706436, 3630262831, 2315588663, 2922715533, 2042566601]],
];

/** mulberry32 written differently: BigInt arithmetic modulo 2^32, no Math.imul or |0 tricks. */
function bigintMulberry32(seed: number): () => number {
  const M = 1n << 32n;
  let state = BigInt(seed) % M;
  if (state < 0n) state += M;
  return () => {
    state = (state + 0x6d2b79f5n) % M;
    let z = ((state ^ (state >> 15n)) * (state | 1n)) % M;
    z = (z ^ (z + (((z ^ (z >> 7n)) * (z | 61n)) % M))) % M;
    return Number(z ^ (z >> 14n)) / 2 ** 32;
  };
}

describe('createRng (mulberry32)', () => {
  it('gives the C reference outputs', () => {
    for (const [seed, outputs] of REFERENCE) {
      const rng = createRng(seed);
      expect(outputs.map(() => rng() * 2 ** 32)).toEqual(outputs);
    }
    expect(createRng(0)()).toBe(0.26642920868471265);
    expect(createRng(42)()).toBe(0.6011037519201636);
  });

  it('agrees with an independent BigInt implementation for any seed (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().filter((s) => Math.abs(s) <= Number.MAX_SAFE_INTEGER),
        (seed) => {
          const ours = createRng(seed);
          const theirs = bigintMulberry32(seed);
          for (let i = 0; i < 20; i++) expect(ours()).toBe(theirs());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes integer seeds modulo 2^32', () => {
    const a = createRng(-1);
    const b = createRng(4294967295);
    const c = createRng(2 ** 40 + 4294967295);
    for (let i = 0; i < 5; i++) {
      const x = a();
      expect(b()).toBe(x);
      expect(c()).toBe(x);
    }
  });

  it('hashes string seeds (FNV-1a of UTF-8) to a fixed stream', () => {
    // FNV-1a 32 of "" is its offset basis 0x811c9dc5; of "a" it is 0xe40c292c (published test vectors).
    const empty = createRng('');
    const basis = createRng(0x811c9dc5);
    expect(empty()).toBe(basis());
    expect(createRng('a')()).toBe(createRng(0xe40c292c)());
    expect(createRng('héllo 😀')()).toBe(createRng('héllo 😀')());
    expect(createRng('a')()).not.toBe(createRng('b')());
  });

  it('returns numbers in [0, 1), roughly uniform', () => {
    const rng = createRng(99);
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = rng();
      expect(u >= 0 && u < 1).toBe(true);
      bins[Math.floor(u * 10)]!++;
    }
    const chi2 = bins.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(40); // 9 degrees of freedom
  });

  it('rejects seeds that are neither safe integers nor strings', () => {
    for (const seed of [1.5, NaN, Infinity, 2 ** 60, null, {}]) {
      expectSamplerError(() => createRng(seed as number), 'INVALID_ARGUMENT', 'seed', seed);
    }
  });
});
