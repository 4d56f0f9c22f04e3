import { describe, expect, it } from 'vitest';
import { NnCoreError } from '../../errors';
import { createQuantKernel, loadQuantKernel, type QuantKernel } from './quant-kernel';
import {
  exactProduct,
  randomValues,
  referenceProduct,
  referenceQuantizeActivations,
  referenceQuantizeWeights,
  weightAt,
} from './reference';

const BITS = [8, 4] as const;
const EPS32 = 2 ** -24;

/** Checks the kernel's product against the float64 reference of the block product, within float32 rounding. */
function expectBlockProduct(
  kernel: QuantKernel,
  options: { m: number; k: number; n: number; bits: 8 | 4; seed: number; bias?: boolean; transposed?: boolean },
): void {
  const { m, k, n, bits, seed } = options;
  const transposed = options.transposed ?? false;
  const w = randomValues(k * n, seed); // [k, n] or [n, k]
  const x = randomValues(m * k, seed + 1, -3, 3); // [m, k]
  const bias = options.bias ? randomValues(n, seed + 2) : undefined;
  const q = kernel.quantize(w, k, n, { bits, transposed });
  const y = kernel.matmul(x, m, q, undefined, bias); // [m, n]
  const ref = referenceProduct(
    referenceQuantizeActivations(x, m, k),
    referenceQuantizeWeights(w, k, n, bits, transposed),
    bias,
  );
  const blocks = Math.ceil(k / 32);
  expect(y.length).toBe(m * n);
  let worst = 0;
  for (let i = 0; i < m * n; i++) {
    const limit = (blocks + 4) * EPS32 * ref.magnitude[i]! + 1e-30;
    worst = Math.max(worst, Math.abs(y[i]! - ref.y[i]!) / limit);
  }
  expect(worst, `largest error ÷ its float32 bound, ${JSON.stringify(options)}`).toBeLessThanOrEqual(1);
  q.free();
}

describe('quantKernel.quantize', () => {
  const kernel = createQuantKernel();

  it.each(BITS)('%i-bit: dequantize gives f32(code · scale) of the per-block reference, within scale / 2', (bits) => {
    for (const [k, n, transposed] of [
      [70, 7, false],
      [70, 7, true],
      [32, 4, false],
      [33, 1, true],
    ] as const) {
      const w = randomValues(k * n, 11 + k + n, -2, 2);
      const q = kernel.quantize(w, k, n, { bits, transposed });
      expect([q.k, q.n, q.bits, q.blockSize, q.live]).toEqual([k, n, bits, 32, true]);
      const ref = referenceQuantizeWeights(w, k, n, bits, transposed);
      const deq = q.dequantize(); // [k, n]
      expect(deq.length).toBe(k * n);
      for (let kk = 0; kk < k; kk++) {
        for (let c = 0; c < n; c++) {
          const d = ref.scales[c * ref.blocks + Math.floor(kk / 32)]!;
          const want = Math.fround(ref.codes[c * k + kk]! * d);
          expect(deq[kk * n + c]).toBe(want);
          expect(Math.abs(weightAt(w, k, n, kk, c, transposed) - deq[kk * n + c]!)).toBeLessThanOrEqual(
            d / 2 + 1e-7 * d,
          );
        }
      }
      q.free();
    }
  });

  it('4-bit packing keeps every code from -7 to 7 in each nibble position, odd and even', () => {
    // Column c, value j of the block: code ((j + c) mod 15) - 7, scaled by 0.5; one column reaches 7
    // or -7 in every block, so the scale is exactly 3.5 / 7 = 0.5.
    const k = 64;
    const n = 5;
    const w = new Float32Array(k * n); // [k, n]
    for (let kk = 0; kk < k; kk++) for (let c = 0; c < n; c++) w[kk * n + c] = 0.5 * ((((kk % 32) + c) % 15) - 7);
    const q = kernel.quantize(w, k, n, { bits: 4 });
    expect(Array.from(q.dequantize())).toEqual(Array.from(w));
    // and the product sees the same codes: x = one-hot at K index kk picks row kk of W
    for (const kk of [0, 7, 8, 15, 16, 23, 24, 31, 33, 63]) {
      const x = new Float32Array(k);
      x[kk] = 1;
      const y = kernel.matmul(x, 1, q);
      expect(Array.from(y)).toEqual(Array.from(w.subarray(kk * n, (kk + 1) * n)));
    }
    q.free();
  });

  it('8-bit keeps codes ±127 and the values between exactly', () => {
    const k = 32;
    const n = 3;
    const w = new Float32Array(k * n);
    for (let kk = 0; kk < k; kk++)
      for (let c = 0; c < n; c++) w[kk * n + c] = kk === 0 ? 127 * (c - 1 || 1) : kk * 4 - 64 - c;
    const q = kernel.quantize(w, k, n, { bits: 8 });
    expect(Array.from(q.dequantize())).toEqual(Array.from(w));
    q.free();
  });

  it('a column of zeros gets scale 0 and codes 0', () => {
    const w = new Float32Array(40 * 3); // [40, 3]
    for (let kk = 0; kk < 40; kk++) w[kk * 3 + 1] = kk - 20;
    for (const bits of BITS) {
      const q = kernel.quantize(w, 40, 3, { bits });
      const deq = q.dequantize();
      for (let kk = 0; kk < 40; kk++) {
        expect(deq[kk * 3]).toBe(0);
        expect(deq[kk * 3 + 2]).toBe(0);
      }
      q.free();
    }
  });
});

