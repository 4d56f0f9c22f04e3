/**
 * The backend op suite as data: each case computes with tfjs on whatever backend is active and
 * returns its values beside a float64 reference computed independently (./reference-ops). The same
 * cases run under vitest in Node and in a test page in Chromium, on every backend that starts.
 */
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import type { BackendName, TfCore } from '../backend/types';
import * as ref from './reference-ops';

/**
 * Allowed error per backend, relative to |value| + 1, before a case's own multiplier. float32 sums
 * of up to 768 products stay a few ulps (1.2e-7) times √768 from float64, well under 1e-5; GPUs
 * may sum in another order and fuse multiply-adds. A wrong kernel is off by 1e-2 or more.
 */
export const OP_TOLERANCE: Readonly<Record<BackendName, number>> = {
  cpu: 1e-5,
  wasm: 1e-5,
  cuda: 1e-5,
  webgpu: 1e-4,
  webgl: 1e-4,
};

/** What a case computed, and what it should have computed. */
export interface OpCaseValues {
  readonly got: ArrayLike<number>;
  readonly want: ArrayLike<number>;
}

/** One op (or a few) checked against float64 arithmetic. */
export interface OpCase {
  readonly name: string;
  /**
   * Multiplier on the backend's tolerance: 1 for sums of products, 10 for transcendental functions
   * and gradients, 0 for ops that only move numbers (exact).
   */
  readonly tolerance: number;
  /** Computes on the active backend; disposes every tensor it made. */
  run(tf: TfCore): Promise<OpCaseValues>;
}

/** The outcome of one case on one backend. */
export interface OpCaseResult {
  readonly name: string;
  /** Largest |got − want| / (|want| + 1). */
  readonly error: number;
  readonly limit: number;
  /** Tensors the case left behind (must be 0). */
  readonly leaked: number;
  /** The message of what the case threw, if it threw. */
  readonly failure?: string;
  readonly passed: boolean;
}

/** Reads a tensor's values and disposes it. */
async function read(t: Tensor): Promise<ArrayLike<number>> {
  try {
    return (await t.data()) as Float32Array | Int32Array;
  } finally {
    t.dispose();
  }
}

function tensor(tf: TfCore, data: Float64Array, shape: number[]): Tensor {
  return tf.tensor(Float32Array.from(data), shape, 'float32');
}

function addNCase(count: number): OpCase {
  return {
    // tfjs-webgpu binds n + 1 storage buffers for addN of n; adapters allow 8 (default), 10
    // (SwiftShader) or 16 (lavapipe), so 10 and 40 inputs cross those limits.
    name: `addN of ${count} tensors`,
    tolerance: 1,
    async run(tf) {
      const parts = Array.from({ length: count }, (_, i) => ref.randomValues(64, 100 + i));
      const want = new Float64Array(64);
      for (const p of parts) for (let i = 0; i < 64; i++) want[i]! += p[i]!;
      return { got: await read(tf.tidy(() => tf.addN(parts.map((p) => tensor(tf, p, [64]))))), want };
    },
  };
}

function matMulCase(m: number, k: number, n: number): OpCase {
  return {
    name: `matMul [${m}, ${k}] × [${k}, ${n}]`,
    tolerance: 1,
    async run(tf) {
      const a = ref.randomValues(m * k, 1);
      const b = ref.randomValues(k * n, 2);
      const got = await read(tf.tidy(() => tf.matMul(tensor(tf, a, [m, k]), tensor(tf, b, [k, n])))); // [m, n]
      return { got, want: ref.matMul(a, b, m, k, n) };
    },
  };
}

function unaryCase(
  name: string,
  op: (tf: TfCore, t: Tensor) => Tensor,
  f: (v: number) => number,
  lo: number,
  hi: number,
): OpCase {
  return {
    name: `elementwise ${name}`,
    tolerance: 10,
    async run(tf) {
      const x = ref.randomValues(40, 9, lo, hi);
      return { got: await read(tf.tidy(() => op(tf, tensor(tf, x, [40])))), want: Array.from(x, f) };
    },
  };
}

