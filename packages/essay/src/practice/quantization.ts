import {
  measureQuantization,
  quantizeLayers,
  roundTripWeights,
  type ComputeContext,
  type QuantizationBits,
} from '@chatgpt-explained/nn-core';
import { evaluate, tensorDataset } from '@chatgpt-explained/trainer';
import type { Figure } from '../figure';
import { integerIn, positiveNumber } from '../models/checks';
import {
  WIGGLY_FORMULA,
  evenGrid,
  initializeNet,
  oneInputNet,
  predictAt,
  seedOf,
  trainNet,
  wiggly,
  type PracticeRunOptions,
} from './nets';

/** Options of {@link quantizationExperiment}, with their defaults. */
export interface QuantizationOptions extends PracticeRunOptions {
  /** Units in each hidden layer, 1 to 256. Default 32. */
  readonly hidden?: number;
  /** Hidden layers, 1 to 3. Default 2. */
  readonly hiddenLayers?: number;
  /** Training points, evenly spaced on [-1, 1], 8 to 2048. Default 128. */
  readonly points?: number;
  /** Full-batch Adam steps, 1 to 100000. Default 1000. */
  readonly steps?: number;
  /** Adam's learning rate at the start (cosine decay to a tenth). Default 0.02. */
  readonly learningRate?: number;
  /** Seeds the weights. Default 1. */
  readonly seed?: number;
}

/** The trained net at one precision. */
export interface QuantizedRow {
  /** `float32`, `8-bit` or `4-bit`. */
  readonly precision: 'float32' | '8-bit' | '4-bit';
  /** Bits per weight matrix entry. */
  readonly bits: 32 | QuantizationBits;
  /** Mean squared error of the net computing with its quantised layers (nn-core `quantizeLayers`). */
  readonly loss: number;
  /** The same with the float model given the rounded weights (`roundTripWeights`): agrees with `loss`. */
  readonly roundTripLoss: number;
  /** Bytes of the whole model: quantised matrices (codes and per-unit scales) plus float32 biases. */
  readonly bytes: number;
  /** Largest change of any weight through the rounding (0 for float32). */
  readonly maxWeightError: number;
  /** Root mean square of the rounding error over all quantised weights, relative to their RMS. */
  readonly relativeRmsError: number;
  /** The net's output at each training point. */
  readonly predictions: readonly number[];
}

/** Result of {@link quantizationExperiment}. */
export interface QuantizationResult {
  readonly backend: string;
  readonly target: string;
  readonly hidden: number;
  readonly hiddenLayers: number;
  readonly parameters: number;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** float32, 8-bit, 4-bit. */
  readonly rows: readonly QuantizedRow[];
  /** `7.3-quantized-loss`, `7.3-quantized-fits`. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 7.3: 8 bits per weight (or fewer) may be enough. Trains a one-input net on the wiggly
 * target of 7.1, then quantises every weight matrix to 8 and to 4 bits (symmetric, one scale per
 * output unit; biases stay float32) with nn-core's `quantizeLayers`, and reports the loss, the
 * model's bytes and the rounding error at each precision. The loss is also measured with
 * `roundTripWeights` (the rounded weights in the float model) as a check. Disposes every tensor it makes.
 */
export async function quantizationExperiment(
  compute: ComputeContext,
  options: QuantizationOptions = {},
): Promise<QuantizationResult> {
  const op = 'quantizationExperiment';
  const hidden = integerIn(op, 'hidden', options.hidden ?? 32, 1, 256);
  const hiddenLayers = integerIn(op, 'hiddenLayers', options.hiddenLayers ?? 2, 1, 3);
  const points = integerIn(op, 'points', options.points ?? 128, 8, 2048);
  const steps = integerIn(op, 'steps', options.steps ?? 1000, 1, 100_000);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.02);
  const seed = seedOf(op, options.seed ?? 1);
  const architecture = { hidden, layers: hiddenLayers };