describe('quantKernel.matmul', () => {
  const kernel = createQuantKernel();

  it.each(BITS)('%i-bit: equals the float64 block product for m = 1, 3, 64 within float32 rounding', (bits) => {
    for (const m of [1, 3, 64]) {
      expectBlockProduct(kernel, { m, k: 96, n: 13, bits, seed: 100 + m });
      expectBlockProduct(kernel, { m, k: 70, n: 6, bits, seed: 200 + m, bias: true });
    }
    expectBlockProduct(kernel, { m: 2, k: 32, n: 1, bits, seed: 300 });
    expectBlockProduct(kernel, { m: 5, k: 768, n: 18, bits, seed: 301, bias: true });
    expectBlockProduct(kernel, { m: 3, k: 45, n: 10, bits, seed: 302, transposed: true });
  });

  it.each(BITS)('%i-bit: a large N (50257 × K = 64) at m = 1', (bits) => {
    expectBlockProduct(kernel, { m: 1, k: 64, n: 50257, bits, seed: 400, bias: true });
  });

  it.each(BITS)('%i-bit: within the quantisation error bound of the exact float64 x · W', (bits) => {
    const m = 3;
    const k = 200;
    const n = 9;
    const w = randomValues(k * n, 7, -0.2, 0.2); // [k, n]
    const x = randomValues(m * k, 8, -4, 4); // [m, k]
    const q = kernel.quantize(w, k, n, { bits });
    const y = kernel.matmul(x, m, q); // [m, n]
    const exact = exactProduct(x, w, m, k, n);
    const wq = referenceQuantizeWeights(w, k, n, bits);
    const xq = referenceQuantizeActivations(x, m, k);
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < n; c++) {
        // x·w − x̂·ŵ = (x − x̂)·w + x̂·(w − ŵ), with |x − x̂| ≤ dx/2 and |w − ŵ| ≤ dw/2
        let bound = 0;
        for (let kk = 0; kk < k; kk++) {
          const b = Math.floor(kk / 32);
          const dx = xq.scales[r * xq.blocks + b]!;
          const dw = wq.scales[c * wq.blocks + b]!;
          bound += (dx / 2) * Math.abs(w[kk * n + c]!) + (Math.abs(x[r * k + kk]!) + dx / 2) * (dw / 2);
        }
        expect(Math.abs(y[r * n + c]! - exact[r * n + c]!)).toBeLessThanOrEqual(bound * 1.0001 + 1e-5);
      }
    }
    q.free();
  });

  it('rounds activations half to even: x = 2.5 with scale 1 gives code 2, 3.5 gives 4', () => {
    // W picks x's K index 1 into column 0 and index 2 into column 1, at weight 1 (code 127, scale 1/127).
    const k = 32;
    const w = new Float32Array(k * 2); // [32, 2]
    w[1 * 2 + 0] = 1;
    w[2 * 2 + 1] = 1;
    const x = new Float32Array(k); // max |x| = 127, so the block scale is exactly 1
    x[0] = 127;
    x[1] = 2.5;
    x[2] = -3.5;
    for (const bits of BITS) {
      const q = kernel.quantize(w, k, 2, { bits });
      const [y0, y1] = kernel.matmul(x, 1, q);
      expect(y0).toBeCloseTo(2, 5);
      expect(y1).toBeCloseTo(-4, 5);
      q.free();
    }
  });

  it('writes into out when given, and adds the bias', () => {
    const k = 64;
    const n = 5;
    const w = randomValues(k * n, 3);
    const q = kernel.quantize(w, k, n, { bits: 8 });
    const x = randomValues(2 * k, 4);
    const out = new Float32Array(2 * n).fill(99);
    const plain = kernel.matmul(x, 2, q);
    const bias = new Float32Array([1, 2, 3, 4, 5]);
    expect(kernel.matmul(x, 2, q, out, bias)).toBe(out);
    for (let i = 0; i < 2 * n; i++) expect(out[i]).toBeCloseTo(plain[i]! + bias[i % n]!, 5);
    q.free();
  });

  it('zero rows of x give zeros (and m = 0 gives an empty result)', () => {
    const q = kernel.quantize(randomValues(40 * 6, 5), 40, 6, { bits: 4 });
    expect(Array.from(kernel.matmul(new Float32Array(2 * 40), 2, q))).toEqual(new Array(12).fill(0));
    expect(kernel.matmul(new Float32Array(0), 0, q).length).toBe(0);
    q.free();
  });
});

