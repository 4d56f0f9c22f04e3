/**
 * Small training computations (forward, `tf.variableGrads`, optimizer arithmetic) that together use
 * every kernel a training step of this project's models needs. The wasm-kernel tests run each probe
 * on the cpu and the wasm backend and compare; the probe list is also how the kernels missing from
 * tfjs-backend-wasm were found (the kernels a probe runs on cpu, less those wasm registers).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { geluTanh } from '../../layers/activation-functions';
import { mulberry32 } from '../../layers/init';
import type { TfCore } from '../../backend/types';

/** One input of a probe: seeded float32 values in [-scale, scale), or int32 values in [0, below). */
export type ProbeInput =
  | { readonly shape: readonly number[]; readonly scale?: number }
  | { readonly shape: readonly number[]; readonly below: number };

/** A training computation to run on a backend. */
export interface TrainingProbe {
  /** What it exercises. */
  readonly name: string;
  /** Its inputs, generated from a seed so that every backend sees the same numbers. */
  readonly inputs: Readonly<Record<string, ProbeInput>>;
  /** Inputs that become `tf.variable`s and get gradients. */
  readonly trainable: readonly string[];
  /** The scalar loss. */
  loss(tf: TfCore, t: Readonly<Record<string, tfc.Tensor>>): tfc.Scalar;
  /** Optional arithmetic after the gradients (an optimizer step); its outputs are compared too. */
  step?(
    tf: TfCore,
    t: Readonly<Record<string, tfc.Tensor>>,
    grads: Readonly<Record<string, tfc.Tensor>>,
  ): Record<string, tfc.Tensor>;
}

/** What a probe computed on one backend: the loss, each gradient and each step output. */
export interface ProbeResult {
  readonly outputs: Readonly<Record<string, Float32Array>>;
  /** Kernels that ran (tf.profile), sorted and unique. */
  readonly kernels: readonly string[];
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** 0.5·x·(1 + tanh(√(2/π)(x + 0.044715·x³))) with x³ as x·x·x (geluTanh itself uses pow). */
function geluTanhCubed(tf: TfCore, x: tfc.Tensor): tfc.Tensor {
  const cube = tf.mul(tf.mul(x, x), x); // [...]
  const inner = tf.mul(SQRT_2_OVER_PI, tf.add(x, tf.mul(0.044715, cube))); // [...]
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner))); // [...]
}

/** Dense layer: x [N, in] · w [in, out] + b [out]. */
function dense(tf: TfCore, x: tfc.Tensor, w: tfc.Tensor, b: tfc.Tensor): tfc.Tensor {
  return tf.add(tf.matMul(x as tfc.Tensor2D, w as tfc.Tensor2D), b); // [N, out]
}

function mse(tf: TfCore, y: tfc.Tensor, target: tfc.Tensor): tfc.Scalar {
  return tf.mean(tf.square(tf.sub(y, target)));
}

function oneHotOf(tf: TfCore, labels: tfc.Tensor, classes: number): tfc.Tensor {
  return tf.cast(tf.oneHot(tf.cast(labels, 'int32') as tfc.Tensor1D, classes), 'float32'); // [N, classes]
}

const DENSE_INPUTS = {
  x: { shape: [6, 5] },
  w: { shape: [5, 7] },
  b: { shape: [7] },
  target: { shape: [6, 7] },
} as const;

function denseProbe(name: string, act: (tf: TfCore, z: tfc.Tensor) => tfc.Tensor): TrainingProbe {
  return {
    name: `dense + ${name}, mean squared error`,
    inputs: DENSE_INPUTS,
    trainable: ['x', 'w', 'b'],
    loss: (tf, t) => mse(tf, act(tf, dense(tf, t.x!, t.w!, t.b!)), t.target!),
  };
}

