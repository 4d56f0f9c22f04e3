import { describe, expect, it } from 'vitest';
import { fillLabels, fillValues, hashAt, nameSeed, weightValues } from './fill';
import { lossGap } from './report';
import { timingShape } from './timing';

const M32 = (1n << 32n) - 1n;

/** hashAt again, in BigInt arithmetic (what torch_train.py's numpy uint32 code computes). */
function hashRef(i: number, seed: number): number {
  let h = (BigInt(i) * 0x9e3779b1n + BigInt(seed) * 0x85ebca77n) & M32;
  h ^= h >> 15n;
  h = (h * 0x2c1b3c6dn) & M32;
  h ^= h >> 12n;
  h = (h * 0x297a2d39n) & M32;
  h ^= h >> 15n;
  return Number(h);
}

describe('fill', () => {
  it('nameSeed is FNV-1a 32-bit', () => {
    // Published FNV-1a test vectors.
    expect(nameSeed('')).toBe(0x811c9dc5);
    expect(nameSeed('a')).toBe(0xe40c292c);
    expect(nameSeed('foobar')).toBe(0xbf9cf968);
  });

  it('hashAt matches exact 32-bit arithmetic', () => {
    for (const seed of [0, 1, 0xffffffff, nameSeed('hidden.weight')]) {
      for (const i of [0, 1, 2, 1000, 123456, 7_077_888]) expect(hashAt(i, seed)).toBe(hashRef(i, seed));
    }
  });

  it('fillValues maps each hash to offset + scale · (2h/2^32 − 1), rounded to float32', () => {
    const values = fillValues(5, 'x', 0.5, 1);
    const seed = nameSeed('x');
    for (let i = 0; i < 5; i++) expect(values[i]).toBe(Math.fround(1 + 0.5 * ((hashRef(i, seed) / 2 ** 32) * 2 - 1)));
    const u = fillValues(10_000, 'spread', 1);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(Math.abs(u.reduce((a, b) => a + b, 0) / u.length)).toBeLessThan(0.03);
  });

  it('fillLabels is the hash modulo the class count', () => {
    const seed = nameSeed('y');
    expect([...fillLabels(6, 'y', 10)]).toEqual([0, 1, 2, 3, 4, 5].map((i) => hashRef(i, seed) % 10));
  });

  it('weightValues: matrices ±√(3/in), norm gains 1 ± 0.1, other vectors ±0.1', () => {
    const w = weightValues('attn.c_attn.weight', [12, 3]);
    expect(w.length).toBe(36);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(Math.fround(0.5));
    const gain = weightValues('ln_1.weight', [8]);
    for (const g of gain) expect(Math.abs(g - 1)).toBeLessThanOrEqual(0.1 + 1e-7);
    for (const b of weightValues('ln_1.bias', [8])) expect(Math.abs(b)).toBeLessThanOrEqual(0.1 + 1e-7);
    for (const b of weightValues('hidden.weight', [8])) expect(Math.abs(b)).toBeLessThanOrEqual(0.1 + 1e-7);
  });
});

describe('timingShape', () => {
  const plan = {
    warmupSteps: 0,
    rounds: 7,
    minRounds: 3,
    roundSeconds: 1,
    maxStepsPerRound: 500,
    maxSecondsPerModel: 25,
  };
  it('fills a round of about roundSeconds, capped', () => {
    expect(timingShape(plan, 10)).toEqual({ stepsPerRound: 100, rounds: 7 });
    expect(timingShape(plan, 0.1)).toEqual({ stepsPerRound: 500, rounds: 7 });
  });
  it('cuts rounds of slow steps down to minRounds', () => {
    expect(timingShape(plan, 5000)).toEqual({ stepsPerRound: 1, rounds: 5 });
    expect(timingShape(plan, 20_000)).toEqual({ stepsPerRound: 1, rounds: 3 });
  });
});

describe('lossGap', () => {
  it('is the largest relative difference', () => {
    expect(lossGap([1, 2], [1, 2])).toBe(0);
    expect(lossGap([1.1, 2], [1, 2])).toBeCloseTo(0.1, 12);
    expect(lossGap([1], [1, 2])).toBe(Infinity);
    expect(lossGap([NaN], [1])).toBe(Infinity);
  });
});