describe('quantKernel memory', () => {
  it('frees a matrix for reuse: allocated bytes return, the memory does not grow again', () => {
    const kernel = createQuantKernel();
    const before = kernel.allocatedBytes;
    const w = randomValues(768 * 300, 9);
    const a = kernel.quantize(w, 768, 300, { bits: 8 });
    expect(a.bytes).toBe(24 * 75 * 144);
    expect(kernel.allocatedBytes - before).toBeGreaterThanOrEqual(a.bytes);
    kernel.matmul(randomValues(768 * 4, 0), 4, a);
    const capacity = kernel.memoryBytes;
    a.free();
    expect([a.live, a.bytes]).toEqual([false, 0]);
    a.free(); // again: nothing
    expect(kernel.allocatedBytes).toBe(before);
    for (let i = 0; i < 6; i++) {
      const b = kernel.quantize(w, 768, 300, { bits: i % 2 === 0 ? 8 : 4 });
      kernel.matmul(randomValues(768 * 4, i), 4, b);
      b.free();
    }
    expect(kernel.memoryBytes).toBe(capacity);
    expect(kernel.allocatedBytes).toBe(before);
  });

  it('keeps earlier matrices right when the memory grows, and matmul leaves no allocation behind', () => {
    const kernel = createQuantKernel();
    const small = kernel.quantize(randomValues(64 * 8, 1), 64, 8, { bits: 4 });
    const x = randomValues(64, 2);
    const first = kernel.matmul(x, 1, small);
    const startBytes = kernel.memoryBytes;
    const big = kernel.quantize(randomValues(1024 * 1024, 3), 1024, 1024, { bits: 8 }); // ~1.1 MB
    expect(kernel.memoryBytes).toBeGreaterThan(startBytes);
    const held = kernel.allocatedBytes;
    expect(Array.from(kernel.matmul(x, 1, small))).toEqual(Array.from(first));
    kernel.matmul(randomValues(1024 * 8, 4), 8, big);
    expect(kernel.allocatedBytes).toBe(held);
    small.free();
    big.free();
  });

  it('compiles asynchronously too', async () => {
    const kernel = await loadQuantKernel();
    // each column's largest |w| is 127, so its codes are the weights and its scale 1
    const q = kernel.quantize(new Float32Array([127, 2, 1, 127]), 2, 2, { bits: 8 });
    const [y0, y1] = kernel.matmul(new Float32Array([1, 1]), 1, q);
    expect(y0).toBeCloseTo(128, 4);
    expect(y1).toBeCloseTo(129, 4);
  });
});

