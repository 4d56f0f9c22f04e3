import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NnCoreError } from '../errors';
import { dequantize, quantizeWeights, quantizedCodes, type QuantizedTensor } from './quantized-tensor';

/**
 * Float64 reference of the scheme, written from its definition and independently of the code under
 * test: scales are max|w| / qmax over each channel (stored as float32), codes round half away from
 * zero and are clamped to ±qmax, a zero scale gives code 0.
 */
function referenceQuantize(
  values: ArrayLike<number>,
  shape: readonly number[],
  bits: 8 | 4,
  axis: number,
): { scales: number[]; codes: number[]; dequantized: number[] } {
  const qmax = bits === 8 ? 127 : 7;
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const channelOf = (i: number): number => Math.floor(i / strides[axis]!) % shape[axis]!;
  const scales = Array.from({ length: shape[axis]! }, (_, c) => {
    let max = 0;
    for (let i = 0; i < values.length; i++) if (channelOf(i) === c) max = Math.max(max, Math.abs(values[i]!));
    return Math.fround(max / qmax);
  });
  const codes: number[] = [];
  const dequantized: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const s = scales[channelOf(i)]!;
    const r = s === 0 ? 0 : values[i]! / s;
    const rounded = Math.min(qmax, Math.max(-qmax, Math.sign(r) * Math.floor(Math.abs(r) + 0.5)));
    const code = rounded === 0 ? 0 : rounded; // no -0
    codes.push(code);
    dequantized.push(Math.fround(code * s));
  }
  return { scales, codes, dequantized };
}

