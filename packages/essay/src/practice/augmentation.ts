import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { evaluate, tensorDataset, type AugmentFunction } from '@chatgpt-explained/trainer';
import type { Figure } from '../figure';
import { integerIn, positiveNumber } from '../models/checks';
import { evenGrid, initializeNet, oneInputNet, predictAt, seedOf, trainNet, type PracticeRunOptions } from './nets';

/** The symmetric target of {@link augmentationExperiment}, written out. */
export const MIRROR_FORMULA = 'cos(πx)';

/** Options of {@link augmentationExperiment}, with their defaults. */
export interface AugmentationOptions extends PracticeRunOptions {
  /** Training points, evenly spaced on [0, 1] only, 2 to 256. Default 12. */
  readonly trainPoints?: number;
  /** Held-out points, evenly spaced on all of [-1, 1], 2 to 4096. Default 81. */
  readonly heldOutPoints?: number;
  /** Units in each of the net's two hidden layers, 1 to 256. Default 16. */
  readonly hidden?: number;
  /** Full-batch Adam steps per net, 1 to 100000. Default 300. */
  readonly steps?: number;
  /** Adam's learning rate at the start (cosine decay to a tenth). Default 0.02. */
  readonly learningRate?: number;
  /** Seeds the weights and the mirroring. Default 1. */
  readonly seed?: number;
}

/** One net of {@link augmentationExperiment}. */
export interface AugmentationRow {
  /** Mean squared error on the training points (as given, not mirrored). */
  readonly trainLoss: number;
  /** Mean squared error on the held-out points over [-1, 1]. */
  readonly heldOutLoss: number;
  /** The net's output at each held-out point. */
  readonly predictions: readonly number[];
}

/** Result of {@link augmentationExperiment}. */
export interface AugmentationResult {
  readonly target: string;
  readonly train: { readonly x: readonly number[]; readonly y: readonly number[] };
  readonly heldOut: { readonly x: readonly number[]; readonly y: readonly number[] };
  /** Trained on the points as they are. */
  readonly plain: AugmentationRow;
  /** Trained with each example mirrored, x → −x, with probability ½ at every step. */
  readonly augmented: AugmentationRow;
  /** `7.2-augmentation`. */
  readonly figures: readonly Figure[];
}

/**
 * A trainer `augment` hook for a target symmetric about 0 (`f(−x) = f(x)`): each example's input is
 * negated with probability ½, drawn from the step's seeded generator; the targets stay. Inputs of
 * shape [B, 1].
 */
export function mirrorInputs(compute: ComputeContext): AugmentFunction {
  return (batch, { rng }) => {
    const rows = batch.x.shape[0]!;
    const signs = Float32Array.from({ length: rows }, () => (rng() < 0.5 ? -1 : 1));
    const flips = compute.tf.tensor2d(signs, [rows, 1]); // [B, 1]
    return { x: compute.tf.mul(batch.x, flips), y: batch.y }; // x [B, 1]
  };
}

/**
 * Essay 7.2, data augmentation: a net sees a few points of the symmetric target `cos(πx)`, all
 * with x in [0, 1]; trained on them as they are, it has no idea what happens for negative x.
 * Trained with the mirror images (x → −x, the same y) added by the trainer's `augment` hook, it
 * learns the whole curve from the same points. Both are measured on held-out points over [-1, 1].
 * Disposes every tensor it makes.
 */
export async function augmentationExperiment(
  compute: ComputeContext,
  options: AugmentationOptions = {},
): Promise<AugmentationResult> {
  const op = 'augmentationExperiment';
  const trainPoints = integerIn(op, 'trainPoints', options.trainPoints ?? 12, 2, 256);
  const heldOutPoints = integerIn(op, 'heldOutPoints', options.heldOutPoints ?? 81, 2, 4096);
  const hidden = integerIn(op, 'hidden', options.hidden ?? 16, 1, 256);
  const steps = integerIn(op, 'steps', options.steps ?? 300, 1, 100_000);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.02);
  const seed = seedOf(op, options.seed ?? 1);

  const target = (x: number) => Math.cos(Math.PI * x);
  const trainX = evenGrid(trainPoints, 0, 1);
  const trainY = trainX.map(target);
  const testX = evenGrid(heldOutPoints, -1, 1);
  const testY = testX.map(target);
  const trainSet = tensorDataset({ data: trainX, shape: [trainPoints, 1] }, { data: trainY, shape: [trainPoints, 1] });
  const testSet = tensorDataset({ data: testX, shape: [heldOutPoints, 1] }, { data: testY, shape: [heldOutPoints, 1] });

  const fit = async (augment: boolean): Promise<AugmentationRow> => {
    const model = oneInputNet({ hidden, layers: 2 });
    try {
      initializeNet(compute, model, seed);
      await trainNet(
        model,
        trainSet,
        {
          loss: 'l2',
          learningRate,
          batchSize: trainPoints,
          steps,
          seed,
          label: augment ? 'with mirroring' : 'as given',
          ...(augment ? { augment: mirrorInputs(compute) } : {}),
        },
        { done: augment ? 0.5 : 0, share: 0.5, ...options },
      );
      return {
        trainLoss: await evaluate(model, trainSet, { loss: 'l2' }),
        heldOutLoss: await evaluate(model, testSet, { loss: 'l2' }),
        predictions: await predictAt(compute, model, testX),
      };
    } finally {
      model.dispose();
    }
  };
  const plain = await fit(false);
  const augmented = await fit(true);

  const x = Array.from(testX);
  return {
    target: MIRROR_FORMULA,
    train: { x: Array.from(trainX), y: Array.from(trainY) },
    heldOut: { x, y: Array.from(testY) },
    plain,
    augmented,
    figures: [
      {
        name: '7.2-augmentation',
        spec: {
          kind: 'line',
          title: 'Augmentation: mirror images teach the other half',
          subtitle: `${trainPoints} points of ${MIRROR_FORMULA} on [0, 1]; held-out loss over [-1, 1] ${plain.heldOutLoss.toPrecision(2)} as given, ${augmented.heldOutLoss.toPrecision(2)} with x → −x`,
          series: [
            { name: `target ${MIRROR_FORMULA}`, x, y: Array.from(testY) },
            { name: 'training points', x: Array.from(trainX), y: Array.from(trainY), style: 'points' },
            { name: 'net trained as given', x, y: [...plain.predictions] },
            { name: 'with mirror images', x, y: [...augmented.predictions] },
          ],
          xLabel: 'x',
          yLabel: 'y',
          legendTitle: 'series',
        },
      },
    ],
  };
}