describe('quantKernel bad input', () => {
  const kernel = createQuantKernel();
  const w = randomValues(64 * 4, 1);

  function expectError(fn: () => unknown, code: string, argument: string, message: RegExp): void {
    let caught: unknown;
    try {
      fn();
    } catch (error) {
      caught = error;
    }
    expect(NnCoreError.isInstance(caught), `expected an NnCoreError, got ${String(caught)}`).toBe(true);
    const error = caught as NnCoreError;
    expect([error.code, error.argument]).toEqual([code, argument]);
    expect(error.message).toMatch(message);
  }

  it('quantize refuses bad options, shapes and values', () => {
    expectError(
      () => kernel.quantize(w, 64, 4, { bits: 3 as 8 }),
      'INVALID_ARGUMENT',
      'bits',
      /bits must be 8 or 4, got 3/,
    );
    expectError(() => kernel.quantize(w, 64, 4, { bits: 8, blockSize: 64 }), 'INVALID_ARGUMENT', 'blockSize', /got 64/);
    expectError(
      () => kernel.quantize(w, 0, 4, { bits: 8 }),
      'INVALID_ARGUMENT',
      'k',
      /k must be a positive integer, got 0/,
    );
    expectError(() => kernel.quantize(w, 64, 1.5, { bits: 8 }), 'INVALID_ARGUMENT', 'n', /got 1.5/);
    expectError(
      () => kernel.quantize(w, 64, 5, { bits: 8 }),
      'SHAPE_MISMATCH',
      'weights',
      /k × n = 64 × 5 = 320 values; got Float32Array\(256\)/,
    );
    expectError(
      () => kernel.quantize(Array.from(w) as unknown as Float32Array, 64, 4, { bits: 8 }),
      'INVALID_ARGUMENT',
      'weights',
      /must be a Float32Array.*got object/,
    );
    expectError(
      () => kernel.quantize(w, 64, 4, { bits: 8, transposed: 'yes' as unknown as boolean }),
      'INVALID_ARGUMENT',
      'transposed',
      /boolean/,
    );
    const bad = w.slice();
    bad[4 * 10 + 2] = Number.NaN;
    expectError(
      () => kernel.quantize(bad, 64, 4, { bits: 4 }),
      'INVALID_ARGUMENT',
      'weights',
      /found NaN at index 42 \(row 10, column 2/,
    );
    bad[42] = Infinity;
    expectError(
      () => kernel.quantize(bad, 4, 64, { bits: 8, transposed: true }),
      'INVALID_ARGUMENT',
      'weights',
      /Infinity at index 42 \(row 2, column 10 of W \[k, n\] = \[4, 64\], given transposed/,
    );
    expect(kernel.allocatedBytes).toBe(0);
  });

  it('matmul refuses bad m, lengths, values and matrices', () => {
    const q = kernel.quantize(w, 64, 4, { bits: 8 });
    const x = randomValues(2 * 64, 2);
    expectError(() => kernel.matmul(x, -1, q), 'INVALID_ARGUMENT', 'm', /m must be a non-negative integer, got -1/);
    expectError(
      () => kernel.matmul(x, 3, q),
      'SHAPE_MISMATCH',
      'x',
      /m × k = 3 × 64 = 192 values; got Float32Array\(128\)/,
    );
    expectError(
      () => kernel.matmul(x, 2, q, new Float32Array(7)),
      'SHAPE_MISMATCH',
      'out',
      /= 8 values; got Float32Array\(7\)/,
    );
    expectError(() => kernel.matmul(x, 2, q, undefined, new Float32Array(3)), 'SHAPE_MISMATCH', 'bias', /n = 4 values/);
    const nan = x.slice();
    nan[64 + 40] = Number.NaN;
    expectError(
      () => kernel.matmul(nan, 2, q),
      'INVALID_ARGUMENT',
      'x',
      /found NaN at row 1, column 40 of x \[m, k\] = \[2, 64\]/,
    );
    nan[64 + 40] = -Infinity;
    expectError(() => kernel.matmul(nan, 2, q), 'INVALID_ARGUMENT', 'x', /-Infinity at row 1, column 40/);
    const other = createQuantKernel().quantize(w, 64, 4, { bits: 8 });
    expectError(() => kernel.matmul(x, 2, other), 'INVALID_ARGUMENT', 'q', /belongs to another kernel/);
    expectError(() => kernel.matmul(x, 2, {} as never), 'INVALID_ARGUMENT', 'q', /not a QuantMatrix/);
    q.free();
    expectError(() => kernel.matmul(x, 2, q), 'INVALID_ARGUMENT', 'q', /was freed/);
    expectError(() => q.dequantize(), 'INVALID_ARGUMENT', 'q', /was freed/);
    expect(kernel.allocatedBytes).toBe(0);
  });
});
