/**
 * Float64 reference implementations of nn-core's layers: naive loops over row-major arrays, written
 * from the definitions (PyTorch / TensorFlow / GPT-2 papers), not from our tfjs code, so layer tests
 * compare against arithmetic. Also the forward passes that finite-difference gradient checks use.
 */
import { matMul, softmaxRows } from './reference-ops';

/** A row-major float64 array with its shape. */
export interface RefTensor {
  readonly data: Float64Array;
  readonly shape: readonly number[];
}

/** Element-wise activations by name; `softmax` works on rows of `cols`. */
export function refActivation(name: string, x: Float64Array, cols: number): Float64Array {
  switch (name) {
    case 'linear':
      return Float64Array.from(x);
    case 'relu':
      return x.map((v) => (v > 0 ? v : 0));
    case 'tanh':
      return x.map((v) => Math.tanh(v));
    case 'sigmoid':
      return x.map((v) => 1 / (1 + Math.exp(-v)));
    case 'gelu':
      return x.map(refGeluTanh);
    case 'softmax':
      return softmaxRows(x, x.length / cols, cols);
    default:
      throw new Error(`refActivation: unknown ${name}`);
  }
}

/** GELU, tanh form: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export function refGeluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
}

/** x [rows, inDim] · w [inDim, outDim] + b [outDim]. */
export function refDense(
  x: Float64Array,
  rows: number,
  inDim: number,
  w: Float64Array,
  b: Float64Array | undefined,
  outDim: number,
): Float64Array {
  const y = matMul(x, w, rows, inDim, outDim);
  if (b) for (let r = 0; r < rows; r++) for (let o = 0; o < outDim; o++) y[r * outDim + o]! += b[o]!;
  return y;
}

/**
 * Output size and padding before the first window along one axis, TensorFlow's rule: `valid` has
 * ⌊(n − k) / s⌋ + 1 windows and no padding; `same` has ⌈n / s⌉ windows and
 * max((out − 1)·s + k − n, 0) padding, the smaller half before.
 */
export function refWindows(
  n: number,
  k: number,
  s: number,
  padding: 'same' | 'valid',
): { out: number; before: number } {
  if (padding === 'valid') return { out: Math.floor((n - k) / s) + 1, before: 0 };
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + k - n, 0);
  return { out, before: Math.floor(total / 2) };
}

/** NHWC convolution: x [B, H, W, Cin], f [kh, kw, Cin, Cout], bias [Cout] or none; zero padding. */
export function refConv2d(
  x: RefTensor,
  f: RefTensor,
  bias: Float64Array | undefined,
  strides: readonly [number, number],
  padding: 'same' | 'valid',
): RefTensor {
  const [b, h, w, cin] = x.shape as [number, number, number, number];
  const [kh, kw, , cout] = f.shape as [number, number, number, number];
  const rowsOut = refWindows(h, kh, strides[0], padding);
  const colsOut = refWindows(w, kw, strides[1], padding);
  const out = new Float64Array(b * rowsOut.out * colsOut.out * cout);
  for (let n = 0; n < b; n++) {
    for (let oy = 0; oy < rowsOut.out; oy++) {
      for (let ox = 0; ox < colsOut.out; ox++) {
        for (let o = 0; o < cout; o++) {
          let s = bias ? bias[o]! : 0;
          for (let dy = 0; dy < kh; dy++) {
            const iy = oy * strides[0] + dy - rowsOut.before;
            if (iy < 0 || iy >= h) continue;
            for (let dx = 0; dx < kw; dx++) {
              const ix = ox * strides[1] + dx - colsOut.before;
              if (ix < 0 || ix >= w) continue;
              for (let c = 0; c < cin; c++) {
                s += x.data[((n * h + iy) * w + ix) * cin + c]! * f.data[((dy * kw + dx) * cin + c) * cout + o]!;
              }
            }
          }
          out[((n * rowsOut.out + oy) * colsOut.out + ox) * cout + o] = s;
        }
      }
    }
  }
  return { data: out, shape: [b, rowsOut.out, colsOut.out, cout] };
}

