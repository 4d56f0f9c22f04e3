/** Where a run of bytes occurs twice. */
export interface Repeat {
  /** Start of the earlier occurrence. */
  readonly first: number;
  /** Start of the later one. */
  readonly second: number;
  /** Length of the common run, in bytes (as far as it extends both ways). */
  readonly length: number;
}

const BASE = 0x01000193;

/**
 * Finds a run of at least `minLength` bytes that occurs twice in `bytes` (overlapping occurrences
 * included), or `undefined` when there is none. Exact, in about linear time: windows of
 * `w = minLength - s + 1` bytes at every multiple of `s` go into a table by rolling hash; every
 * window is then looked up, so any repeated run of `minLength` bytes is caught through the aligned
 * window it contains, and each hash hit is checked byte by byte and extended both ways.
 */
export function findRepeat(bytes: Uint8Array, minLength: number): Repeat | undefined {
  const stride = Math.max(1, Math.floor(minLength / 4));
  const w = minLength - stride + 1;
  if (bytes.length < w + 1) return undefined;
  let top = 1; // BASE^(w-1) mod 2^32
  for (let i = 1; i < w; i++) top = Math.imul(top, BASE);
  const hashes = new Uint32Array(bytes.length - w + 1);
  let h = 0;
  for (let i = 0; i < w; i++) h = (Math.imul(h, BASE) + bytes[i]!) >>> 0;
  hashes[0] = h;
  for (let p = 1; p < hashes.length; p++) {
    h = (Math.imul((h - Math.imul(bytes[p - 1]!, top)) >>> 0, BASE) + bytes[p + w - 1]!) >>> 0;
    hashes[p] = h;
  }
  const aligned = new Map<number, number[]>();
  for (let a = 0; a < hashes.length; a += stride) {
    const list = aligned.get(hashes[a]!);
    if (list === undefined) aligned.set(hashes[a]!, [a]);
    else list.push(a);
  }
  for (let p = 0; p < hashes.length; p++) {
    for (const a of aligned.get(hashes[p]!) ?? []) {
      if (a === p) continue;
      let back = 0;
      while (a - back > 0 && p - back > 0 && bytes[a - back - 1] === bytes[p - back - 1]) back++;
      let forward = 0;
      while (a + forward < bytes.length && p + forward < bytes.length && bytes[a + forward] === bytes[p + forward])
        forward++;
      if (back + forward >= minLength)
        return { first: Math.min(a, p) - back, second: Math.max(a, p) - back, length: back + forward };
    }
  }
  return undefined;
}
