import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { evaluate, mulberry32, sgd, tensorDataset, trainStep } from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { finiteNumber, integerIn, positiveNumber, rangeOf, seedIn } from './checks';
import type { TrainingRunOptions } from './progress';
import { linspace } from './target';
import { TWO_WEIGHT_NET, TwoWeightNet, twoWeightNetValue, twoWeightOutputs } from './two-weight-net';

/** A point in the plane of the two weights. */
export interface WeightPoint {
  readonly w1: number;
  readonly w2: number;
}

/**
 * Default starts of {@link lossLandscapeExperiment}: from `(−1, 2)` gradient descent reaches the
 * global minimum at (2, 1); from `(1, −2.5)` it settles in the local minimum near (−0.32, −1.25).
 */
export const DEFAULT_LANDSCAPE_STARTS: readonly WeightPoint[] = [
  { w1: -1, w2: 2 },
  { w1: 1, w2: -2.5 },
];

/** Options of {@link lossLandscapeExperiment}, with their defaults. */
export interface LossLandscapeOptions extends TrainingRunOptions {
  /** Grid cells along each axis, 8 to 512. Default 101. */
  readonly grid?: number;
  /** The range of `w1` drawn. Default [-4, 4]. */
  readonly w1Range?: readonly [number, number];
  /** The range of `w2` drawn. Default [-3, 3]. */
  readonly w2Range?: readonly [number, number];
  /** Where gradient descent starts, 1 to 8 points. Default {@link DEFAULT_LANDSCAPE_STARTS}. */
  readonly starts?: readonly WeightPoint[];
  /** Instead of `starts`: this many starts (1 to 8) drawn uniformly over the drawn ranges. */
  readonly randomStarts?: number;
  /** Seeds the `randomStarts` draws (only with `randomStarts`). Default 1. */
  readonly seed?: number;
  /** Plain gradient-descent steps from each start, 1 to 10,000. Default 300. */
  readonly steps?: number;
  /** The step size of plain gradient descent (`sgd`), > 0. Default 0.5. */
  readonly learningRate?: number;
}

/** One gradient-descent path over the landscape. */
export interface DescentPath {
  readonly start: WeightPoint;
  /** `(w1, w2)` before each step and after the last: `steps + 1` points. */
  readonly points: readonly WeightPoint[];
  /** The loss at each point (from the training steps, and a last evaluation). */
  readonly losses: readonly number[];
  readonly end: WeightPoint & { readonly loss: number };
}

/** Result of {@link lossLandscapeExperiment}. */
export interface LossLandscapeResult {
  readonly backend: string;
  /** The net, written out. */
  readonly net: string;
  /** The weights the data came from (loss 0 there). */
  readonly teacher: WeightPoint;
  /** The inputs of the data: `inputs` evenly spaced points of `inputRange`. */
  readonly inputRange: readonly [number, number];
  readonly inputs: number;
  /** Grid coordinates along w1 (columns) and w2 (rows). */
  readonly w1Axis: readonly number[];
  readonly w2Axis: readonly number[];
  /** `loss[row][column]`: the `l2` loss at `w1 = w1Axis[column]`, `w2 = w2Axis[row]`. */
  readonly loss: readonly (readonly number[])[];
  /** The smallest loss on the grid, and where. */
  readonly gridMinimum: WeightPoint & { readonly loss: number };
  readonly learningRate: number;
  readonly paths: readonly DescentPath[];
  /** `6.3-loss-landscape`: the loss as a heatmap with the paths drawn on it. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 6.3: the loss landscape of {@link TWO_WEIGHT_NET} over its two trainable weights `w1`,
 * `w2`, computed on a grid in one batched pass, and plain gradient descent (the trainer's
 * `trainStep` with `sgd`, full batch) from each start, recorded step by step: water flowing
 * downhill, into the global minimum or a local one. Disposes every tensor it makes.
 */
export async function lossLandscapeExperiment(
  compute: ComputeContext,
  options: LossLandscapeOptions = {},
): Promise<LossLandscapeResult> {
  const op = 'lossLandscapeExperiment';
  const grid = integerIn(op, 'grid', options.grid ?? 101, 8, 512);
  const w1Range = rangeOf(op, 'w1Range', options.w1Range ?? [-4, 4]);
  const w2Range = rangeOf(op, 'w2Range', options.w2Range ?? [-3, 3]);
  const starts = startPoints(op, options, w1Range, w2Range);
  const steps = integerIn(op, 'steps', options.steps ?? 300, 1, 10_000);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.5);
  const { signal, onProgress } = options;
  const { tf } = compute;

