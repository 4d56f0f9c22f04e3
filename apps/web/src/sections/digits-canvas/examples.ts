/**
 * Example handwritten digits as pen strokes (0–1 coordinates of the pad, y down), so that a reader
 * without a pointer can have one drawn and see the net read it.
 */
import type { Stroke } from '../../ui/draw-pad';

/** Points of a curve `t ↦ [x, y]` for t from `from` to `to`. */
function curve(f: (t: number) => readonly [number, number], from: number, to: number, n = 40): Stroke {
  return Array.from({ length: n + 1 }, (_, i) => f(from + ((to - from) * i) / n));
}

/** One example per digit 0–9. */
export const EXAMPLE_DIGITS: readonly (readonly Stroke[])[] = [
  [curve((t) => [0.5 + 0.2 * Math.sin(t), 0.5 - 0.3 * Math.cos(t)], 0, 2 * Math.PI + 0.2)],
  [
    [
      [0.42, 0.27],
      [0.52, 0.18],
      [0.52, 0.82],
    ],
  ],
  [
    [
      [0.3, 0.32],
      [0.36, 0.22],
      [0.5, 0.17],
      [0.64, 0.22],
      [0.68, 0.33],
      [0.62, 0.46],
      [0.3, 0.8],
      [0.72, 0.8],
    ],
  ],
  [
    [
      [0.3, 0.22],
      [0.5, 0.17],
      [0.66, 0.24],
      [0.66, 0.38],
      [0.48, 0.48],
      [0.66, 0.57],
      [0.68, 0.72],
      [0.52, 0.82],
      [0.3, 0.77],
    ],
  ],
  [
    [
      [0.56, 0.18],
      [0.28, 0.6],
      [0.74, 0.6],
    ],
    [
      [0.58, 0.3],
      [0.58, 0.84],
    ],
  ],
  [
    [
      [0.68, 0.18],
      [0.38, 0.18],
      [0.34, 0.46],
      [0.5, 0.42],
      [0.65, 0.5],
      [0.68, 0.67],
      [0.56, 0.8],
      [0.32, 0.77],
    ],
  ],
  [
    [
      [0.62, 0.17],
      [0.45, 0.32],
      [0.35, 0.55],
      [0.37, 0.74],
      [0.5, 0.82],
      [0.63, 0.74],
      [0.64, 0.6],
      [0.5, 0.52],
      [0.37, 0.6],
    ],
  ],
  [
    [
      [0.3, 0.2],
      [0.7, 0.2],
      [0.46, 0.82],
    ],
  ],
  [curve((t) => [0.5 + 0.17 * Math.sin(2 * t), 0.5 - 0.32 * Math.cos(t)], 0, 2 * Math.PI + 0.1, 60)],
  [
    curve((t) => [0.5 + 0.15 * Math.cos(t), 0.34 + 0.15 * Math.sin(t)], 0, 2 * Math.PI),
    [
      [0.65, 0.34],
      [0.6, 0.82],
    ],
  ],
];
