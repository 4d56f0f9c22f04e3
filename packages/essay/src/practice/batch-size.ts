import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { evaluate, tensorDataset } from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { integerIn, positiveNumber } from '../models/checks';
import {
  WAVE_FORMULA,
  evenGrid,
  initializeNet,
  integerList,
  oneInputNet,
  seedOf,
  trainNet,
  wave,
  type PracticeRunOptions,
} from './nets';

/** Options of {@link batchSizeExperiment}, with their defaults. */
export interface BatchSizeOptions extends PracticeRunOptions {
  /** Batch sizes compared, 1 to 6, each from 1 to `points`. Default [1, 8, 64]. */
  readonly batchSizes?: readonly number[];
  /** Training points, evenly spaced on [-1, 1], 4 to 1024. Default 64. */
  readonly points?: number;
  /** Passes over the data for every batch size (so each sees `epochs × points` examples), 1 to 1000. Default 8. */
  readonly epochs?: number;
  /** Units in each of the net's two hidden layers, 1 to 256. Default 16. */
  readonly hidden?: number;
  /** Adam's learning rate, constant and the same for every batch size. Default 0.01. */
  readonly learningRate?: number;
  /** Seeds the weights and the order of the examples. Default 1. */
  readonly seed?: number;
}

/** One batch size of {@link batchSizeExperiment}. */
export interface BatchSizeRow {
  readonly batchSize: number;
  /** Weight updates made. */
  readonly steps: number;
  /** Examples seen when the loss was measured: 0, then after each epoch. */
  readonly examples: readonly number[];
  /** Mean squared error over all training points at each of `examples`. */
  readonly loss: readonly number[];
  /** Milliseconds the training took (depends on the machine). */
  readonly elapsedMs: number;
}

/** Result of {@link batchSizeExperiment}. */
export interface BatchSizeResult {
  readonly target: string;
  readonly points: number;
  readonly epochs: number;
  readonly runs: readonly BatchSizeRow[];
  /** `7.2-batch-size`. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 7.2, batch size: the same net trained on the same points with batches of 1, 8 and 64
 * examples, for the same number of examples seen (and the same learning rate). A small batch makes
 * many small updates; a large one few, each from a better estimate of the gradient. The loss over
 * all points is measured before training and after every epoch. Disposes every tensor it makes.
 */
export async function batchSizeExperiment(
  compute: ComputeContext,
  options: BatchSizeOptions = {},
): Promise<BatchSizeResult> {
  const op = 'batchSizeExperiment';
  const points = integerIn(op, 'points', options.points ?? 64, 4, 1024);
  const batchSizes = integerList(op, 'batchSizes', options.batchSizes ?? [1, 8, 64], 1, 1024, 6);
  batchSizes.forEach((b, i) => {
    if (b > points) {
      throw new EssayError('INVALID_ARGUMENT', `${op}: batchSizes[${i}] is ${b}, more than the ${points} points`, {
        argument: `batchSizes[${i}]`,
        value: b,
        expected: `an integer from 1 to ${points}`,
      });
    }
  });
  const epochs = integerIn(op, 'epochs', options.epochs ?? 8, 1, 1000);
  const hidden = integerIn(op, 'hidden', options.hidden ?? 16, 1, 256);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.01);
  const seed = seedOf(op, options.seed ?? 1);

  const xs = evenGrid(points);
  const ys = xs.map(wave);
  const dataset = tensorDataset({ data: xs, shape: [points, 1] }, { data: ys, shape: [points, 1] });
  const stepsOf = (b: number) => epochs * Math.ceil(points / b);
  const total = batchSizes.reduce((a, b) => a + stepsOf(b), 0);
  let done = 0;
  const runs: BatchSizeRow[] = [];
  for (const batchSize of batchSizes) {
    const model = oneInputNet({ hidden, layers: 2 });
    try {
      initializeNet(compute, model, seed);
      const before = await evaluate(model, dataset, { loss: 'l2' });
      const steps = stepsOf(batchSize);
      const result = await trainNet(
        model,
        dataset,
        {
          loss: 'l2',
          learningRate,
          decay: false,
          batchSize,
          steps,
          seed,
          label: `batch ${batchSize}`,
          // Once per epoch, on all the points.
          validation: { dataset, every: Math.ceil(points / batchSize), batchSize: points },
        },
        { done: done / total, share: steps / total, ...options },
      );
      done += steps;
      runs.push({
        batchSize,
        steps,
        examples: [0, ...result.validation.map((v) => (v.step / Math.ceil(points / batchSize)) * points)],
        loss: [before, ...result.validation.map((v) => v.loss)],
        elapsedMs: result.elapsedMs,
      });
    } finally {
      model.dispose();
    }
  }

  return {
    target: WAVE_FORMULA,
    points,
    epochs,
    runs,
    figures: [
      {
        name: '7.2-batch-size',
        spec: {
          kind: 'line',
          title: 'Batch size: many small steps or a few careful ones',
          subtitle: `${points} points of ${WAVE_FORMULA}, Adam at ${learningRate}; loss over all points against examples seen`,
          series: runs.map((r) => ({
            name: `batch ${r.batchSize} (${r.steps} steps)`,
            x: [...r.examples],
            y: [...r.loss],
            style: 'line+points' as const,
          })),
          xLabel: 'examples seen',
          yLabel: 'mean squared error',
          ...(runs.every((r) => r.loss.every((l) => l > 0)) ? { yScale: 'log' as const } : {}),
          legendTitle: 'batch size',
        },
      },
    ],
  };
}
