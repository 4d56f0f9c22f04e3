import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { evaluate, tensorDataset } from '@chatgpt-explained/trainer';
import type { Figure } from '../figure';
import { integerIn, positiveNumber } from '../models/checks';
import {
  WAVE_FORMULA,
  evenGrid,
  initializeNet,
  integerList,
  oneInputNet,
  predictAt,
  seedOf,
  trainNet,
  wave,
  type PracticeRunOptions,
} from './nets';

/** Options of {@link epochsExperiment}, with their defaults. */
export interface EpochsOptions extends PracticeRunOptions {
  /** Passes over the data compared, 1 to 6 counts from 1 to 1000. Default [1, 5, 20]. */
  readonly epochs?: readonly number[];
  /** Training points, evenly spaced on [-1, 1], 4 to 1024. Default 32. */
  readonly points?: number;
  /** Examples per step, 1 to `points`. Default 4. */
  readonly batchSize?: number;
  /** Units in each of the net's two hidden layers, 1 to 256. Default 16. */
  readonly hidden?: number;
  /** Adam's learning rate, constant. Default 0.02. */
  readonly learningRate?: number;
  /** Seeds the weights and the order of the examples. Default 1. */
  readonly seed?: number;
}

/** One run of {@link epochsExperiment}. */
export interface EpochsRow {
  /** Passes over the data. */
  readonly epochs: number;
  readonly steps: number;
  /** Mean squared error on the training points afterwards. */
  readonly loss: number;
  readonly predictions: readonly number[];
}

/** Result of {@link epochsExperiment}. */
export interface EpochsResult {
  readonly target: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly batchSize: number;
  readonly runs: readonly EpochsRow[];
  /** `7.2-epochs`. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 7.2, repetition: the same small dataset shown to the same net 1, 5 and 20 times (epochs).
 * Each run starts from the same weights and visits the examples in the same seeded order, with a
 * constant learning rate, so a shorter run is the start of a longer one. Disposes every tensor it makes.
 */
export async function epochsExperiment(compute: ComputeContext, options: EpochsOptions = {}): Promise<EpochsResult> {
  const op = 'epochsExperiment';
  const epochs = integerList(op, 'epochs', options.epochs ?? [1, 5, 20], 1, 1000, 6);
  const points = integerIn(op, 'points', options.points ?? 32, 4, 1024);
  const batchSize = integerIn(op, 'batchSize', options.batchSize ?? 4, 1, points);
  const hidden = integerIn(op, 'hidden', options.hidden ?? 16, 1, 256);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.02);
  const seed = seedOf(op, options.seed ?? 1);

  const xs = evenGrid(points);
  const ys = xs.map(wave);
  const dataset = tensorDataset({ data: xs, shape: [points, 1] }, { data: ys, shape: [points, 1] });
  const stepsPerEpoch = Math.ceil(points / batchSize);
  const total = epochs.reduce((a, b) => a + b, 0);
  let done = 0;
  const runs: EpochsRow[] = [];
  for (const count of epochs) {
    const model = oneInputNet({ hidden, layers: 2 });
    try {
      initializeNet(compute, model, seed);
      const label = `${count} epoch${count === 1 ? '' : 's'}`;
      const steps = count * stepsPerEpoch;
      await trainNet(
        model,
        dataset,
        { loss: 'l2', learningRate, decay: false, batchSize, steps, seed, label },
        { done: done / total, share: count / total, ...options },
      );
      done += count;
      const loss = await evaluate(model, dataset, { loss: 'l2' });
      runs.push({ epochs: count, steps, loss, predictions: await predictAt(compute, model, xs) });
    } finally {
      model.dispose();
    }
  }

  const x = Array.from(xs);
  return {
    target: WAVE_FORMULA,
    x,
    y: Array.from(ys),
    batchSize,
    runs,
    figures: [
      {
        name: '7.2-epochs',
        spec: {
          kind: 'line',
          title: 'Showing the same examples again and again',
          subtitle: `${points} points of ${WAVE_FORMULA}, batches of ${batchSize}; the fit after each number of passes (epochs)`,
          series: [
            { name: 'training data', x, y: Array.from(ys), style: 'points' },
            ...runs.map((r) => ({
              name: `${r.epochs} epoch${r.epochs === 1 ? '' : 's'} (loss ${r.loss.toPrecision(2)})`,
              x,
              y: [...r.predictions],
            })),
          ],
          xLabel: 'x',
          yLabel: 'y',
          legendTitle: 'after',
        },
      },
    ],
  };
}
