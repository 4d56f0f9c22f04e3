/**
 * One op suite, run on every backend that starts on this machine (tfjs's describeWithFlags over
 * ALL_ENVS, in our form). cpu and wasm must start everywhere, so a failure to start them fails the
 * suite; webgpu runs where Dawn finds an adapter (for example Mesa's lavapipe) and is skipped, with
 * the reason in the suite's name, where it does not.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cpuBackend } from '../backends/cpu';
import { wasmBackend } from '../backends/wasm.node';
import { webgpuBackend } from '../backends/webgpu.node';
import * as ref from '../testing/reference-ops';
import { createBackendRegistry } from './registry';
import { initBackend } from './select';
import type { BackendAdapter } from './types';

interface SuiteBackend {
  readonly adapter: BackendAdapter;
  readonly required: boolean;
  /** Allowed max relative error against float64 (relative to |value| + 1). */
  readonly tolerance: number;
}

const suites: SuiteBackend[] = [
  // float32 sums of up to 768 products: a few ulps (1.2e-7) times √768 stay well under 1e-5, while
  // a wrong kernel (a missed term, a bad index) is off by 1e-2 or more.
  { adapter: cpuBackend(), required: true, tolerance: 1e-5 },
  { adapter: wasmBackend(), required: true, tolerance: 1e-5 },
  // GPU float32 reductions may sum in another order and use fused multiply-add.
  { adapter: webgpuBackend(), required: false, tolerance: 1e-4 },
];

// tfjs's advice banner ("install our node backend") on first use of cpu in Node, kept off stderr.
tf.env().set('PROD', true);

const probes = await Promise.all(suites.map((s) => s.adapter.probe()));

/** Reads a tensor's values and disposes it, so a failed assertion leaks nothing. */
async function values(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

function tensor(data: Float64Array, shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from(data), shape, 'float32');
}