function errorOf(run: () => unknown): NnCoreError {
  try {
    run();
  } catch (error) {
    if (NnCoreError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an NnCoreError');
}

/** Random matrices: integer mantissas times a power of ten, with some all-zero columns. */
const matrixArb = fc
  .record({
    rows: fc.integer({ min: 1, max: 7 }),
    cols: fc.integer({ min: 1, max: 7 }),
    exponent: fc.integer({ min: -4, max: 3 }),
    zeroColumn: fc.integer({ min: -1, max: 6 }),
    seed: fc.array(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 49, maxLength: 49 }),
  })
  .map(({ rows, cols, exponent, zeroColumn, seed }) => {
    const values = new Float32Array(rows * cols);
    for (let i = 0; i < values.length; i++) {
      values[i] = i % cols === zeroColumn ? 0 : (seed[i]! / 100_000) * 10 ** exponent;
    }
    return { values, shape: [rows, cols] };
  });

describe('quantizeWeights / dequantize', () => {
  it('8 bits, per column of a 2×3 matrix: hand-computed scales, codes (ties away from zero) and values', () => {
    // Column maxima 127, 63.5, 254 → scales 1, 0.5, 2 (exact in float32).
    // codes: col 0 [127, -2.5 → -3]; col 1 [-63.5/0.5 = -127, 10.25/0.5 = 20.5 → 21]; col 2 [1/2 = 0.5 → 1, 127]
    const w = Float32Array.from([127, -63.5, 1, -2.5, 10.25, 254]);
    const q = quantizeWeights(w, [2, 3], { bits: 8 });
    expect(q.bits).toBe(8);
    expect(q.axis).toBe(1);
    expect(q.shape).toEqual([2, 3]);
    expect(Array.from(q.scales)).toEqual([1, 0.5, 2]);
    expect(q.data).toBeInstanceOf(Int8Array);
    expect(Array.from(q.data)).toEqual([127, -127, 1, -3, 21, 127]);
    expect(Array.from(dequantize(q))).toEqual([127, -63.5, 2, -3, 10.5, 254]);
    expect(q.byteLength).toBe(6 + 3 * 4);
  });

  it('8 bits, per row (axis 0) of the same matrix', () => {
    // Row maxima 127 and 254 → scales 1 and 2: row 0 [127, -63.5 → -64, 1]; row 1 [-1.25 → -1, 5.125 → 5, 127]
    const w = Float32Array.from([127, -63.5, 1, -2.5, 10.25, 254]);
    const q = quantizeWeights(w, [2, 3], { bits: 8, axis: 0 });
    expect(q.axis).toBe(0);
    expect(Array.from(q.scales)).toEqual([1, 2]);
    expect(Array.from(q.data)).toEqual([127, -64, 1, -1, 5, 127]);
    expect(Array.from(dequantize(q))).toEqual([127, -64, 1, -2, 10, 254]);
  });

  it('4 bits: codes in [-7, 7], packed two per byte; a zero column gets scale 0 and no NaN', () => {
    // Column maxima 7, 3.5, 0 → scales 1, 0.5, 0. codes row-major [7, -7, 0, -2.5 → -3, 1.25/0.5 = 2.5 → 3, 0]
    const w = Float32Array.from([7, -3.5, 0, -2.5, 1.25, 0]);
    const q = quantizeWeights(w, [2, 3], { bits: 4 });
    expect(q.bits).toBe(4);
    expect(Array.from(q.scales)).toEqual([1, 0.5, 0]);
    expect(Array.from(quantizedCodes(q))).toEqual([7, -7, 0, -3, 3, 0]);
    // nibbles [15, 1, 8, 5, 11, 8] → bytes [15 + 16, 8 + 80, 11 + 128]
    expect(q.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(q.data)).toEqual([31, 88, 139]);
    expect(Array.from(dequantize(q))).toEqual([7, -3.5, 0, -3, 1.5, 0]);
    expect(q.byteLength).toBe(3 + 3 * 4);
  });

  it('4-bit packing round-trips odd element counts (rank 1 and rank 3)', () => {
    const w = Float32Array.from([0.7, -0.1, 0.35, 0.2, -0.7]); // one channel per element on axis -1
    const perElement = quantizeWeights(w, [5], { bits: 4 });
    expect(perElement.data.length).toBe(3);
    expect(Array.from(quantizedCodes(perElement))).toEqual([7, -7, 7, 7, -7]);
    expect(Array.from(dequantize(perElement))).toEqual(Array.from(w));

    const shape = [3, 1, 5]; // 15 values, scales along the middle axis = one channel
    const values = Float32Array.from({ length: 15 }, (_, i) => (i - 7) / 7);
    const q = quantizeWeights(values, shape, { bits: 4, axis: 1 });
    expect(q.data.length).toBe(8);
    const ref = referenceQuantize(values, shape, 4, 1);
    expect(Array.from(quantizedCodes(q))).toEqual(ref.codes);
    expect(Array.from(dequantize(q))).toEqual(ref.dequantized);
  });

  it('matches the float64 reference on random matrices, any axis, both widths', () => {
    fc.assert(
      fc.property(matrixArb, fc.constantFrom(8 as const, 4 as const), fc.constantFrom(0, 1, -1), (m, bits, axis) => {
        const q = quantizeWeights(m.values, m.shape, { bits, axis });
        const ref = referenceQuantize(m.values, m.shape, bits, axis < 0 ? axis + 2 : axis);
        expect(Array.from(q.scales)).toEqual(ref.scales);
        expect(Array.from(quantizedCodes(q))).toEqual(ref.codes);
        expect(Array.from(dequantize(q))).toEqual(ref.dequantized);
      }),
    );
  });

  it('|w − dequant(quant(w))| ≤ scale/2 per element; the largest |w| of a channel maps to ±qmax', () => {
    fc.assert(
      fc.property(matrixArb, fc.constantFrom(8 as const, 4 as const), (m, bits) => {
        const q = quantizeWeights(m.values, m.shape, { bits });
        const back = dequantize(q);
        const codes = quantizedCodes(q);
        const cols = m.shape[1]!;
        const qmax = bits === 8 ? 127 : 7;
        for (let i = 0; i < back.length; i++) {
          const scale = q.scales[i % cols]!;
          const w = m.values[i]!;
          // scale/2 from rounding, plus half a float32 ulp from storing code × scale.
          expect(Math.abs(w - back[i]!)).toBeLessThanOrEqual(scale / 2 + Math.abs(w) * 2 ** -24);
          expect(Math.abs(codes[i]!)).toBeLessThanOrEqual(qmax);
          expect(Number.isNaN(back[i])).toBe(false);
        }
        for (let c = 0; c < cols; c++) {
          const column = Array.from({ length: m.shape[0]! }, (_, r) => Math.abs(m.values[r * cols + c]!));
          const max = Math.max(...column);
          const at = column.indexOf(max) * cols + c;
          expect(Math.abs(codes[at]!)).toBe(max === 0 ? 0 : qmax);
        }
      }),
    );
  });

  it('a 768×3072 weight takes ≤ 26% (8 bits) and ≤ 13% (4 bits) of its float32 bytes', () => {
    const n = 768 * 3072;
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = Math.sin(i * 0.618) * 0.02;
    const floatBytes = values.byteLength;
    const q8 = quantizeWeights(values, [768, 3072], { bits: 8 });
    const q4 = quantizeWeights(values, [768, 3072], { bits: 4 });
    expect(q8.byteLength).toBe(n + 3072 * 4);
    expect(q4.byteLength).toBe(n / 2 + 3072 * 4);
    expect(q8.byteLength / floatBytes).toBeLessThanOrEqual(0.26);
    expect(q4.byteLength / floatBytes).toBeLessThanOrEqual(0.13);
  });

  it('refuses bad bits, axis, shape, symmetric and non-finite values, naming the argument', () => {
    const w = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect(errorOf(() => quantizeWeights(w, [2, 3], { bits: 16 as 8 }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'bits',
      value: 16,
    });
    expect(errorOf(() => quantizeWeights(w, [2, 3], { bits: 8, axis: 2 }))).toMatchObject({
      argument: 'axis',
      value: 2,
    });
    expect(errorOf(() => quantizeWeights(w, [2, 3], { bits: 8, axis: -3 })).message).toMatch(/quantizeWeights: axis/);
    expect(errorOf(() => quantizeWeights(w, [2, 3], { bits: 4, axis: 0.5 })).argument).toBe('axis');
    expect(errorOf(() => quantizeWeights(w, [4, 2], { bits: 8 }))).toMatchObject({
      code: 'SHAPE_MISMATCH',
      argument: 'shape',
    });
    expect(errorOf(() => quantizeWeights(w, [], { bits: 8 })).argument).toBe('shape');
    expect(errorOf(() => quantizeWeights(w, [2, 3], { bits: 8, symmetric: false })).argument).toBe('symmetric');
    const nan = errorOf(() => quantizeWeights([1, Number.NaN], [2], { bits: 8 }));
    expect(nan).toMatchObject({ argument: 'values' });
    expect(nan.message).toMatch(/NaN at index 1/);
  });

  it('dequantize refuses an inconsistent tensor', () => {
    const q = quantizeWeights(Float32Array.from([1, 2, 3, 4]), [2, 2], { bits: 8 });
    const bad = { ...q, scales: new Float32Array(3) } as QuantizedTensor;
    expect(errorOf(() => dequantize(bad))).toMatchObject({ code: 'SHAPE_MISMATCH', argument: 'q' });
    expect(errorOf(() => dequantize({ ...q, bits: 2 } as unknown as QuantizedTensor)).argument).toBe('bits');
    expect(errorOf(() => dequantize({ ...q, axis: 2 })).argument).toBe('axis');
  });
});
