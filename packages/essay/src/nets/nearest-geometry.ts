/**
 * The geometry of the nearest-point task (essay 5.2): the padded box around the points, the grid
 * the answer is scored on, the true nearest point (Voronoi region) of every grid point, and the
 * share of the grid where a classifier agrees with it. Pure float64 arithmetic, no tensors.
 */
import { EssayError } from '../errors';

/** A point of the plane. */
export interface PlanePoint {
  readonly x: number;
  readonly y: number;
}

/**
 * The square-padded box of the task. With the points' bounding box `[x0, x1] × [y0, y1]` and
 * `s = max(x1 − x0, y1 − y0)`, it is `[x0 − s/2, x1 + s/2] × [y0 − s/2, y1 + s/2]`: the bounding
 * box padded on every side by half its larger side.
 */
export interface NearestBox {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  /** The centre of the points' bounding box (and of the padded box). */
  readonly center: PlanePoint;
  /** `s`, the bounding box's larger side (> 0 for two or more distinct points). */
  readonly side: number;
}

/** The most points {@link checkPlanePoints} accepts (the figures draw at most 20 classes; 8 stay readable). */
export const MAX_NEAREST_POINTS = 8;

/**
 * Checks the points of a nearest-point task: 2 to {@link MAX_NEAREST_POINTS} points with finite
 * coordinates of magnitude at most 1e9, no two equal. Throws `INVALID_ARGUMENT` naming `op`,
 * `points` and what was seen.
 */
export function checkPlanePoints(op: string, points: readonly PlanePoint[]): readonly PlanePoint[] {
  if (!Array.isArray(points) || points.length < 2 || points.length > MAX_NEAREST_POINTS) {
    const seen = Array.isArray(points) ? `${points.length} points` : String(points);
    throw new EssayError('INVALID_ARGUMENT', `${op}: points must hold 2 to ${MAX_NEAREST_POINTS} points, got ${seen}`, {
      argument: 'points',
      value: points,
      expected: `2 to ${MAX_NEAREST_POINTS} points { x, y }`,
    });
  }
  points.forEach((p, i) => {
    for (const key of ['x', 'y'] as const) {
      const v = (p as Partial<PlanePoint> | null)?.[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e9) {
        throw new EssayError(
          'INVALID_ARGUMENT',
          `${op}: points[${i}].${key} must be a finite number of magnitude ≤ 1e9, got ${String(v)}`,
          { argument: `points[${i}].${key}`, value: v, expected: 'a finite number in [-1e9, 1e9]' },
        );
      }
    }
    for (let j = 0; j < i; j++) {
      const q = points[j]!;
      if (q.x === p.x && q.y === p.y) {
        throw new EssayError(
          'INVALID_ARGUMENT',
          `${op}: points[${j}] and points[${i}] are the same point (${p.x}, ${p.y}); the points must be distinct`,
          { argument: 'points', value: points, expected: 'distinct points' },
        );
      }
    }
  });
  return points;
}

/** The padded box of the task around `points` (see {@link NearestBox}); the points must be distinct. */
export function nearestBox(points: readonly PlanePoint[]): NearestBox {
  checkPlanePoints('nearestBox', points);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const side = Math.max(x1 - x0, y1 - y0);
  return {
    x: [x0 - side / 2, x1 + side / 2],
    y: [y0 - side / 2, y1 + side / 2],
    center: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 },
    side,
  };
}

/**
 * The grid of `size × size` cell centres over `box`, row by row from the bottom: grid point
 * `k = row · size + column` is at `x = x₀ + (column + 0.5)/size · (x₁ − x₀)`, `y` likewise with the
 * row. Returns `[x, y, x, y, …]` (length `2·size²`), the layout of a decision-regions figure's
 * `regions[row][column]` flattened.
 */
export function nearestGrid(box: NearestBox, size: number): Float64Array {
  const out = new Float64Array(2 * size * size);
  const [xa, xb] = box.x;
  const [ya, yb] = box.y;
  for (let r = 0; r < size; r++) {
    const y = ya + ((r + 0.5) / size) * (yb - ya);
    for (let c = 0; c < size; c++) {
      out[2 * (r * size + c)] = xa + ((c + 0.5) / size) * (xb - xa);
      out[2 * (r * size + c) + 1] = y;
    }
  }
  return out;
}

/**
 * The index of the point nearest to `(x, y)` in Euclidean distance. A tie (a point exactly on a
 * Voronoi boundary) goes to the lowest index.
 */
export function nearestIndex(points: readonly PlanePoint[], x: number, y: number): number {
  let best = 0;
  let bestDistance = Infinity;
  points.forEach((p, i) => {
    const d = (x - p.x) ** 2 + (y - p.y) ** 2;
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/** {@link nearestIndex} of every point of `[x, y, x, y, …]` (such as {@link nearestGrid}): the true Voronoi labels. */
export function nearestLabels(points: readonly PlanePoint[], coordinates: ArrayLike<number>): Int32Array {
  const labels = new Int32Array(coordinates.length / 2);
  for (let k = 0; k < labels.length; k++)
    labels[k] = nearestIndex(points, coordinates[2 * k]!, coordinates[2 * k + 1]!);
  return labels;
}

/**
 * Inputs of the net: `(x − centre) / s` for each coordinate, so the padded box's larger side spans
 * [−1, 1] (and its other side a sub-interval). Returns float32 `[u, v, u, v, …]`.
 */
export function nearestInputs(box: NearestBox, coordinates: ArrayLike<number>): Float32Array {
  const out = new Float32Array(coordinates.length);
  for (let k = 0; k < coordinates.length; k += 2) {
    out[k] = (coordinates[k]! - box.center.x) / box.side;
    out[k + 1] = (coordinates[k + 1]! - box.center.y) / box.side;
  }
  return out;
}

/** The share of positions where `predicted` equals `truth` (arrays of the same, non-zero length). */
export function labelAgreement(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (predicted.length !== truth.length || truth.length === 0) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `labelAgreement: predicted has ${predicted.length} labels, truth ${truth.length}; they must have the same non-zero length`,
      { argument: 'predicted', value: predicted.length, expected: `${truth.length} labels` },
    );
  }
  let same = 0;
  for (let k = 0; k < truth.length; k++) if (predicted[k] === truth[k]) same++;
  return same / truth.length;
}

/** `labels` (row-major, row 0 at the bottom) as `size` rows of `size`, for a decision-regions figure. */
export function labelRows(labels: ArrayLike<number>, size: number): number[][] {
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => labels[r * size + c]!));
}
