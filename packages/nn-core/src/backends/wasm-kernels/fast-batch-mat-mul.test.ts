import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/reference-ops';
import { PER_BATCH_MIN_MACS } from './fast-batch-mat-mul';
import { useBackend } from './test-backends';

tf.env().set('PROD', true);

/** Uniform values in [-1, 1), rounded to float32 so both sides see the same inputs. */
function values(n: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  return Float32Array.from({ length: n }, () => 2 * next() - 1);
}

/** op(A)[m, k] × op(B)[k, n] in float64 from row-major arrays, op = transpose when asked. */
function matMulRef(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ta ? p * m + i : i * k + p]! * b[tb ? j * k + p : p * n + j]!;
      out[i * n + j] = s;
    }
  return out;
}

describe('BatchMatMul on wasm with transposed operands', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it("is nn-core's wrapper once the backend is active", () => {
    expect(
      (tf.getKernel('BatchMatMul', 'wasm') as unknown as Record<symbol, unknown>)[
        Symbol.for('chatgpt-explained.fast-batch-mat-mul')
      ],
    ).toBe(true);
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('transposeA %s, transposeB %s: matches float64 and leaks nothing', async (ta, tb) => {
    const [m, k, n] = [37, 64, 29];
    const a = values(m * k, 1);
    const b = values(k * n, 2);
    const before = tf.memory().numTensors;
    const buffersBefore = tf.memory().numDataBuffers;
    const got = tf.tidy(() =>
      tf.matMul(tf.tensor2d(a, ta ? [k, m] : [m, k]), tf.tensor2d(b, tb ? [n, k] : [k, n]), ta, tb),
    );
    const data = await got.data();
    got.dispose();
    const want = matMulRef(a, b, m, k, n, ta, tb);
    let worst = 0;
    for (let i = 0; i < want.length; i++)
      worst = Math.max(worst, Math.abs(data[i]! - want[i]!) / (Math.abs(want[i]!) + 1));
    expect(worst).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numDataBuffers).toBe(buffersBefore);
  });

  it('small batched products (one query against a KV cache) go through the original kernel, right', async () => {
    const a = values(3 * 4 * 5, 3);
    const b = values(3 * 6 * 5, 4);
    const got = tf.tidy(() => tf.matMul(tf.tensor3d(a, [3, 4, 5]), tf.tensor3d(b, [3, 6, 5]), false, true));
    const data = await got.data();
    got.dispose();
    for (let batch = 0; batch < 3; batch++) {
      const want = matMulRef(
        a.subarray(batch * 20, batch * 20 + 20),
        b.subarray(batch * 30, batch * 30 + 30),
        4,
        5,
        6,
        false,
        true,
      );
      want.forEach((w, i) => expect(Math.abs(data[batch * 24 + i]! - w)).toBeLessThan(1e-5));
    }
  });

  // Products of PER_BATCH_MIN_MACS or more per batch entry run one entry at a time on the fast path.
  it.each([
    ['attention scores q·kᵀ, [2, 3] heads', [2, 3], [2, 3], 48, 40, 48, false, true],
    ['probabilities · v', [6], [6], 48, 48, 40, false, false],
    ['gradient shapes, both transposed', [5], [5], 40, 48, 36, true, true],
    ['a shared right operand (batch 1)', [4], [], 40, 48, 36, false, false],
    ['a shared left operand (batch 1), transposed', [], [3], 40, 48, 36, true, false],
  ] as const)('%s: every batch entry matches float64, nothing leaks', async (_name, leadA, leadB, m, k, n, ta, tb) => {
    expect(m * k * n).toBeGreaterThanOrEqual(PER_BATCH_MIN_MACS);
    const batchA = leadA.reduce((x, y) => x * y, 1);
    const batchB = leadB.reduce((x, y) => x * y, 1);
    const a = values(batchA * m * k, 7);
    const b = values(batchB * k * n, 8);
    const before = tf.memory().numTensors;
    const buffersBefore = tf.memory().numDataBuffers;
    const got = tf.tidy(() =>
      tf.matMul(
        tf.tensor(a, [...leadA, ...(ta ? [k, m] : [m, k])]),
        tf.tensor(b, [...leadB, ...(tb ? [n, k] : [k, n])]),
        ta,
        tb,
      ),
    );
    const lead = batchA >= batchB ? leadA : leadB;
    expect(got.shape).toEqual([...lead, m, n]);
    const data = await got.data();
    got.dispose();
    for (let i = 0; i < Math.max(batchA, batchB); i++) {
      const ia = batchA > 1 ? i : 0;
      const ib = batchB > 1 ? i : 0;
      const want = matMulRef(
        a.subarray(ia * m * k, (ia + 1) * m * k),
        b.subarray(ib * k * n, (ib + 1) * k * n),
        m,
        k,
        n,
        ta,
        tb,
      );
      let worst = 0;
      for (let j = 0; j < want.length; j++)
        worst = Math.max(worst, Math.abs(data[i * m * n + j]! - want[j]!) / (Math.abs(want[j]!) + 1));
      expect(worst, `batch entry ${i}`).toBeLessThan(1e-5);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numDataBuffers).toBe(buffersBefore);
  });

  it("gives a dense layer's gradients (xᵀ·dy and dy·Wᵀ) as the float64 formulas do", async () => {
    const x = values(8 * 5, 5);
    const w = values(5 * 3, 6);
    const { value, grads } = tf.tidy(() => {
      const xt = tf.tensor2d(x, [8, 5]);
      const wt = tf.tensor2d(w, [5, 3]);
      return tf.valueAndGrads((xa: tf.Tensor, wa: tf.Tensor) =>
        tf.sum(tf.matMul(xa as tf.Tensor2D, wa as tf.Tensor2D)),
      )([xt, wt]);
    });
    // d sum(x·W) / dx = 1·Wᵀ: every row is the row sums of W; / dW = xᵀ·1: every column is x's column sums.
    const dx = await grads[0]!.data();
    const dw = await grads[1]!.data();
    for (let r = 0; r < 8; r++)
      for (let c = 0; c < 5; c++) expect(dx[r * 5 + c]).toBeCloseTo(w[c * 3]! + w[c * 3 + 1]! + w[c * 3 + 2]!, 5);
    for (let r = 0; r < 5; r++) {
      let s = 0;
      for (let i = 0; i < 8; i++) s += x[i * 5 + r]!;
      for (let c = 0; c < 3; c++) expect(dw[r * 3 + c]).toBeCloseTo(s, 5);
    }
    tf.dispose([value, ...grads]);
  });
});
