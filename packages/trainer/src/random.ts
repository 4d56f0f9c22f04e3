/**
 * Seeded randomness for training: every random choice derives from the run's seed and a position
 * (epoch, step), never from a stream that has to be replayed, so a resumed run makes the same choices.
 */

/** mulberry32: a small, fast 32-bit generator; uniform in [0, 1). */
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

/** A 32-bit seed mixed from a run seed, a purpose tag and a counter (murmur3's finaliser). */
export function deriveSeed(seed: number, purpose: string, counter: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (Math.floor(seed / 4294967296) >>> 0), 0x01000193) >>> 0;
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  h = (h ^ Math.imul(counter >>> 0, 0xc2b2ae35)) >>> 0;
  // Counters beyond 2³² (never in practice) still change the seed.
  h = (h ^ Math.floor(counter / 4294967296)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