function convProbe(pad: 'same' | 'valid', stride: 1 | 2): TrainingProbe {
  return {
    name: `conv2d ${pad} stride ${stride}`,
    inputs: {
      x: { shape: [2, 7, 6, 3] },
      filter: { shape: [3, 3, 3, 4] },
      // dy's shape: [B, H', W', 4]
      weights: {
        shape: [
          2,
          pad === 'same' ? Math.ceil(7 / stride) : Math.ceil(5 / stride),
          pad === 'same' ? Math.ceil(6 / stride) : Math.ceil(4 / stride),
          4,
        ],
      },
    },
    trainable: ['x', 'filter'],
    loss: (tf, t) => {
      const y = tf.conv2d(t.x as tfc.Tensor4D, t.filter as tfc.Tensor4D, stride, pad); // [B, H', W', 4]
      return tf.sum(tf.mul(y, t.weights!));
    },
  };
}

/** Causal self-attention over x [B, T, C] with `heads` heads; the mask is `mode`. */
function attention(
  tf: TfCore,
  t: Readonly<Record<string, tfc.Tensor>>,
  heads: number,
  mode: 'where' | 'add',
): tfc.Tensor {
  const [B, T, C] = t.x!.shape as [number, number, number];
  const hs = C / heads;
  const flat = tf.reshape(t.x!, [B * T, C]); // [B*T, C]
  const qkv = tf.reshape(tf.matMul(flat, t.wqkv as tfc.Tensor2D), [B, T, 3 * C]); // [B, T, 3C]
  const [q, k, v] = tf.split(qkv, 3, -1) as [tfc.Tensor, tfc.Tensor, tfc.Tensor]; // 3 × [B, T, C]
  const split = (z: tfc.Tensor) => tf.transpose(tf.reshape(z, [B, T, heads, hs]), [0, 2, 1, 3]); // [B, nh, T, hs]
  let att = tf.mul(tf.matMul(split(q), split(k), false, true), 1 / Math.sqrt(hs)); // [B, nh, T, T]
  const lower = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) lower[i * T + j] = 1;
  const keep = tf.tensor2d(lower, [T, T]); // [T, T]
  if (mode === 'where') {
    const mask = tf.broadcastTo(tf.cast(keep, 'bool'), att.shape); // [B, nh, T, T]
    att = tf.where(mask, att, tf.fill(att.shape, -1e9)); // [B, nh, T, T]
  } else {
    att = tf.add(att, tf.mul(tf.sub(1, keep), -1e9)); // [B, nh, T, T]
  }
  const probs = tf.softmax(att, -1); // [B, nh, T, T]
  const y = tf.matMul(probs, split(v)); // [B, nh, T, hs]
  const merged = tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [B * T, C]); // [B*T, C]
  return tf.reshape(tf.matMul(merged, t.wo as tfc.Tensor2D), [B, T, C]); // [B, T, C]
}

const ATTENTION_INPUTS = {
  x: { shape: [2, 5, 8] },
  wqkv: { shape: [8, 24], scale: 0.5 },
  wo: { shape: [8, 8], scale: 0.5 },
  target: { shape: [2, 5, 8] },
} as const;

