import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { evaluate, tensorDataset } from '@chatgpt-explained/trainer';
import type { Figure } from '../figure';
import { integerIn, positiveNumber } from '../models/checks';
import { solveLeastSquares } from '../models/least-squares';
import {
  WIGGLY_FORMULA,
  evenGrid,
  initializeNet,
  integerList,
  oneInputNet,
  predictAt,
  seedOf,
  trainNet,
  wiggly,
  type PracticeRunOptions,
} from './nets';

/** Default hidden sizes of {@link netSizeExperiment}. */
export const DEFAULT_NET_SIZES: readonly number[] = [1, 2, 4, 8, 16, 32];

/** The linear target the perceptron fits in {@link netSizeExperiment}: `0.8x − 0.3`. */
export const LINEAR_TARGET = { slope: 0.8, intercept: -0.3, formula: '0.8x − 0.3' } as const;

/** Options of {@link netSizeExperiment}, with their defaults. */
export interface NetSizeOptions extends PracticeRunOptions {
  /** Units per hidden layer of each net, 1 to 12 sizes from 1 to 256. Default {@link DEFAULT_NET_SIZES}. */
  readonly sizes?: readonly number[];
  /** Hidden layers per net, 1 to 3. Default 2. */
  readonly hiddenLayers?: number;
  /** Training points, evenly spaced on [-1, 1], 8 to 2048. Default 128. */
  readonly points?: number;
  /** Full-batch Adam steps per net, 1 to 100000. Default 1000. */
  readonly steps?: number;
  /** Adam's learning rate at the start (cosine decay to a tenth). Default 0.02. */
  readonly learningRate?: number;
  /** Steps for each perceptron fit, 1 to 100000. Default 300. */
  readonly perceptronSteps?: number;
  /** Seeds the weights. Default 1. */
  readonly seed?: number;
}

/** One trained net of {@link netSizeExperiment}. */
export interface NetSizeRow {
  /** Units per hidden layer. */
  readonly hidden: number;
  readonly parameters: number;
  /** Mean squared error on the training points after training. */
  readonly loss: number;
  /** The net's output at each training point. */
  readonly predictions: readonly number[];
}

/** A perceptron `y = w·x + b` trained on one target. */
export interface PerceptronFit {
  /** The target, written out. */
  readonly target: string;
  readonly weight: number;
  readonly bias: number;
  /** Mean squared error after training. */
  readonly loss: number;
  /** The least mean squared error any line reaches on these points (float64 least squares). */
  readonly bestLineLoss: number;
  readonly predictions: readonly number[];
}

/** Result of {@link netSizeExperiment}. */
export interface NetSizeResult {
  readonly backend: string;
  /** The target function, written out. */
  readonly target: string;
  readonly hiddenLayers: number;
  readonly steps: number;
  /** Training inputs and the target there. */
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** One row per size, in the order given. */
  readonly nets: readonly NetSizeRow[];
  /** The perceptron on a straight line (it fits) and on the wiggly target (it cannot). */
  readonly perceptron: { readonly linear: PerceptronFit; readonly wiggly: PerceptronFit };
  /** `7.1-net-size-loss`, `7.1-net-size-fits`, `7.1-perceptron`. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 7.1: too small a net cannot fit a function; past some size it can. Trains one-input nets
 * with `hiddenLayers` Ramp (ReLU) layers of each size on the wiggly target `sin(2πx) + ½·sin(5πx)`
 * (full batch, Adam, mean squared error) and reports the final loss of each; then a perceptron
 * (`dense({ inputs: 1, units: 1 })`, no hidden layer) on a straight line and on the wiggly target,
 * with the best loss any line can reach for comparison. Disposes every tensor it makes.
 */
export async function netSizeExperiment(compute: ComputeContext, options: NetSizeOptions = {}): Promise<NetSizeResult> {
  const op = 'netSizeExperiment';
  const sizes = integerList(op, 'sizes', options.sizes ?? DEFAULT_NET_SIZES, 1, 256, 12);
  const hiddenLayers = integerIn(op, 'hiddenLayers', options.hiddenLayers ?? 2, 1, 3);
  const points = integerIn(op, 'points', options.points ?? 128, 8, 2048);
  const steps = integerIn(op, 'steps', options.steps ?? 1000, 1, 100_000);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.02);
  const perceptronSteps = integerIn(op, 'perceptronSteps', options.perceptronSteps ?? 300, 1, 100_000);
  const seed = seedOf(op, options.seed ?? 1);
  const { signal, onProgress } = options;
  const run = { ...(signal === undefined ? {} : { signal }), ...(onProgress === undefined ? {} : { onProgress }) };

  const xs = evenGrid(points);
  const ys = xs.map(wiggly);
  const linearYs = xs.map((x) => LINEAR_TARGET.slope * x + LINEAR_TARGET.intercept);
  const total = sizes.length * steps + 2 * perceptronSteps;
  let done = 0;

  const nets: NetSizeRow[] = [];
  const dataset = tensorDataset({ data: xs, shape: [points, 1] }, { data: ys, shape: [points, 1] });
  for (const hidden of sizes) {
    const model = oneInputNet({ hidden, layers: hiddenLayers });
    try {
      initializeNet(compute, model, seed);
      const label = `${hidden} hidden unit${hidden === 1 ? '' : 's'}`;
      await trainNet(
        model,
        dataset,
        { loss: 'l2', learningRate, batchSize: points, steps, seed, label },
        { done: done / total, share: steps / total, ...run },
      );
      done += steps;
      const loss = await evaluate(model, dataset, { loss: 'l2' });
      nets.push({ hidden, parameters: model.parameterCount(), loss, predictions: await predictAt(compute, model, xs) });
    } finally {
      model.dispose();
    }
  }