  const xs = evenGrid(points);
  const ys = xs.map(wiggly);
  const dataset = tensorDataset({ data: xs, shape: [points, 1] }, { data: ys, shape: [points, 1] });
  const model = oneInputNet(architecture);
  const rows: QuantizedRow[] = [];
  let parameters: number;
  try {
    initializeNet(compute, model, seed);
    await trainNet(
      model,
      dataset,
      { loss: 'l2', learningRate, batchSize: points, steps, seed, label: `${hiddenLayers}×${hidden} net` },
      { done: 0, share: 0.95, ...options },
    );
    parameters = model.parameterCount();
    const floats = await model.readWeights();
    const floatData = Object.fromEntries(Object.entries(floats).map(([name, w]) => [name, w.data]));
    const floatLoss = await evaluate(model, dataset, { loss: 'l2' });
    rows.push({
      precision: 'float32',
      bits: 32,
      loss: floatLoss,
      roundTripLoss: floatLoss,
      bytes: 4 * parameters,
      maxWeightError: 0,
      relativeRmsError: 0,
      predictions: await predictAt(compute, model, xs),
    });

    for (const bits of [8, 4] as const) {
      options.signal?.throwIfAborted();
      // The rounded weights in the float model, then the float weights back.
      const rounded = roundTripWeights(floats, { bits });
      model.setWeights(Object.fromEntries(Object.entries(rounded).map(([name, w]) => [name, w.data])));
      const roundTripLoss = await evaluate(model, dataset, { loss: 'l2' });
      model.setWeights(floatData);

      const errors = measureQuantization(floats, { bits });
      let squaredError = 0;
      let squared = 0;
      let count = 0;
      for (const e of errors) {
        const n = e.floatBytes / 4;
        squaredError += e.rmsError ** 2 * n;
        squared += e.rms ** 2 * n;
        count += n;
      }

      // A copy of the net computing with quantised matrices.
      const copy = oneInputNet(architecture);
      try {
        initializeNet(compute, copy, seed);
        copy.setWeights(floatData);
        const layers = await quantizeLayers(copy, { bits });
        const matrixBytes = layers.reduce((a, l) => a + l.quantizedBytes, 0);
        rows.push({
          precision: bits === 8 ? '8-bit' : '4-bit',
          bits,
          loss: await evaluate(copy, dataset, { loss: 'l2' }),
          roundTripLoss,
          // parameterCount() no longer counts the quantised matrices: what is left is float32.
          bytes: matrixBytes + 4 * copy.parameterCount(),
          maxWeightError: Math.max(...errors.map((e) => e.maxAbsError)),
          relativeRmsError: count === 0 || squared === 0 ? 0 : Math.sqrt(squaredError / squared),
          predictions: await predictAt(compute, copy, xs),
        });
      } finally {
        copy.dispose();
      }
      options.onProgress?.({
        fraction: bits === 8 ? 0.975 : 1,
        message: `${bits}-bit: loss ${rows.at(-1)!.loss.toPrecision(3)}`,
        loss: rows.at(-1)!.loss,
      });
    }
  } finally {
    model.dispose();
  }

  const x = Array.from(xs);
  return {
    backend: compute.backend,
    target: WIGGLY_FORMULA,
    hidden,
    hiddenLayers,
    parameters,
    x,
    y: Array.from(ys),
    rows,
    figures: [
      {
        name: '7.3-quantized-loss',
        spec: {
          kind: 'bar',
          title: 'Fewer bits per weight: what the net loses',
          subtitle: `A ${hiddenLayers}×${hidden}-unit ReLU net (${parameters} weights) fitted to ${WIGGLY_FORMULA}; matrices quantised per output unit`,
          categories: rows.map(
            (r) => `${r.precision}, ${r.bytes.toLocaleString('en-US')} bytes: ${r.loss.toPrecision(2)}`,
          ),
          series: [{ name: 'loss', values: rows.map((r) => r.loss) }],
          categoryLabel: 'weights stored as',
          valueLabel: 'mean squared error',
          horizontal: true,
        },
      },
      {
        name: '7.3-quantized-fits',
        spec: {
          kind: 'line',
          title: 'The same net with its weights rounded',
          subtitle: `Fits of the trained net at each precision to ${WIGGLY_FORMULA}`,
          series: [
            { name: 'target', x, y: Array.from(ys), style: 'points' },
            ...rows.map((r) => ({ name: `${r.precision} (loss ${r.loss.toPrecision(2)})`, x, y: [...r.predictions] })),
          ],
          xLabel: 'x',
          yLabel: 'y',
          legendTitle: 'weights',
        },
      },
    ],
  };
}