/** NHWC max or average pooling; windows that overhang the border use only the cells inside. */
export function refPool2d(
  kind: 'max' | 'avg',
  x: RefTensor,
  pool: readonly [number, number],
  strides: readonly [number, number],
  padding: 'same' | 'valid',
): RefTensor {
  const [b, h, w, c] = x.shape as [number, number, number, number];
  const rowsOut = refWindows(h, pool[0], strides[0], padding);
  const colsOut = refWindows(w, pool[1], strides[1], padding);
  const out = new Float64Array(b * rowsOut.out * colsOut.out * c);
  for (let n = 0; n < b; n++) {
    for (let oy = 0; oy < rowsOut.out; oy++) {
      for (let ox = 0; ox < colsOut.out; ox++) {
        for (let ch = 0; ch < c; ch++) {
          let max = -Infinity;
          let sum = 0;
          let count = 0;
          for (let dy = 0; dy < pool[0]; dy++) {
            const iy = oy * strides[0] + dy - rowsOut.before;
            if (iy < 0 || iy >= h) continue;
            for (let dx = 0; dx < pool[1]; dx++) {
              const ix = ox * strides[1] + dx - colsOut.before;
              if (ix < 0 || ix >= w) continue;
              const v = x.data[((n * h + iy) * w + ix) * c + ch]!;
              max = Math.max(max, v);
              sum += v;
              count++;
            }
          }
          out[((n * rowsOut.out + oy) * colsOut.out + ox) * c + ch] = kind === 'max' ? max : sum / count;
        }
      }
    }
  }
  return { data: out, shape: [b, rowsOut.out, colsOut.out, c] };
}

/** Layer norm of each row of x [rows, C]: (x − mean) / √(biased variance + eps) · gamma + beta. */
export function refLayerNorm(
  x: Float64Array,
  rows: number,
  c: number,
  gamma: Float64Array,
  beta: Float64Array,
  eps: number,
): Float64Array {
  const out = new Float64Array(rows * c);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let j = 0; j < c; j++) mean += x[r * c + j]!;
    mean /= c;
    let variance = 0;
    for (let j = 0; j < c; j++) variance += (x[r * c + j]! - mean) ** 2;
    variance /= c;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let j = 0; j < c; j++) out[r * c + j] = (x[r * c + j]! - mean) * inv * gamma[j]! + beta[j]!;
  }
  return out;
}

/** Rows `ids` of `table` [vocab, dim], concatenated: [ids.length, dim]. */
export function refEmbedding(ids: ArrayLike<number>, table: Float64Array, dim: number): Float64Array {
  const out = new Float64Array(ids.length * dim);
  for (let i = 0; i < ids.length; i++) {
    for (let j = 0; j < dim; j++) out[i * dim + j] = table[ids[i]! * dim + j]!;
  }
  return out;
}

/**
 * Causal attention for `groups` independent (batch × head) slices: q [groups, Tq, hs], k [groups,
 * Tk, hs], v [groups, Tk, hv]. Query i sits at position Tk − Tq + i and sees keys 0 … that position.
 * Returns output [groups, Tq, hv] and probs [groups, Tq, Tk] (0 on future keys).
 */
export function refCausalAttention(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  dims: { groups: number; tq: number; tk: number; hs: number; hv: number; scale?: number },
): { output: Float64Array; probs: Float64Array } {
  const { groups, tq, tk, hs, hv } = dims;
  const scale = dims.scale ?? 1 / Math.sqrt(hs);
  const output = new Float64Array(groups * tq * hv);
  const probs = new Float64Array(groups * tq * tk);
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < tq; i++) {
      const last = tk - tq + i;
      const scores: number[] = [];
      for (let j = 0; j <= last; j++) {
        let s = 0;
        for (let d = 0; d < hs; d++) s += q[(g * tq + i) * hs + d]! * k[(g * tk + j) * hs + d]!;
        scores.push(s * scale);
      }
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const total = exps.reduce((a, e) => a + e, 0);
      for (let j = 0; j <= last; j++) probs[(g * tq + i) * tk + j] = exps[j]! / total;
      for (let d = 0; d < hv; d++) {
        let s = 0;
        for (let j = 0; j <= last; j++) s += probs[(g * tq + i) * tk + j]! * v[(g * tk + j) * hv + d]!;
        output[(g * tq + i) * hv + d] = s;
      }
    }
  }
  return { output, probs };
}

/** Weights of one GPT-2 block by Hugging Face name (`ln_1.weight`, `attn.c_attn.bias`, …), float64. */
export type RefWeights = Readonly<Record<string, Float64Array>>;

