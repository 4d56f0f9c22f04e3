import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { mulberry32, tensorDataset } from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { integerIn, positiveNumber } from '../models/checks';
import { evenGrid, initializeNet, oneInputNet, predictAt, seedOf, trainNet, type PracticeRunOptions } from './nets';

/** The line the data of {@link lossChoiceExperiment} scatter around: `0.6x + 0.2`. */
export const LOSS_CHOICE_LINE = { slope: 0.6, intercept: 0.2, formula: '0.6x + 0.2' } as const;

/** Options of {@link lossChoiceExperiment}, with their defaults. */
export interface LossChoiceOptions extends PracticeRunOptions {
  /** Points, evenly spaced on [-1, 1], 8 to 1024. Default 40. */
  readonly points?: number;
  /** How many of them are outliers (every other point from the right end), 0 to points / 4. Default 4. */
  readonly outliers?: number;
  /** Added to each outlier's y. Default 3. */
  readonly outlierShift?: number;
  /** Half-width of the uniform noise on the other points. Default 0.1. */
  readonly noise?: number;
  /** Full-batch Adam steps per fit, 1 to 100000. Default 400. */
  readonly steps?: number;
  /** Adam's learning rate at the start (cosine decay to a tenth). Default 0.05. */
  readonly learningRate?: number;
  /** Seeds the noise and the weights. Default 1. */
  readonly seed?: number;
}

/** A line fitted by one loss. */
export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  /** Root mean square of `fit − y` over the points that are not outliers. */
  readonly cleanRmsError: number;
}

/** Result of {@link lossChoiceExperiment}. */
export interface LossChoiceResult {
  /** The line the clean points scatter around. */
  readonly line: typeof LOSS_CHOICE_LINE;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Whether each point is an outlier. */
  readonly outlier: readonly boolean[];
  /** Fitted with the mean of squared errors (L2) and with the mean of absolute errors (L1). */
  readonly l2: LineFit;
  readonly l1: LineFit;
  /** `7.2-loss-choice`. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 7.2, loss choice: a perceptron `y = w·x + b` fitted to points on a line with a few
 * outliers, once by minimising the mean squared error (L2) and once the mean absolute error (L1).
 * Squares let the outliers pull the line towards them; absolute values follow the bulk of the
 * points. Disposes every tensor it makes.
 */
export async function lossChoiceExperiment(
  compute: ComputeContext,
  options: LossChoiceOptions = {},
): Promise<LossChoiceResult> {
  const op = 'lossChoiceExperiment';
  const points = integerIn(op, 'points', options.points ?? 40, 8, 1024);
  const outliers = integerIn(op, 'outliers', options.outliers ?? 4, 0, Math.floor(points / 4));
  const shift = options.outlierShift ?? 3;
  if (!Number.isFinite(shift)) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: outlierShift must be a finite number, got ${String(shift)}`, {
      argument: 'outlierShift',
      value: shift,
      expected: 'a finite number',
    });
  }
  const noise = options.noise ?? 0.1;
  if (!Number.isFinite(noise) || noise < 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: noise must be a finite number ≥ 0, got ${String(noise)}`, {
      argument: 'noise',
      value: noise,
      expected: 'a finite number ≥ 0',
    });
  }
  const steps = integerIn(op, 'steps', options.steps ?? 400, 1, 100_000);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.05);
  const seed = seedOf(op, options.seed ?? 1);

  const xs = evenGrid(points);
  const random = mulberry32(seed);
  const outlier = Array.from({ length: points }, (_, i) => i >= points - 2 * outliers && (points - 1 - i) % 2 === 0);
  const ys = xs.map(
    (x, i) =>
      LOSS_CHOICE_LINE.slope * x + LOSS_CHOICE_LINE.intercept + noise * (2 * random() - 1) + (outlier[i] ? shift : 0),
  );
  const dataset = tensorDataset({ data: xs, shape: [points, 1] }, { data: ys, shape: [points, 1] });

  const fit = async (loss: 'l2' | 'l1', index: number): Promise<LineFit> => {
    const model = oneInputNet({ hidden: 0, layers: 0 });
    try {
      initializeNet(compute, model, seed);
      await trainNet(
        model,
        dataset,
        { loss, learningRate, batchSize: points, steps, seed, label: `${loss.toUpperCase()} fit` },
        { done: index / 2, share: 1 / 2, ...options },
      );
      const w = await model.readWeights();
      const predictions = await predictAt(compute, model, xs);
      let squared = 0;
      let clean = 0;
      predictions.forEach((p, i) => {
        if (outlier[i]) return;
        squared += (p - ys[i]!) ** 2;
        clean++;
      });
      return {
        slope: w['weight']!.data[0]!,
        intercept: w['bias']!.data[0]!,
        cleanRmsError: Math.sqrt(squared / clean),
      };
    } finally {
      model.dispose();
    }
  };
  const l2 = await fit('l2', 0);
  const l1 = await fit('l1', 1);

  const x = Array.from(xs);
  const y = Array.from(ys);
  const lineAt = (f: { slope: number; intercept: number }) => x.map((v) => f.slope * v + f.intercept);
  return {
    line: LOSS_CHOICE_LINE,
    x,
    y,
    outlier,
    l2,
    l1,
    figures: [
      {
        name: '7.2-loss-choice',
        spec: {
          kind: 'line',
          title: 'Squares are pulled by outliers, absolute values are not',
          subtitle: `${points} points around ${LOSS_CHOICE_LINE.formula}, ${outliers} moved up by ${shift}; a perceptron fitted with each loss`,
          series: [
            {
              name: 'points',
              x: x.filter((_, i) => !outlier[i]),
              y: y.filter((_, i) => !outlier[i]),
              style: 'points' as const,
            },
            {
              name: 'outliers',
              x: x.filter((_, i) => outlier[i]),
              y: y.filter((_, i) => outlier[i]),
              style: 'points' as const,
            },
            { name: `L2 fit (clean RMS ${l2.cleanRmsError.toPrecision(2)})`, x, y: lineAt(l2) },
            { name: `L1 fit (clean RMS ${l1.cleanRmsError.toPrecision(2)})`, x, y: lineAt(l1) },
          ].filter((s) => s.x.length > 0),
          xLabel: 'x',
          yLabel: 'y',
          legendTitle: 'series',
        },
      },
    ],
  };
}
