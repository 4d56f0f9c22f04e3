import { mulberry32 } from '@chatgpt-explained/trainer';

/**
 * The wiggly function the nets of essay 6.1–6.4 learn, `f(x) = 0.8·sin(2πx) + 0.3·x`: two full waves
 * on a slope over the training range [-1, 1] (four bends for a net to find), bounded by about ±1.1.
 */
export function wigglyTarget(x: number): number {
  return 0.8 * Math.sin(2 * Math.PI * x) + 0.3 * x;
}

/** The target written out, for titles and reports. */
export const WIGGLY_TARGET_FORMULA = 'f(x) = 0.8·sin(2πx) + 0.3·x';

/** `count` evenly spaced points from `from` to `to` inclusive (`count` ≥ 2). */
export function linspace(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/**
 * `count` training inputs drawn uniformly from `[from, to)` with a seeded generator, and the
 * target's value at each: the examples a net is shown.
 */
export function sampleTarget(
  count: number,
  range: readonly [number, number],
  seed: number,
): { readonly x: number[]; readonly y: number[] } {
  const next = mulberry32(seed);
  const [from, to] = range;
  const x = Array.from({ length: count }, () => from + (to - from) * next());
  return { x, y: x.map(wigglyTarget) };
}