suites.forEach((suite, index) => {
  const probe = probes[index]!;
  const name = suite.adapter.name;
  if (!probe.available && !suite.required) {
    // Visible in every reporter, not only as a skipped suite's name.
    console.warn(`${name} backend ops SKIPPED: ${probe.reason}`);
    describe.skip(`${name} backend ops (skipped: ${probe.reason})`, () => {
      it('needs the backend', () => undefined);
    });
    return;
  }

  describe(`${name} backend ops (${probe.reason})`, () => {
    const tol = suite.tolerance;
    let before = 0;

    beforeAll(async () => {
      const ctx = await initBackend(createBackendRegistry([suite.adapter]), name);
      expect(ctx.backend).toBe(name);
      expect(tf.getBackend()).toBe(ctx.tfBackend);
    });
    beforeEach(() => {
      before = tf.memory().numTensors;
    });
    afterEach(() => {
      expect(tf.memory().numTensors, 'tensors leaked by the test').toBe(before);
    });

    // tfjs-webgpu binds n + 1 storage buffers for addN of n; adapters allow 8 (default), 10
    // (SwiftShader) or 16 (lavapipe), so 10 and 40 inputs cross those limits.
    it.each([2, 10, 40])('addN of %i tensors', async (count) => {
      const parts = Array.from({ length: count }, (_, i) => ref.randomValues(64, 100 + i));
      const want = new Float64Array(64);
      for (const p of parts) for (let i = 0; i < 64; i++) want[i]! += p[i]!;
      const out = tf.tidy(() => tf.addN(parts.map((p) => tensor(p, [64]))));
      expect(ref.maxRelativeError(await values(out), want)).toBeLessThan(tol);
    });

    it.each([
      [1, 768, 64],
      [17, 33, 9],
      [64, 96, 48],
    ])('matMul [%i, %i] × [%i]', async (m, k, n) => {
      const a = ref.randomValues(m * k, 1);
      const b = ref.randomValues(k * n, 2);
      const out = tf.tidy(() => tf.matMul(tensor(a, [m, k]), tensor(b, [k, n])));
      expect(out.shape).toEqual([m, n]);
      expect(ref.maxRelativeError(await values(out), ref.matMul(a, b, m, k, n))).toBeLessThan(tol);
    });

    it('batched matMul with transposed B: [B, T, hs] × [B, T, hs]ᵀ', async () => {
      const [B, T, hs] = [3, 5, 8];
      const q = ref.randomValues(B * T * hs, 3);
      const k = ref.randomValues(B * T * hs, 4);
      const out = tf.tidy(() => tf.matMul(tensor(q, [B, T, hs]), tensor(k, [B, T, hs]), false, true)); // [B, T, T]
      const want = new Float64Array(B * T * T);
      for (let b = 0; b < B; b++) {
        const kt = new Float64Array(hs * T);
        for (let t = 0; t < T; t++) for (let c = 0; c < hs; c++) kt[c * T + t] = k[(b * T + t) * hs + c]!;
        want.set(ref.matMul(q.subarray(b * T * hs, (b + 1) * T * hs), kt, T, hs, T), b * T * T);
      }
      expect(ref.maxRelativeError(await values(out), want)).toBeLessThan(tol);
    });

    it('broadcasting add and mul: [4, 1, 5] with [3, 1]', async () => {
      const a = ref.randomValues(20, 5);
      const b = ref.randomValues(3, 6);
      const out = tf.tidy(() => tf.mul(tf.add(tensor(a, [4, 1, 5]), tensor(b, [3, 1])), 2)); // [4, 3, 5]
      expect(out.shape).toEqual([4, 3, 5]);
      const want = new Float64Array(60);
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 3; j++) for (let c = 0; c < 5; c++) want[(i * 3 + j) * 5 + c] = (a[i * 5 + c]! + b[j]!) * 2;
      expect(ref.maxRelativeError(await values(out), want)).toBeLessThan(tol);
    });

    it('softmax over the last axis stays finite for logits near 80', async () => {
      const x = ref.randomValues(6 * 50, 7, 70, 90);
      const out = tf.tidy(() => tf.softmax(tensor(x, [6, 50])));
      const got = await values(out);
      expect(ref.maxRelativeError(got, ref.softmaxRows(x, 6, 50))).toBeLessThan(tol);
      for (let r = 0; r < 6; r++)
        expect(got.subarray(r * 50, (r + 1) * 50).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    });

    it('reductions: sum, mean and max along an axis; argMax', async () => {
      const x = ref.randomValues(7 * 11, 8);
      const [sum, mean, max, argMax] = tf.tidy(() => {
        const t = tensor(x, [7, 11]);
        return [tf.sum(t, 1), tf.mean(t, 0), tf.max(t, 1), tf.argMax(t, 1)];
      });
      const wantSum = Array.from({ length: 7 }, (_, r) => x.subarray(r * 11, r * 11 + 11).reduce((s, v) => s + v, 0));
      const wantMean = Array.from(
        { length: 11 },
        (_, c) => Array.from({ length: 7 }, (_, r) => x[r * 11 + c]!).reduce((s, v) => s + v, 0) / 7,
      );
      const rows = Array.from({ length: 7 }, (_, r) => Array.from(x.subarray(r * 11, r * 11 + 11)));
      expect(ref.maxRelativeError(await values(sum!), wantSum)).toBeLessThan(tol);
      expect(ref.maxRelativeError(await values(mean!), wantMean)).toBeLessThan(tol);
      expect(
        ref.maxRelativeError(
          await values(max!),
          rows.map((r) => Math.max(...r)),
        ),
      ).toBeLessThan(tol);
      expect(Array.from(await values(argMax!))).toEqual(rows.map((r) => r.indexOf(Math.max(...r))));
    });

    it('elementwise exp, log, tanh, sqrt, relu, sigmoid', async () => {
      const x = ref.randomValues(40, 9, -3, 3);
      const pos = ref.randomValues(40, 10, 0.1, 5);
      const cases: Array<[string, (t: tf.Tensor) => tf.Tensor, Float64Array, (v: number) => number]> = [
        ['exp', tf.exp, x, Math.exp],
        ['log', tf.log, pos, Math.log],
        ['tanh', tf.tanh, x, Math.tanh],
        ['sqrt', tf.sqrt, pos, Math.sqrt],
        ['relu', tf.relu, x, (v) => Math.max(0, v)],
        ['sigmoid', tf.sigmoid, x, (v) => 1 / (1 + Math.exp(-v))],
      ];
      for (const [label, op, input, f] of cases) {
        const out = tf.tidy(() => op(tensor(input, [40])));
        expect(ref.maxRelativeError(await values(out), Array.from(input, f)), label).toBeLessThan(tol * 10);
      }
    });

    it('conv2d 3×3 "same" on [1, 6, 6, 2] with 4 filters', async () => {
      const x = ref.randomValues(6 * 6 * 2, 11);
      const f = ref.randomValues(3 * 3 * 2 * 4, 12);
      const out = tf.tidy(() =>
        tf.conv2d(tensor(x, [1, 6, 6, 2]) as tf.Tensor4D, tensor(f, [3, 3, 2, 4]) as tf.Tensor4D, 1, 'same'),
      );
      expect(out.shape).toEqual([1, 6, 6, 4]);
      expect(ref.maxRelativeError(await values(out), ref.conv2dSame(x, f, 6, 6, 2, 3, 3, 4))).toBeLessThan(tol);
    });

    it('gather (an embedding lookup), transpose, slice and concat', async () => {
      const table = ref.randomValues(10 * 4, 13); // [vocab 10, dim 4]
      const ids = [3, 0, 9, 3];
      const [gathered, transposed, joined] = tf.tidy(() => {
        const t = tensor(table, [10, 4]);
        const g = tf.gather(t, tf.tensor1d(ids, 'int32')); // [4, 4]
        return [g, tf.transpose(g), tf.concat([tf.slice(t, [0, 0], [2, 4]), tf.slice(t, [8, 0], [2, 4])], 0)];
      });
      const row = (i: number) => Array.from(table.subarray(i * 4, i * 4 + 4));
      expect(ref.maxRelativeError(await values(gathered!), ids.flatMap(row))).toBe(0);
      const wantT = Array.from({ length: 16 }, (_, i) => table[ids[i % 4]! * 4 + Math.floor(i / 4)]!);
      expect(ref.maxRelativeError(await values(transposed!), wantT)).toBe(0);
      expect(ref.maxRelativeError(await values(joined!), [0, 1, 8, 9].flatMap(row))).toBe(0);
    });

    it('gradient of sum(tanh(x W)) with respect to W', async () => {
      const [m, k, n] = [5, 4, 3];
      const x = ref.randomValues(m * k, 14);
      const w = ref.randomValues(k * n, 15);
      const grad = tf.tidy(() => {
        const xt = tensor(x, [m, k]);
        return tf.grad((wt: tf.Tensor) => tf.sum(tf.tanh(tf.matMul(xt, wt))))(tensor(w, [k, n]));
      });
      // d/dW Σ tanh(xW) = xᵀ (1 − tanh²(xW))
      const z = ref.matMul(x, w, m, k, n);
      const want = new Float64Array(k * n);
      for (let i = 0; i < m; i++)
        for (let p = 0; p < k; p++)
          for (let j = 0; j < n; j++) want[p * n + j]! += x[i * k + p]! * (1 - Math.tanh(z[i * n + j]!) ** 2);
      expect(ref.maxRelativeError(await values(grad), want)).toBeLessThan(tol * 10);
    });

    it('layer normalisation from moments', async () => {
      const x = ref.randomValues(3 * 16, 16, -2, 2);
      const out = tf.tidy(() => {
        const t = tensor(x, [3, 16]);
        const { mean, variance } = tf.moments(t, -1, true); // [3, 1]
        return tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, 1e-5)));
      });
      const want = new Float64Array(48);
      for (let r = 0; r < 3; r++) {
        const row = x.subarray(r * 16, r * 16 + 16);
        const mu = row.reduce((s, v) => s + v, 0) / 16;
        const v = row.reduce((s, u) => s + (u - mu) ** 2, 0) / 16;
        for (let c = 0; c < 16; c++) want[r * 16 + c] = (row[c]! - mu) / Math.sqrt(v + 1e-5);
      }
      expect(ref.maxRelativeError(await values(out), want)).toBeLessThan(tol * 10);
    });
  });
});
