/**
 * Test reference for the quantised-matmul kernel: the documented quantisation of weights and
 * activations and the block product, written again as plain float64 loops over logical indices (no
 * memory layout, no SIMD, no code shared with the kernel). Used only by the tests.
 */

/** Quantised weights, by output column c, K index kk: `codes[c * k + kk]`, `scales[c * blocks + b]`. */
export interface ReferenceWeights {
  readonly k: number;
  readonly n: number;
  readonly blocks: number;
  readonly codes: Int32Array;
  readonly scales: Float64Array;
}

/** Quantised activations, by row r: `codes[r * k + kk]`, `scales[r * blocks + b]`. */
export interface ReferenceActivations {
  readonly m: number;
  readonly k: number;
  readonly blocks: number;
  readonly codes: Int32Array;
  readonly scales: Float64Array;
}

const BLOCK = 32;

/** Weight w at (kk, c) of W [k, n], given row-major [k, n] or (transposed) [n, k]. */
export function weightAt(w: Float32Array, k: number, n: number, kk: number, c: number, transposed: boolean): number {
  return transposed ? w[c * k + kk]! : w[kk * n + c]!;
}

/** Symmetric per-block weight quantisation: d = f32(max|w| / qmax), code = round(w / d) (ties away from 0). */
export function referenceQuantizeWeights(
  w: Float32Array,
  k: number,
  n: number,
  bits: 8 | 4,
  transposed = false,
): ReferenceWeights {
  const qmax = bits === 8 ? 127 : 7;
  const blocks = Math.ceil(k / BLOCK);
  const codes = new Int32Array(n * k);
  const scales = new Float64Array(n * blocks);
  for (let c = 0; c < n; c++) {
    for (let b = 0; b < blocks; b++) {
      let amax = 0;
      for (let kk = b * BLOCK; kk < Math.min(k, (b + 1) * BLOCK); kk++)
        amax = Math.max(amax, Math.abs(weightAt(w, k, n, kk, c, transposed)));
      const d = Math.fround(amax / qmax);
      scales[c * blocks + b] = d;
      for (let kk = b * BLOCK; kk < Math.min(k, (b + 1) * BLOCK); kk++) {
        const v = weightAt(w, k, n, kk, c, transposed);
        codes[c * k + kk] = d === 0 ? 0 : Math.max(-qmax, Math.min(qmax, Math.sign(v) * Math.round(Math.abs(v / d))));
      }
    }
  }
  return { k, n, blocks, codes, scales };
}

/** Round half to even. */
export function roundTiesEven(v: number): number {
  const r = Math.round(v); // half up
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Activation quantisation per row and block: d = f32(max|x| / 127), code = round_ties_even(f32(x / d)). */
export function referenceQuantizeActivations(x: Float32Array, m: number, k: number): ReferenceActivations {
  const blocks = Math.ceil(k / BLOCK);
  const codes = new Int32Array(m * k);
  const scales = new Float64Array(m * blocks);
  for (let r = 0; r < m; r++) {
    for (let b = 0; b < blocks; b++) {
      let amax = 0;
      for (let kk = b * BLOCK; kk < Math.min(k, (b + 1) * BLOCK); kk++) amax = Math.max(amax, Math.abs(x[r * k + kk]!));
      const d = Math.fround(amax / 127);
      scales[r * blocks + b] = d;
      for (let kk = b * BLOCK; kk < Math.min(k, (b + 1) * BLOCK); kk++)
        codes[r * k + kk] = d === 0 ? 0 : roundTiesEven(Math.fround(x[r * k + kk]! / d));
    }
  }
  return { m, k, blocks, codes, scales };
}

/**
 * The block product in float64: y[r, c] = Σ_b xscale · wscale · Σ_j xcode · wcode (+ bias[c]), and
 * beside it Σ_b |term_b| + |bias[c]|, the magnitude that float32 rounding errors scale with.
 */
export function referenceProduct(
  x: ReferenceActivations,
  w: ReferenceWeights,
  bias?: Float32Array,
): { y: Float64Array; magnitude: Float64Array } {
  const { m, k, blocks } = x;
  const n = w.n;
  const y = new Float64Array(m * n);
  const magnitude = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < n; c++) {
      let sum = 0;
      let size = 0;
      for (let b = 0; b < blocks; b++) {
        let dot = 0;
        for (let kk = b * BLOCK; kk < Math.min(k, (b + 1) * BLOCK); kk++)
          dot += x.codes[r * k + kk]! * w.codes[c * k + kk]!;
        const term = x.scales[r * blocks + b]! * w.scales[c * blocks + b]! * dot;
        sum += term;
        size += Math.abs(term);
      }
      const extra = bias === undefined ? 0 : bias[c]!;
      y[r * n + c] = sum + extra;
      magnitude[r * n + c] = size + Math.abs(extra);
    }
  }
  return { y, magnitude };
}

/** x · W in float64 from the unquantised values (W row-major [k, n]). */
export function exactProduct(x: Float32Array, w: Float32Array, m: number, k: number, n: number): Float64Array {
  const y = new Float64Array(m * n);
  for (let r = 0; r < m; r++)
    for (let kk = 0; kk < k; kk++) {
      const v = x[r * k + kk]!;
      for (let c = 0; c < n; c++) y[r * n + c]! += v * w[kk * n + c]!;
    }
  return y;
}

/** Deterministic uniform values in [lo, hi) (mulberry32). */
export function randomValues(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = lo + (hi - lo) * u;
  }
  return out;
}