  const xs = linspace(TWO_WEIGHT_NET.inputRange[0], TWO_WEIGHT_NET.inputRange[1], TWO_WEIGHT_NET.inputs);
  const w1Axis = linspace(w1Range[0], w1Range[1], grid);
  const w2Axis = linspace(w2Range[0], w2Range[1], grid);

  // The data: the net's own outputs at the teacher's weights.
  const teacher = TWO_WEIGHT_NET.teacher;
  const ys = xs.map((x) => twoWeightNetValue(teacher.w1, teacher.w2, x));
  const surface = await landscape(compute, w1Axis, w2Axis, xs, ys);

  const batch = { x: tf.tensor2d(xs, [xs.length, 1]), y: tf.tensor2d(ys, [ys.length, 1]) }; // [N, 1] each
  const dataset = tensorDataset({ data: xs, shape: [xs.length, 1] }, { data: ys, shape: [ys.length, 1] });
  const paths: DescentPath[] = [];
  try {
    for (const [p, start] of starts.entries()) {
      const net = new TwoWeightNet(start.w1, start.w2).initialize();
      const optimizer = sgd({ learningRate });
      try {
        const points: WeightPoint[] = [];
        const losses: number[] = [];
        for (let s = 0; s < steps; s++) {
          signal?.throwIfAborted();
          points.push(await readPoint(net));
          const loss = await trainStep(net, batch, { loss: 'l2', optimizer, signal });
          losses.push(loss);
          if (onProgress && ((s + 1) % 10 === 0 || s + 1 === steps)) {
            onProgress({ step: p * steps + s + 1, totalSteps: starts.length * steps, loss });
          }
        }
        const end = await readPoint(net);
        const last = await evaluate(net, dataset, { loss: 'l2' });
        points.push(end);
        losses.push(last);
        paths.push({ start: { w1: start.w1, w2: start.w2 }, points, losses, end: { ...end, loss: last } });
      } finally {
        optimizer.dispose();
        net.dispose();
      }
    }
  } finally {
    batch.x.dispose();
    batch.y.dispose();
  }

  const result = {
    backend: compute.backend,
    net: TWO_WEIGHT_NET.formula,
    teacher: { w1: teacher.w1, w2: teacher.w2 },
    inputRange: TWO_WEIGHT_NET.inputRange,
    inputs: TWO_WEIGHT_NET.inputs,
    w1Axis,
    w2Axis,
    loss: surface.loss,
    gridMinimum: surface.minimum,
    learningRate,
    paths,
  };
  return { ...result, figures: [landscapeFigure(result, w1Range, w2Range)] };
}

function startPoints(
  op: string,
  options: LossLandscapeOptions,
  w1Range: readonly [number, number],
  w2Range: readonly [number, number],
): readonly WeightPoint[] {
  if (options.randomStarts !== undefined) {
    if (options.starts !== undefined) {
      throw new EssayError('INVALID_ARGUMENT', `${op}: give starts or randomStarts, not both`, {
        argument: 'randomStarts',
        value: options.randomStarts,
        expected: 'starts or randomStarts',
      });
    }
    const count = integerIn(op, 'randomStarts', options.randomStarts, 1, 8);
    const next = mulberry32(seedIn(op, 'seed', options.seed ?? 1));
    const draw = ([from, to]: readonly [number, number]) => Number((from + (to - from) * next()).toFixed(2));
    return Array.from({ length: count }, () => ({ w1: draw(w1Range), w2: draw(w2Range) }));
  }
  if (options.seed !== undefined) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: seed only seeds randomStarts, which was not given`, {
      argument: 'seed',
      value: options.seed,
      expected: 'randomStarts with it, or no seed',
    });
  }
  const starts = options.starts ?? DEFAULT_LANDSCAPE_STARTS;
  if (!Array.isArray(starts) || starts.length < 1 || starts.length > 8) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: starts must hold 1 to 8 points, got ${JSON.stringify(starts)}`, {
      argument: 'starts',
      value: starts,
      expected: '1 to 8 points { w1, w2 }',
    });
  }
  starts.forEach((s, i) => {
    finiteNumber(op, `starts[${i}].w1`, s.w1);
    finiteNumber(op, `starts[${i}].w2`, s.w2);
  });
  return starts;
}

