/**
 * Seeded weight initialisers, computed in JavaScript (not with tfjs random ops) so a model's first
 * weights are the same on every backend and machine, and a float64 reference can rebuild them.
 */
import { NnCoreError } from '../errors';

/**
 * How a weight starts:
 * - `zeros`, `ones`;
 * - `glorot`: uniform in ±√(6 / (fanIn + fanOut)) (Keras's default for dense and conv kernels);
 * - `he`: normal with standard deviation √(2 / fanIn) (suits ReLU layers);
 * - `lecun`: uniform in ±1/√fanIn (PyTorch's default for `nn.Linear`);
 * - `{ normal: std }`: normal with mean 0 and that standard deviation (GPT-2 uses 0.02);
 * - `{ uniform: [lo, hi] }`;
 * - `{ constant: v }`.
 */
export type Initializer =
  | 'zeros'
  | 'ones'
  | 'glorot'
  | 'he'
  | 'lecun'
  | { readonly normal: number }
  | { readonly uniform: readonly [number, number] }
  | { readonly constant: number };

/** FNV-1a over a string's UTF-16 code units, 32 bits. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: uniform in [0, 1), from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of one weight: the model's seed mixed with the weight's full name. */
export function weightSeed(seed: number, name: string): number {
  return hashString(name, hashString(String(seed >>> 0)));
}

function normals(n: number, std: number, next: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    // Box–Muller: two independent standard normals from two uniforms.
    const u = 1 - next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u)) * std;
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

function uniforms(n: number, lo: number, hi: number, next: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * next();
  return out;
}

/**
 * Fan-in and fan-out of a weight shape: [in, out] for dense kernels, [kh, kw, in, out] for conv
 * kernels (receptive field × channels), the length for vectors.
 */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[shape.length - 2]! * receptive, fanOut: shape[shape.length - 1]! * receptive };
}

/** The values of a weight of `shape`, from `init` and a 32-bit `seed`. */
export function initialValues(init: Initializer, shape: readonly number[], seed: number): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const next = mulberry32(seed);
  const { fanIn, fanOut } = fans(shape);
  if (init === 'zeros') return new Float32Array(n);
  if (init === 'ones') return new Float32Array(n).fill(1);
  if (init === 'glorot') {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return uniforms(n, -limit, limit, next);
  }
  if (init === 'he') return normals(n, Math.sqrt(2 / fanIn), next);
  if (init === 'lecun') {
    const limit = 1 / Math.sqrt(fanIn);
    return uniforms(n, -limit, limit, next);
  }
  if (typeof init === 'object' && init !== null) {
    if ('normal' in init && Number.isFinite(init.normal) && init.normal >= 0) return normals(n, init.normal, next);
    if ('uniform' in init && Array.isArray(init.uniform)) {
      const [lo, hi] = init.uniform;
      if (Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi) return uniforms(n, lo, hi, next);
    }
    if ('constant' in init && Number.isFinite(init.constant)) return new Float32Array(n).fill(init.constant);
  }
  throw new NnCoreError('INVALID_ARGUMENT', `initializer: unknown or invalid initializer ${JSON.stringify(init)}`, {
    argument: 'init',
    value: init,
    expected:
      "'zeros' | 'ones' | 'glorot' | 'he' | 'lecun' | { normal: std ≥ 0 } | { uniform: [lo, hi] } | { constant: v }",
  });
}
