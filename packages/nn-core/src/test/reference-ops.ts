/**
 * Float64 reference implementations for the backend op suite: naive loops over row-major arrays,
 * written independently of tfjs so a backend's numbers are checked against arithmetic, not against
 * another backend.
 */

/** A deterministic generator (mulberry32) so inputs are the same on every run and backend. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` values uniform in [lo, hi), rounded to float32 so the backend and the reference see the same inputs. */
export function randomValues(n: number, seed: number, lo = -1, hi = 1): Float64Array {
  const next = seededRandom(seed);
  return Float64Array.from({ length: n }, () => Math.fround(lo + (hi - lo) * next()));
}

/** [m, k] × [k, n] → [m, n]. */
export function matMul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      out[i * n + j] = s;
    }
  }
  return out;
}

/** Row-wise softmax of [rows, cols]. */
export function softmaxRows(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]!);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += Math.exp(x[r * cols + c]! - max);
    for (let c = 0; c < cols; c++) out[r * cols + c] = Math.exp(x[r * cols + c]! - max) / sum;
  }
  return out;
}

/**
 * 2-D convolution, NHWC input [1, h, w, cin], HWIO filter [kh, kw, cin, cout], stride 1, "same"
 * padding (odd kernels, zero padding of (k - 1) / 2 on each side).
 */
export function conv2dSame(
  x: Float64Array,
  f: Float64Array,
  h: number,
  w: number,
  cin: number,
  kh: number,
  kw: number,
  cout: number,
): Float64Array {
  const out = new Float64Array(h * w * cout);
  const ph = (kh - 1) / 2;
  const pw = (kw - 1) / 2;
  for (let y = 0; y < h; y++) {
    for (let xx = 0; xx < w; xx++) {
      for (let o = 0; o < cout; o++) {
        let s = 0;
        for (let dy = 0; dy < kh; dy++) {
          for (let dx = 0; dx < kw; dx++) {
            const iy = y + dy - ph;
            const ix = xx + dx - pw;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            for (let c = 0; c < cin; c++) s += x[(iy * w + ix) * cin + c]! * f[((dy * kw + dx) * cin + c) * cout + o]!;
          }
        }
        out[(y * w + xx) * cout + o] = s;
      }
    }
  }
  return out;
}

/** Largest |got − want| / (|want| + floor) over all elements. */
export function maxRelativeError(got: ArrayLike<number>, want: ArrayLike<number>, floor = 1): number {
  if (got.length !== want.length) throw new Error(`length ${got.length} ≠ ${want.length}`);
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    const e = Number.isNaN(g) ? Infinity : Math.abs(g - w) / (Math.abs(w) + floor);
    if (e > worst) worst = e;
  }
  return worst;
}
