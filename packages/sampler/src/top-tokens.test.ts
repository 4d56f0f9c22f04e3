import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { softmax } from './softmax';
import { expectSamplerError } from './testing/expect-error';
import { topTokens } from './top-tokens';

/** The naive way: softmax everything, sort every index (descending logit, then lower id), take k. */
function naiveTopTokens(logits: ArrayLike<number>, k: number, t?: number) {
  const p = softmax(Array.from(logits), t);
  const order = Array.from(logits, (_, i) => i).sort((a, b) => logits[b]! - logits[a]! || a - b);
  const indices = order.slice(0, k);
  return { indices, probabilities: indices.map((i) => p[i]!) };
}

describe('topTokens', () => {
  it('returns the k most likely, most likely first, ties by lower id', () => {
    const e = Math.E;
    const z = 2 * e ** 3 + e ** 2 + e;
    const top = topTokens([1, 3, 2, 3], 3);
    expect(top.indices).toEqual([1, 3, 2]);
    expect(top.probabilities[0]).toBeCloseTo(e ** 3 / z, 15);
    expect(top.probabilities[1]).toBeCloseTo(e ** 3 / z, 15);
    expect(top.probabilities[2]).toBeCloseTo(e ** 2 / z, 15);
    expect(topTokens([5, 5, 5, 5], 2).indices).toEqual([0, 1]);
    expect(topTokens([1, 2], 10).indices).toEqual([1, 0]);
    expect(topTokens([0, 0, 1], 1, 0)).toEqual({ indices: [2], probabilities: [1] });
    expect(topTokens([1, 0, 1], 3, 0)).toEqual({ indices: [0, 2, 1], probabilities: [0.5, 0.5, 0] });
  });

  it('matches sorting everything (fast-check)', () => {
    const logits = fc.oneof(
      fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 300 }),
      fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 300 }),
    );
    fc.assert(
      fc.property(
        logits,
        fc.integer({ min: 1, max: 320 }),
        fc.oneof(fc.constant(undefined), fc.double({ min: 0.1, max: 4, noNaN: true })),
        fc.boolean(),
        (values, k, t, f32) => {
          const input = f32 ? Float32Array.from(values) : values;
          const copy = Array.from(input);
          const got = topTokens(input, k, t);
          const want = naiveTopTokens(input, k, t);
          expect(got.indices).toEqual(want.indices);
          got.probabilities.forEach((p, i) => expect(Math.abs(p - want.probabilities[i]!)).toBeLessThan(1e-14));
          expect(Array.from(input)).toEqual(copy);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('works on 50,257 logits and on adversarial orders', () => {
    const n = 50_257;
    const ascending = Float32Array.from({ length: n }, (_, i) => i / 1000);
    expect(topTokens(ascending, 5).indices).toEqual([50256, 50255, 50254, 50253, 50252]);
    const descending = Float32Array.from({ length: n }, (_, i) => -i / 1000);
    expect(topTokens(descending, 3).indices).toEqual([0, 1, 2]);
    const flat = new Float32Array(n);
    expect(topTokens(flat, 4)).toEqual({ indices: [0, 1, 2, 3], probabilities: new Array(4).fill(1 / n) });
  });

  it('rejects bad arguments', () => {
    expectSamplerError(() => topTokens([], 1), 'INVALID_LOGITS', 'logits', []);
    expectSamplerError(() => topTokens([0, NaN], 1), 'INVALID_LOGITS', 'logits[1]', NaN);
    expectSamplerError(() => topTokens([0, 1], 0), 'INVALID_ARGUMENT', 'k', 0);
    expectSamplerError(() => topTokens([0, 1], 1.5), 'INVALID_ARGUMENT', 'k', 1.5);
    expectSamplerError(() => topTokens([0, 1], 1, -1), 'INVALID_ARGUMENT', 'temperature', -1);
  });
});