async function readPoint(net: TwoWeightNet): Promise<WeightPoint> {
  const [w1, w2] = await Promise.all([net.weight('w1').data(), net.weight('w2').data()]);
  return { w1: w1[0]!, w2: w2[0]! };
}

/** The `l2` loss (mean over the data of the squared error) at every grid point, in one batched pass. */
async function landscape(
  compute: ComputeContext,
  w1Axis: readonly number[],
  w2Axis: readonly number[],
  xs: readonly number[],
  ys: readonly number[],
): Promise<{ loss: number[][]; minimum: WeightPoint & { loss: number } }> {
  const { tf } = compute;
  const rows = w2Axis.length;
  const cols = w1Axis.length;
  // Grid points row by row (w2 outer, w1 inner), so point k is loss[k / cols][k % cols].
  const w1 = new Float32Array(rows * cols);
  const w2 = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      w1[r * cols + c] = w1Axis[c]!;
      w2[r * cols + c] = w2Axis[r]!;
    }
  }
  const loss = tf.tidy(() => {
    const outputs = twoWeightOutputs(
      tf.tensor2d(w1, [rows * cols, 1]),
      tf.tensor2d(w2, [rows * cols, 1]),
      tf.tensor2d([...xs], [1, xs.length]),
    ); // [G², N]
    return tf.mean(tf.square(tf.sub(outputs, tf.tensor2d([...ys], [1, ys.length]))), 1); // [G²]
  });
  let flat: Float32Array;
  try {
    flat = (await loss.data()) as Float32Array;
  } finally {
    loss.dispose();
  }
  let best = 0;
  for (let k = 1; k < flat.length; k++) if (flat[k]! < flat[best]!) best = k;
  return {
    loss: Array.from({ length: rows }, (_, r) => Array.from(flat.subarray(r * cols, (r + 1) * cols))),
    minimum: { w1: w1Axis[best % cols]!, w2: w2Axis[Math.floor(best / cols)]!, loss: flat[best]! },
  };
}

/**
 * The points of a path to draw: the first, each one at least `gap` from the last one kept, and the
 * last, so the many tiny steps near a minimum do not pile up into a blot.
 */
function thinPath(points: readonly WeightPoint[], gap: number): Array<readonly [number, number]> {
  const kept: Array<readonly [number, number]> = [[points[0]!.w1, points[0]!.w2]];
  for (const p of points.slice(1, -1)) {
    const [w1, w2] = kept.at(-1)!;
    if (Math.hypot(p.w1 - w1, p.w2 - w2) >= gap) kept.push([p.w1, p.w2]);
  }
  const last = points.at(-1)!;
  if (points.length > 1) kept.push([last.w1, last.w2]);
  return kept;
}

const show = (v: number) => (Math.abs(v) < 5e-5 ? '0' : String(Number(v.toPrecision(2))));
const coordinate = (p: WeightPoint) => `(${Number(p.w1.toFixed(2))}, ${Number(p.w2.toFixed(2))})`;

function landscapeFigure(
  r: Omit<LossLandscapeResult, 'figures'>,
  w1Range: readonly [number, number],
  w2Range: readonly [number, number],
): Figure {
  const top = Math.max(...r.loss.map((row) => Math.max(...row)));
  return {
    name: '6.3-loss-landscape',
    spec: {
      kind: 'heatmap',
      title: `Loss landscape of ${r.net}`,
      subtitle: `L2 loss over the two trained weights; gradient descent (rate ${r.learningRate}) from ${r.paths.map((p) => coordinate(p.start)).join(', ')}`,
      values: r.loss,
      extent: { x: [w1Range[0], w1Range[1]], y: [w2Range[0], w2Range[1]] },
      xLabel: 'w1',
      yLabel: 'w2',
      color: { scheme: 'viridis', type: 'sqrt', domain: [0, top], label: 'loss' },
      paths: r.paths.map((p) => ({
        label: `loss ${show(p.end.loss)}`,
        points: thinPath(p.points, 0.015 * Math.hypot(w1Range[1] - w1Range[0], w2Range[1] - w2Range[0])),
      })),
      width: 420,
      height: 320,
    },
  };
}