export const OP_CASES: readonly OpCase[] = [
  addNCase(2),
  addNCase(10),
  addNCase(40),
  matMulCase(1, 768, 64),
  matMulCase(17, 33, 9),
  matMulCase(64, 96, 48),
  {
    name: 'batched matMul with transposed B: [B, T, hs] × [B, T, hs]ᵀ',
    tolerance: 1,
    async run(tf) {
      const [B, T, hs] = [3, 5, 8];
      const q = ref.randomValues(B * T * hs, 3);
      const k = ref.randomValues(B * T * hs, 4);
      const got = await read(
        tf.tidy(() => tf.matMul(tensor(tf, q, [B, T, hs]), tensor(tf, k, [B, T, hs]), false, true)),
      ); // [B, T, T]
      const want = new Float64Array(B * T * T);
      for (let b = 0; b < B; b++) {
        const kt = new Float64Array(hs * T); // [hs, T]
        for (let t = 0; t < T; t++) for (let c = 0; c < hs; c++) kt[c * T + t] = k[(b * T + t) * hs + c]!;
        want.set(ref.matMul(q.subarray(b * T * hs, (b + 1) * T * hs), kt, T, hs, T), b * T * T);
      }
      return { got, want };
    },
  },
  {
    name: 'broadcasting add and mul: [4, 1, 5] with [3, 1]',
    tolerance: 1,
    async run(tf) {
      const a = ref.randomValues(20, 5);
      const b = ref.randomValues(3, 6);
      const got = await read(tf.tidy(() => tf.mul(tf.add(tensor(tf, a, [4, 1, 5]), tensor(tf, b, [3, 1])), 2))); // [4, 3, 5]
      const want = new Float64Array(60);
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 3; j++) for (let c = 0; c < 5; c++) want[(i * 3 + j) * 5 + c] = (a[i * 5 + c]! + b[j]!) * 2;
      return { got, want };
    },
  },
  {
    name: 'softmax over the last axis, logits near 80',
    tolerance: 1,
    async run(tf) {
      const x = ref.randomValues(6 * 50, 7, 70, 90);
      return { got: await read(tf.tidy(() => tf.softmax(tensor(tf, x, [6, 50])))), want: ref.softmaxRows(x, 6, 50) };
    },
  },
  {
    name: 'reductions: sum over axis 1, mean over axis 0, max over axis 1',
    tolerance: 1,
    async run(tf) {
      const x = ref.randomValues(7 * 11, 8);
      const rows = Array.from({ length: 7 }, (_, r) => Array.from(x.subarray(r * 11, r * 11 + 11)));
      const got = await read(
        tf.tidy(() => {
          const t = tensor(tf, x, [7, 11]);
          return tf.concat([tf.sum(t, 1), tf.mean(t, 0), tf.max(t, 1)]); // [7 + 11 + 7]
        }),
      );
      const want = [
        ...rows.map((r) => r.reduce((s, v) => s + v, 0)),
        ...Array.from({ length: 11 }, (_, c) => rows.reduce((s, r) => s + r[c]!, 0) / 7),
        ...rows.map((r) => Math.max(...r)),
      ];
      return { got, want };
    },
  },
  {
    name: 'argMax along the last axis',
    tolerance: 0,
    async run(tf) {
      const x = ref.randomValues(7 * 11, 8);
      const rows = Array.from({ length: 7 }, (_, r) => Array.from(x.subarray(r * 11, r * 11 + 11)));
      return {
        got: await read(tf.tidy(() => tf.argMax(tensor(tf, x, [7, 11]), 1))),
        want: rows.map((r) => r.indexOf(Math.max(...r))),
      };
    },
  },
  unaryCase('exp', (tf, t) => tf.exp(t), Math.exp, -3, 3),
  unaryCase('log', (tf, t) => tf.log(t), Math.log, 0.1, 5),
  unaryCase('tanh', (tf, t) => tf.tanh(t), Math.tanh, -3, 3),
  unaryCase('sqrt', (tf, t) => tf.sqrt(t), Math.sqrt, 0.1, 5),
  unaryCase(
    'relu',
    (tf, t) => tf.relu(t),
    (v) => Math.max(0, v),
    -3,
    3,
  ),
  unaryCase(
    'sigmoid',
    (tf, t) => tf.sigmoid(t),
    (v) => 1 / (1 + Math.exp(-v)),
    -3,
    3,
  ),
  {
    name: 'conv2d 3×3 "same" on [1, 6, 6, 2] with 4 filters',
    tolerance: 1,
    async run(tf) {
      const x = ref.randomValues(6 * 6 * 2, 11);
      const f = ref.randomValues(3 * 3 * 2 * 4, 12);
      const got = await read(
        tf.tidy(() =>
          tf.conv2d(tensor(tf, x, [1, 6, 6, 2]) as Tensor4D, tensor(tf, f, [3, 3, 2, 4]) as Tensor4D, 1, 'same'),
        ), // [1, 6, 6, 4]
      );
      return { got, want: ref.conv2dSame(x, f, 6, 6, 2, 3, 3, 4) };
    },
  },
  {
    name: 'gather (an embedding lookup), transpose, slice and concat',
    tolerance: 0,
    async run(tf) {
      const table = ref.randomValues(10 * 4, 13); // [vocab 10, dim 4]
      const ids = [3, 0, 9, 3];
      const got = await read(
        tf.tidy(() => {
          const t = tensor(tf, table, [10, 4]);
          const gathered = tf.gather(t, tf.tensor1d(ids, 'int32')); // [4, 4]
          const joined = tf.concat([tf.slice(t, [0, 0], [2, 4]), tf.slice(t, [8, 0], [2, 4])], 0); // [4, 4]
          const flat = (x: Tensor) => tf.reshape(x, [-1]);
          return tf.concat([flat(gathered), flat(tf.transpose(gathered)), flat(joined)]); // [48]
        }),
      );
      const row = (i: number) => Array.from(table.subarray(i * 4, i * 4 + 4));
      const transposed = Array.from({ length: 16 }, (_, i) => table[ids[i % 4]! * 4 + Math.floor(i / 4)]!);
      return { got, want: [...ids.flatMap(row), ...transposed, ...[0, 1, 8, 9].flatMap(row)] };
    },
  },
  {
    name: 'gradient of sum(tanh(x W)) with respect to W',
    tolerance: 10,
    async run(tf) {
      const [m, k, n] = [5, 4, 3];
      const x = ref.randomValues(m * k, 14);
      const w = ref.randomValues(k * n, 15);
      const got = await read(
        tf.tidy(() => {
          const xt = tensor(tf, x, [m, k]);
          return tf.grad((wt: Tensor) => tf.sum(tf.tanh(tf.matMul(xt, wt))))(tensor(tf, w, [k, n])); // [k, n]
        }),
      );
      // d/dW Σ tanh(xW) = xᵀ (1 − tanh²(xW))
      const z = ref.matMul(x, w, m, k, n);
      const want = new Float64Array(k * n);
      for (let i = 0; i < m; i++)
        for (let p = 0; p < k; p++)
          for (let j = 0; j < n; j++) want[p * n + j]! += x[i * k + p]! * (1 - Math.tanh(z[i * n + j]!) ** 2);
      return { got, want };
    },
  },
  {
    name: 'layer normalisation from moments',
    tolerance: 10,
    async run(tf) {
      const x = ref.randomValues(3 * 16, 16, -2, 2);
      const got = await read(
        tf.tidy(() => {
          const t = tensor(tf, x, [3, 16]);
          const { mean, variance } = tf.moments(t, -1, true); // [3, 1]
          return tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, 1e-5)));
        }),
      );
      const want = new Float64Array(48);
      for (let r = 0; r < 3; r++) {
        const row = x.subarray(r * 16, r * 16 + 16);
        const mu = row.reduce((s, v) => s + v, 0) / 16;
        const v = row.reduce((s, u) => s + (u - mu) ** 2, 0) / 16;
        for (let c = 0; c < 16; c++) want[r * 16 + c] = (row[c]! - mu) / Math.sqrt(v + 1e-5);
      }
      return { got, want };
    },
  },
];

/**
 * Runs one case on the active backend: its error against the reference, the limit
 * (`tolerance × case.tolerance`), and the tensors it left behind. Never throws.
 */
export async function runOpCase(tf: TfCore, opCase: OpCase, tolerance: number): Promise<OpCaseResult> {
  const before = tf.memory().numTensors;
  const limit = tolerance * opCase.tolerance;
  try {
    const { got, want } = await opCase.run(tf);
    const error = ref.maxRelativeError(got, want);
    const leaked = tf.memory().numTensors - before;
    return { name: opCase.name, error, limit, leaked, passed: error <= limit && leaked === 0 };
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    return {
      name: opCase.name,
      error: Infinity,
      limit,
      leaked: tf.memory().numTensors - before,
      failure,
      passed: false,
    };
  }
}

/** Runs every case, in order, on the active backend. */
export async function runOpSuite(tf: TfCore, tolerance: number): Promise<OpCaseResult[]> {
  const results: OpCaseResult[] = [];
  for (const opCase of OP_CASES) results.push(await runOpCase(tf, opCase, tolerance));
  return results;
}
