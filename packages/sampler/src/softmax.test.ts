import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logSoftmax, softmax } from './softmax';
import { expectSamplerError as expectError } from './testing/expect-error';

const logitsArb = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 });
const temperatureArb = fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 10, noNaN: true }));

describe('softmax', () => {
  it('matches the closed form on [1, 2, 3]', () => {
    // p_i = e^i / (e + e² + e³)
    const z = Math.E + Math.E ** 2 + Math.E ** 3;
    const p = softmax([1, 2, 3]);
    expect(p[0]).toBeCloseTo(Math.E / z, 15);
    expect(p[1]).toBeCloseTo(Math.E ** 2 / z, 15);
    expect(p[2]).toBeCloseTo(Math.E ** 3 / z, 15);
    expect(p[2]).toBeCloseTo(0.6652409557748219, 15);
  });

  it('divides by the temperature', () => {
    // [0, ln 4] / 2 = [0, ln 2] → weights 1 : 2.
    const p = softmax([0, Math.log(4)], 2);
    expect(p[0]).toBeCloseTo(1 / 3, 15);
    expect(p[1]).toBeCloseTo(2 / 3, 15);
    // T → ∞ flattens, T → 0 sharpens.
    const flat = softmax([1, 2, 3], 1e6);
    for (const q of flat) expect(q).toBeCloseTo(1 / 3, 5);
    const sharp = softmax([1, 2, 3], 0.01);
    expect(sharp[2]).toBeCloseTo(1, 12);
  });

  it('is the T → 0 limit at temperature 0, and never NaN at tiny temperatures', () => {
    expect([...softmax([1, 3, 2], 0)]).toEqual([0, 1, 0]);
    expect([...softmax([3, 1, 3, 3], 0)]).toEqual([1 / 3, 0, 1 / 3, 1 / 3]);
    for (const t of [1e-300, Number.MIN_VALUE]) {
      expect([...softmax([1, 3, 2], t)]).toEqual([0, 1, 0]);
      expect([...softmax([3, 1, 3], t)]).toEqual([0.5, 0, 0.5]);
    }
  });

  it('does not overflow on huge logits', () => {
    const p = softmax([1000, 1000, -1000]);
    expect([...p]).toEqual([0.5, 0.5, 0]);
    const q = softmax([1e308, -1e308]);
    expect([...q]).toEqual([1, 0]);
  });

  it('sums to 1 and preserves order, for any logits and temperature (fast-check)', () => {
    fc.assert(
      fc.property(logitsArb, temperatureArb, (logits, t) => {
        const p = softmax(logits, t);
        expect(p.length).toBe(logits.length);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        for (let i = 0; i < logits.length; i++) {
          expect(p[i]).toBeGreaterThanOrEqual(0);
          for (let j = 0; j < logits.length; j++)
            if (logits[i]! > logits[j]!) expect(p[i]).toBeGreaterThanOrEqual(p[j]!);
        }
      }),
    );
  });

  it('accepts Float32Array, Float64Array and arrays alike, and never modifies them', () => {
    const values = [0.5, -1.25, 3, 2];
    const f32 = Float32Array.from(values);
    const f64 = Float64Array.from(values);
    const arr = [...values];
    const expected = [...softmax(arr)];
    expect([...softmax(f32)]).toEqual(expected);
    expect([...softmax(f64)]).toEqual(expected);
    expect([...f32]).toEqual(values);
    expect([...f64]).toEqual(values);
    expect(arr).toEqual(values);
  });

  it('rejects bad logits and temperatures with a SamplerError naming them', () => {
    expectError(() => softmax([]), 'INVALID_LOGITS', 'logits', []);
    expectError(() => softmax([1, NaN]), 'INVALID_LOGITS', 'logits[1]', NaN);
    expectError(() => softmax(Float32Array.of(0, 0, Infinity)), 'INVALID_LOGITS', 'logits[2]', Infinity);
    expectError(() => softmax([-Infinity]), 'INVALID_LOGITS', 'logits[0]', -Infinity);
    expectError(() => softmax([1, 2], -1), 'INVALID_ARGUMENT', 'temperature', -1);
    expectError(() => softmax([1, 2], Infinity), 'INVALID_ARGUMENT', 'temperature', Infinity);
    expectError(() => softmax([1, 2], NaN), 'INVALID_ARGUMENT', 'temperature', NaN);
    expectError(() => softmax('12' as never), 'INVALID_LOGITS', 'logits', '12');
    expect(() => softmax([1, NaN])).toThrow('softmax: logits must be finite; found NaN at index 1');
    expect(() => softmax([1], -0.5)).toThrow(
      'softmax: temperature must be a finite number ≥ 0 (0 is greedy), got -0.5',
    );
  });
});

describe('logSoftmax', () => {
  it('matches hand-computed values', () => {
    expect([...logSoftmax([0, 0])]).toEqual([-Math.LN2, -Math.LN2]);
    // log-sum-exp keeps what softmax underflows: p = e^-1000 / (1 + e^-1000).
    expect([...logSoftmax([0, -1000])]).toEqual([0, -1000]);
    const l = logSoftmax([1, 2, 3]);
    const lse = Math.log(Math.E + Math.E ** 2 + Math.E ** 3);
    expect(l[0]).toBeCloseTo(1 - lse, 14);
    expect(l[2]).toBeCloseTo(3 - lse, 14);
  });

  it('at temperature 0 is the log of the T → 0 limit', () => {
    expect([...logSoftmax([2, 1, 2], 0)]).toEqual([-Math.LN2, -Infinity, -Math.LN2]);
    expect([...logSoftmax([2, 1], 0)]).toEqual([-0, -Infinity]);
  });

  it('equals log(softmax) where softmax does not underflow (fast-check)', () => {
    fc.assert(
      fc.property(logitsArb, temperatureArb, (logits, t) => {
        const p = softmax(logits, t);
        const l = logSoftmax(logits, t);
        for (let i = 0; i < logits.length; i++) {
          if (p[i]! > 1e-300) expect(l[i]).toBeCloseTo(Math.log(p[i]!), 9);
          expect(l[i]).toBeLessThanOrEqual(1e-12);
        }
      }),
    );
  });

  it('rejects what softmax rejects', () => {
    expectError(() => logSoftmax([]), 'INVALID_LOGITS', 'logits', []);
    expectError(() => logSoftmax([0, NaN]), 'INVALID_LOGITS', 'logits[1]', NaN);
    expectError(() => logSoftmax([0], -2), 'INVALID_ARGUMENT', 'temperature', -2);
  });
});