/** The probe list of issue 5, item 3a, with a LeNet-like chain and depthwise/separable convs added. */
export const TRAINING_PROBES: readonly TrainingProbe[] = [
  denseProbe('relu', (tf, z) => tf.relu(z)),
  denseProbe('tanh', (tf, z) => tf.tanh(z)),
  denseProbe('sigmoid', (tf, z) => tf.sigmoid(z)),
  denseProbe('gelu-tanh (x·x·x)', geluTanhCubed),
  denseProbe('gelu-tanh (layers geluTanh, pow)', (_tf, z) => geluTanh(z)),
  {
    name: 'tf.losses.softmaxCrossEntropy',
    inputs: { logits: { shape: [6, 5], scale: 3 }, labels: { shape: [6], below: 5 } },
    trainable: ['logits'],
    loss: (tf, t) => tf.losses.softmaxCrossEntropy(oneHotOf(tf, t.labels!, 5), t.logits!) as tfc.Scalar,
  },
  {
    name: 'manual log-softmax cross-entropy',
    inputs: { logits: { shape: [6, 5], scale: 3 }, labels: { shape: [6], below: 5 } },
    trainable: ['logits'],
    loss: (tf, t) => {
      const logits = t.logits!; // [N, V]
      const logProbs = tf.sub(logits, tf.logSumExp(logits, -1, true)); // [N, V]
      const picked = tf.sum(tf.mul(oneHotOf(tf, t.labels!, 5), logProbs), -1); // [N]
      return tf.neg(tf.mean(picked)) as tfc.Scalar;
    },
  },
  {
    name: 'tf.logSoftmax cross-entropy',
    inputs: { logits: { shape: [6, 5], scale: 3 }, labels: { shape: [6], below: 5 } },
    trainable: ['logits'],
    loss: (tf, t) => {
      const logProbs = tf.logSoftmax(t.logits!); // [N, V]
      return tf.neg(tf.mean(tf.sum(tf.mul(oneHotOf(tf, t.labels!, 5), logProbs), -1))) as tfc.Scalar;
    },
  },
  {
    name: 'tf.losses.meanSquaredError and absoluteDifference',
    inputs: { y: { shape: [4, 6] }, target: { shape: [4, 6] } },
    trainable: ['y'],
    loss: (tf, t) =>
      tf.add(tf.losses.meanSquaredError(t.target!, t.y!), tf.losses.absoluteDifference(t.target!, t.y!)) as tfc.Scalar,
  },
  {
    name: 'manual mean absolute error',
    inputs: { y: { shape: [4, 6] }, target: { shape: [4, 6] } },
    trainable: ['y'],
    loss: (tf, t) => tf.mean(tf.abs(tf.sub(t.y!, t.target!))),
  },
  convProbe('valid', 1),
  convProbe('same', 1),
  convProbe('valid', 2),
  convProbe('same', 2),
  {
    name: 'maxPool 2×2 stride 2 valid and avgPool 3×3 stride 2 same',
    inputs: { x: { shape: [2, 6, 5, 3] }, a: { shape: [2, 3, 2, 3] }, c: { shape: [2, 3, 3, 3] } },
    trainable: ['x'],
    loss: (tf, t) => {
      const x = t.x as tfc.Tensor4D; // [B, H, W, C]
      const mp = tf.maxPool(x, 2, 2, 'valid'); // [B, 3, 2, C]
      const ap = tf.avgPool(x, 3, 2, 'same'); // [B, 3, 3, C]
      return tf.add(tf.sum(tf.mul(mp, t.a!)), tf.sum(tf.mul(ap, t.c!)));
    },
  },
  {
    name: 'LeNet-like: conv2d same → relu → maxPool → conv2d valid → avgPool → dense → softmax cross-entropy',
    inputs: {
      x: { shape: [2, 8, 8, 1] },
      f1: { shape: [3, 3, 1, 3] },
      f2: { shape: [3, 3, 3, 4], scale: 0.5 },
      w: { shape: [4, 5] },
      b: { shape: [5] },
      labels: { shape: [2], below: 5 },
    },
    trainable: ['f1', 'f2', 'w', 'b'],
    loss: (tf, t) => {
      const h1 = tf.relu(tf.conv2d(t.x as tfc.Tensor4D, t.f1 as tfc.Tensor4D, 1, 'same')); // [B, 8, 8, 3]
      const p1 = tf.maxPool(h1, 2, 2, 'valid'); // [B, 4, 4, 3]
      const h2 = tf.tanh(tf.conv2d(p1, t.f2 as tfc.Tensor4D, 1, 'valid')); // [B, 2, 2, 4]
      const p2 = tf.reshape(tf.avgPool(h2 as tfc.Tensor4D, 2, 2, 'valid'), [2, 4]); // [B, 4]
      const logits = dense(tf, p2, t.w!, t.b!); // [B, 5]
      return tf.losses.softmaxCrossEntropy(oneHotOf(tf, t.labels!, 5), logits) as tfc.Scalar;
    },
  },
  {
    name: 'depthwiseConv2d and separableConv2d',
    inputs: {
      x: { shape: [2, 6, 5, 2] },
      depth: { shape: [3, 3, 2, 2] },
      point: { shape: [1, 1, 4, 3] },
      weights: { shape: [2, 3, 3, 3] },
    },
    trainable: ['x', 'depth', 'point'],
    loss: (tf, t) => {
      const x = t.x as tfc.Tensor4D; // [B, H, W, C]
      const d = tf.depthwiseConv2d(x, t.depth as tfc.Tensor4D, 1, 'valid'); // [B, 4, 3, 4]
      const s = tf.separableConv2d(x, t.depth as tfc.Tensor4D, t.point as tfc.Tensor4D, 2, 'same'); // [B, 3, 3, 3]
      return tf.add(tf.mean(tf.square(d)), tf.sum(tf.mul(s, t.weights!)));
    },
  },
  {
    name: 'tf.gather on a [V, D] embedding with int32 ids',
    inputs: { table: { shape: [11, 4] }, ids: { shape: [3, 5], below: 11 }, target: { shape: [3, 5, 4] } },
    trainable: ['table'],
    loss: (tf, t) => {
      const ids = tf.cast(t.ids!, 'int32'); // [B, T]
      return mse(tf, tf.gather(t.table!, ids), t.target!); // [B, T, D] vs [B, T, D]
    },
  },
  {
    name: 'layer norm with tf.moments',
    inputs: { x: { shape: [3, 4, 6] }, g: { shape: [6] }, b: { shape: [6] }, target: { shape: [3, 4, 6] } },
    trainable: ['x', 'g', 'b'],
    loss: (tf, t) => {
      const { mean, variance } = tf.moments(t.x!, -1, true); // [B, T, 1] each
      const norm = tf.mul(tf.sub(t.x!, mean), tf.rsqrt(tf.add(variance, 1e-5))); // [B, T, C]
      return mse(tf, tf.add(tf.mul(norm, t.g!), t.b!), t.target!);
    },
  },
  {
    name: 'layer norm with mean/sub/square/mean/rsqrt',
    inputs: { x: { shape: [3, 4, 6] }, g: { shape: [6] }, b: { shape: [6] }, target: { shape: [3, 4, 6] } },
    trainable: ['x', 'g', 'b'],
    loss: (tf, t) => {
      const centred = tf.sub(t.x!, tf.mean(t.x!, -1, true)); // [B, T, C]
      const variance = tf.mean(tf.square(centred), -1, true); // [B, T, 1]
      const norm = tf.mul(centred, tf.rsqrt(tf.add(variance, 1e-5))); // [B, T, C]
      return mse(tf, tf.add(tf.mul(norm, t.g!), t.b!), t.target!);
    },
  },
  {
    name: 'causal attention, mask by where',
    inputs: ATTENTION_INPUTS,
    trainable: ['x', 'wqkv', 'wo'],
    loss: (tf, t) => mse(tf, attention(tf, t, 2, 'where'), t.target!),
  },
  {
    name: 'causal attention, additive mask',
    inputs: ATTENTION_INPUTS,
    trainable: ['x', 'wqkv', 'wo'],
    loss: (tf, t) => mse(tf, attention(tf, t, 2, 'add'), t.target!),
  },
  {
    name: 'dropout: mul by a randomUniform mask',
    inputs: { x: { shape: [5, 6] }, target: { shape: [5, 6] } },
    trainable: ['x'],
    loss: (tf, t) => {
      const rate = 0.25;
      const keep = tf.cast(tf.greaterEqual(tf.randomUniform([5, 6], 0, 1, 'float32', 7), rate), 'float32'); // [N, D]
      return mse(tf, tf.mul(t.x!, tf.mul(keep, 1 / (1 - rate))), t.target!);
    },
  },
  {
    name: 'Adam step with global-norm gradient clipping',
    inputs: {
      ...DENSE_INPUTS,
      mw: { shape: [5, 7], scale: 0.1 },
      vw: { shape: [5, 7], scale: 0.1 },
      mb: { shape: [7], scale: 0.1 },
      vb: { shape: [7], scale: 0.1 },
    },
    trainable: ['w', 'b'],
    loss: (tf, t) => mse(tf, tf.tanh(dense(tf, t.x!, t.w!, t.b!)), t.target!),
    step: (tf, t, grads) => {
      const [b1, b2, lr, eps, maxNorm, stepNo] = [0.9, 0.999, 1e-2, 1e-8, 0.05, 3];
      const names = ['w', 'b'] as const;
      const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]!))))); // []
      const scale = tf.minimum(1, tf.div(maxNorm, tf.maximum(norm, 1e-6))); // []
      const out: Record<string, tfc.Tensor> = { norm, scale };
      for (const n of names) {
        const g = tf.mul(grads[n]!, scale); // like the weight
        const v0 = tf.abs(t[`v${n}`]!); // second moments are never negative
        const m = tf.add(tf.mul(b1, t[`m${n}`]!), tf.mul(1 - b1, g));
        const v = tf.add(tf.mul(b2, v0), tf.mul(1 - b2, tf.square(g)));
        const mHat = tf.div(m, 1 - b1 ** stepNo);
        const vHat = tf.div(v, 1 - b2 ** stepNo);
        out[`${n}.next`] = tf.sub(t[n]!, tf.mul(lr, tf.div(mHat, tf.add(tf.sqrt(vHat), eps))));
        out[`${n}.m`] = m;
        out[`${n}.v`] = v;
      }
      return out;
    },
  },
];

