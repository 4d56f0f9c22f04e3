// Deterministic weights and data that the PyTorch script (torch_train.py, `fill`) computes bit for
// bit the same: an integer hash of (index, seed) in uint32 arithmetic, turned into a float64 in
// [-1, 1) by exact operations, scaled, then rounded once to float32. Both sides therefore start from
// the same model and the same batch, and their losses can be compared before anything is timed.

/** FNV-1a (32-bit) of an ASCII name: the seed of the values filled under that name. */
export function nameSeed(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ (name.charCodeAt(i) & 0xff), 0x01000193) >>> 0;
  return h;
}

/** A uint32 hash of element `i` under `seed` (a murmur3-style finaliser of i·φ + seed·c). */
export function hashAt(i: number, seed: number): number {
  let h = (Math.imul(i, 0x9e3779b1) + Math.imul(seed, 0x85ebca77)) >>> 0;
  h = (h ^ (h >>> 15)) >>> 0;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h = (h ^ (h >>> 12)) >>> 0;
  h = Math.imul(h, 0x297a2d39) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/** `n` float32 values `offset + scale · u`, u uniform in [-1, 1) from {@link hashAt} under `name`. */
export function fillValues(n: number, name: string, scale: number, offset = 0): Float32Array {
  const seed = nameSeed(name);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = ((hashAt(i, seed) / 4294967296) * 2 - 1) * scale + offset;
  return out;
}

/** `n` integer labels in [0, classes): the hash modulo `classes`. */
export function fillLabels(n: number, name: string, classes: number): Int32Array {
  const seed = nameSeed(name);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = hashAt(i, seed) % classes;
  return out;
}

/**
 * How a weight is filled, by its name and shape (the same rule as torch_train.py's `weight_values`):
 * a matrix [in, out] gets scale √(3/in) (variance 1/in, LeCun's); a vector named `gamma`/`scale`/
 * `weight` of a norm gets 1 ± 0.1; any other vector (a bias, a norm's shift) ± 0.1.
 */
export function weightValues(name: string, shape: readonly number[]): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  if (shape.length >= 2) return fillValues(n, name, Math.sqrt(3 / shape[0]!));
  const last = name.split('.').at(-1) ?? '';
  if (last === 'gamma' || last === 'scale' || (last === 'weight' && /(^|\.)(ln|norm)[^.]*\.weight$/.test(name)))
    return fillValues(n, name, 0.1, 1);
  return fillValues(n, name, 0.1);
}