function weightOf(weights: RefWeights, name: string): Float64Array {
  const w = weights[name];
  if (!w) throw new Error(`reference: missing weight ${name}`);
  return w;
}

/**
 * GPT-2 self-attention on x [B, T, C] with `nh` heads and weights `c_attn.weight` [C, 3C],
 * `c_attn.bias`, `c_proj.weight` [C, C], `c_proj.bias` (names under `prefix`). Returns output
 * [B, T, C] and probs [B, nh, T, T].
 */
export function refSelfAttention(
  x: Float64Array,
  dims: { b: number; t: number; c: number; heads: number },
  weights: RefWeights,
  prefix = '',
): { output: Float64Array; probs: Float64Array } {
  const { b, t, c, heads } = dims;
  const hs = c / heads;
  const qkv = refDense(
    x,
    b * t,
    c,
    weightOf(weights, `${prefix}c_attn.weight`),
    weightOf(weights, `${prefix}c_attn.bias`),
    3 * c,
  );
  // Gather per (batch, head) slices: q, k, v [B·nh, T, hs]; q is columns 0..C, k C..2C, v 2C..3C.
  const part = (which: number): Float64Array => {
    const out = new Float64Array(b * heads * t * hs);
    for (let n = 0; n < b; n++)
      for (let h = 0; h < heads; h++)
        for (let i = 0; i < t; i++)
          for (let d = 0; d < hs; d++)
            out[((n * heads + h) * t + i) * hs + d] = qkv[(n * t + i) * 3 * c + which * c + h * hs + d]!;
    return out;
  };
  const att = refCausalAttention(part(0), part(1), part(2), { groups: b * heads, tq: t, tk: t, hs, hv: hs });
  const merged = new Float64Array(b * t * c);
  for (let n = 0; n < b; n++)
    for (let h = 0; h < heads; h++)
      for (let i = 0; i < t; i++)
        for (let d = 0; d < hs; d++)
          merged[(n * t + i) * c + h * hs + d] = att.output[((n * heads + h) * t + i) * hs + d]!;
  const output = refDense(
    merged,
    b * t,
    c,
    weightOf(weights, `${prefix}c_proj.weight`),
    weightOf(weights, `${prefix}c_proj.bias`),
    c,
  );
  return { output, probs: att.probs };
}

/** GPT-2's MLP on x [rows, C]: c_proj(gelu(c_fc(x))) with hidden width `hidden`, names under `prefix`. */
export function refMlp(
  x: Float64Array,
  rows: number,
  c: number,
  hidden: number,
  weights: RefWeights,
  prefix = '',
): Float64Array {
  const h = refDense(
    x,
    rows,
    c,
    weightOf(weights, `${prefix}c_fc.weight`),
    weightOf(weights, `${prefix}c_fc.bias`),
    hidden,
  );
  return refDense(
    h.map(refGeluTanh),
    rows,
    hidden,
    weightOf(weights, `${prefix}c_proj.weight`),
    weightOf(weights, `${prefix}c_proj.bias`),
    c,
  );
}

/**
 * A GPT-2 pre-LN block on x [B, T, C]: x + attn(ln_1(x)), then + mlp(ln_2(·)). Weights by Hugging
 * Face name without the `h.N.` prefix. Returns output [B, T, C] and the attention probs.
 */
export function refBlock(
  x: Float64Array,
  dims: { b: number; t: number; c: number; heads: number; hidden: number; eps: number },
  weights: RefWeights,
): { output: Float64Array; probs: Float64Array } {
  const { b, t, c, hidden, eps } = dims;
  const rows = b * t;
  const ln1 = refLayerNorm(x, rows, c, weightOf(weights, 'ln_1.weight'), weightOf(weights, 'ln_1.bias'), eps);
  const att = refSelfAttention(ln1, dims, weights, 'attn.');
  const h = x.map((v, i) => v + att.output[i]!);
  const ln2 = refLayerNorm(h, rows, c, weightOf(weights, 'ln_2.weight'), weightOf(weights, 'ln_2.bias'), eps);
  const m = refMlp(ln2, rows, c, hidden, weights, 'mlp.');
  return { output: h.map((v, i) => v + m[i]!), probs: att.probs };
}