/** The values of a probe's inputs: the same numbers on every backend. */
export function probeInputValues(probe: TrainingProbe, seed = 1): Record<string, Float32Array | Int32Array> {
  const values: Record<string, Float32Array | Int32Array> = {};
  let index = 0;
  for (const [name, spec] of Object.entries(probe.inputs)) {
    const rng = mulberry32(seed * 1000 + index++);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if ('below' in spec) {
      values[name] = Int32Array.from({ length: size }, () => Math.floor(rng() * spec.below));
    } else {
      const scale = spec.scale ?? 1;
      values[name] = Float32Array.from({ length: size }, () => (rng() * 2 - 1) * scale);
    }
  }
  return values;
}

/**
 * Runs a probe on the active backend: the loss, the gradient of every trainable input
 * (`grad.<name>`) and the step's outputs, read back as float32; and the kernels that ran.
 * Disposes everything it made.
 */
export async function runProbe(tf: TfCore, probe: TrainingProbe): Promise<ProbeResult> {
  const values = probeInputValues(probe);
  const tensors: Record<string, tfc.Tensor> = {};
  const variables: tfc.Variable[] = [];
  for (const [name, spec] of Object.entries(probe.inputs)) {
    const data = values[name]!;
    const made = tf.tensor(data, [...spec.shape], data instanceof Int32Array ? 'int32' : 'float32');
    if (probe.trainable.includes(name)) {
      const variable = tf.variable(made, true, `probe.${name}.${variables.length}`);
      made.dispose();
      variables.push(variable);
      tensors[name] = variable;
    } else {
      tensors[name] = made;
    }
  }
  const named: Record<string, tfc.Tensor> = {};
  try {
    const profile = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(() => probe.loss(tf, tensors), variables);
      named.loss = value;
      const byInput: Record<string, tfc.Tensor> = {};
      probe.trainable.forEach((name, i) => {
        const g = grads[variables[i]!.name]!;
        byInput[name] = g;
        named[`grad.${name}`] = g;
      });
      if (probe.step !== undefined) {
        const stepped = tf.tidy(() => probe.step!(tf, tensors, byInput));
        for (const [name, t] of Object.entries(stepped)) named[`step.${name}`] = t;
      }
      return [];
    });
    const outputs: Record<string, Float32Array> = {};
    for (const [name, t] of Object.entries(named)) outputs[name] = Float32Array.from(await t.data());
    return { outputs, kernels: [...new Set(profile.kernelNames)].sort() };
  } finally {
    for (const t of Object.values(named)) t.dispose();
    for (const t of Object.values(tensors)) t.dispose();
  }
}