  const perceptronFit = async (target: Float32Array, formula: string): Promise<PerceptronFit> => {
    const model = oneInputNet({ hidden: 0, layers: 0 });
    try {
      initializeNet(compute, model, seed);
      const data = tensorDataset({ data: xs, shape: [points, 1] }, { data: target, shape: [points, 1] });
      await trainNet(
        model,
        data,
        {
          loss: 'l2',
          learningRate: 0.05,
          batchSize: points,
          steps: perceptronSteps,
          seed,
          label: `perceptron on ${formula}`,
        },
        { done: done / total, share: perceptronSteps / total, ...run },
      );
      done += perceptronSteps;
      const loss = await evaluate(model, data, { loss: 'l2' });
      const w = await model.readWeights();
      const [a, b] = solveLeastSquares(
        Array.from(xs, (x) => [1, x]),
        Array.from(target),
      ) as [number, number];
      let best = 0;
      xs.forEach((x, i) => (best += (a + b * x - target[i]!) ** 2));
      return {
        target: formula,
        weight: w['weight']!.data[0]!,
        bias: w['bias']!.data[0]!,
        loss,
        bestLineLoss: best / points,
        predictions: await predictAt(compute, model, xs),
      };
    } finally {
      model.dispose();
    }
  };
  const linear = await perceptronFit(linearYs, LINEAR_TARGET.formula);
  const wigglyFit = await perceptronFit(ys, WIGGLY_FORMULA);

  return {
    backend: compute.backend,
    target: WIGGLY_FORMULA,
    hiddenLayers,
    steps,
    x: Array.from(xs),
    y: Array.from(ys),
    nets,
    perceptron: { linear, wiggly: wigglyFit },
    figures: netSizeFigures(xs, ys, linearYs, nets, linear, wigglyFit, hiddenLayers),
  };
}

function netSizeFigures(
  xs: Float32Array,
  ys: Float32Array,
  linearYs: Float32Array,
  nets: readonly NetSizeRow[],
  linear: PerceptronFit,
  wigglyFit: PerceptronFit,
  hiddenLayers: number,
): Figure[] {
  const x = Array.from(xs);
  // Every fourth point, so the fitted lines show between the target's markers.
  const smallest = Math.min(...nets.map((n) => n.hidden));
  const largest = Math.max(...nets.map((n) => n.hidden));
  const sparse = (v: readonly number[]) => v.filter((_, i) => i % 4 === 0);
  const layersText = `${hiddenLayers} hidden layer${hiddenLayers === 1 ? '' : 's'}`;
  // The fits drawn: the smallest, one from the middle and the biggest net.
  const shown = [...new Set([0, Math.floor((nets.length - 1) / 2), nets.length - 1])].map((i) => nets[i]!);
  return [
    {
      name: '7.1-net-size-loss',
      spec: {
        kind: 'line',
        title: 'Too small a net cannot fit the function',
        subtitle: `Final loss of ReLU nets with ${layersText} fitted to ${WIGGLY_FORMULA}`,
        series: [
          { name: 'final loss', x: nets.map((n) => n.hidden), y: nets.map((n) => n.loss), style: 'line+points' },
        ],
        xLabel: 'units per hidden layer',
        yLabel: 'mean squared error',
        ...(smallest < largest ? { xScale: 'log' as const, xDomain: [smallest, largest] as const } : {}),
        ...(nets.every((n) => n.loss > 0) ? { yScale: 'log' as const } : {}),
      },
    },
    {
      name: '7.1-net-size-fits',
      spec: {
        kind: 'line',
        title: 'What nets of different sizes learn',
        subtitle: `Target ${WIGGLY_FORMULA} and the fits of nets with ${layersText}`,
        series: [
          { name: 'target', x, y: Array.from(ys), style: 'points' },
          ...shown.map((n) => ({
            name: `${n.hidden} unit${n.hidden === 1 ? '' : 's'} (loss ${n.loss.toPrecision(2)})`,
            x,
            y: [...n.predictions],
          })),
        ],
        xLabel: 'x',
        yLabel: 'y',
        legendTitle: 'net',
      },
    },
    {
      name: '7.1-perceptron',
      spec: {
        kind: 'line',
        title: 'A perceptron fits only straight lines',
        subtitle: `y = w·x + b trained on ${LINEAR_TARGET.formula} (loss ${linear.loss.toPrecision(2)}) and on the wiggly target (loss ${wigglyFit.loss.toPrecision(2)})`,
        series: [
          { name: LINEAR_TARGET.formula, x: sparse(x), y: sparse(Array.from(linearYs)), style: 'points' },
          { name: 'fit to the line', x, y: [...linear.predictions] },
          { name: 'wiggly target', x: sparse(x), y: sparse(Array.from(ys)), style: 'points' },
          { name: 'fit to the wiggle', x, y: [...wigglyFit.predictions] },
        ],
        xLabel: 'x',
        yLabel: 'y',
        legendTitle: 'series',
      },
    },
  ];
}
