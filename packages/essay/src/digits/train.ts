/**
 * Training the digit net on MNIST's training images with the project's trainer: seeded, abortable,
 * with progress events, and refusing the test images.
 */
import type { ComputeContext, Sequential } from '@chatgpt-explained/nn-core';
import { adam, cosineSchedule, mnistDataset, train, type MnistData } from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';
import { createDigitNet, digitNetConfig, type DigitNetConfig } from './lenet';
import { findTestImage } from './test-split';

/** Options of {@link trainDigitNet}, with their defaults. */
export interface TrainDigitNetOptions {
  /** The net's shape. Default {@link LENET5}. */
  readonly config?: Partial<DigitNetConfig>;
  /** Seeds the initial weights and the order of the examples. Default 1. */
  readonly seed?: number;
  /** Passes over the training set. Default 2. Give `epochs` or `steps`, not both. */
  readonly epochs?: number;
  /** Stop after this many steps instead (e.g. to replay the first steps of a logged run). */
  readonly steps?: number;
  /**
   * The run's length for the learning-rate schedule, when `steps` stops it early: the replay of a
   * logged run passes the logged run's total so its first steps use the same rates. Default: the
   * run's own length.
   */
  readonly scheduleSteps?: number;
  /** Examples per step. Default 64. */
  readonly batchSize?: number;
  /** Adam's peak learning rate, decayed along a cosine to a tenth of it. Default 0.002. */
  readonly learningRate?: number;
  /** Stops training between steps; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after every step. */
  readonly onProgress?: (progress: DigitTrainingProgress) => void;
}

/** A progress event of {@link trainDigitNet}. */
export interface DigitTrainingProgress {
  /** Steps done, from 1. */
  readonly step: number;
  readonly totalSteps: number;
  /** The step's cross-entropy (nats), before its update. */
  readonly loss: number;
  readonly epoch: number;
  readonly learningRate: number;
  readonly elapsedMs: number;
}

/** What {@link trainDigitNet} returns. */
export interface TrainedDigitNet {
  /** The trained net (the caller disposes it). */
  readonly net: Sequential;
  readonly config: DigitNetConfig;
  /** Every step's loss, step 1 first. */
  readonly losses: number[];
  /** Every step's learning rate. */
  readonly learningRates: number[];
  readonly steps: number;
  readonly elapsedMs: number;
}

/** The defaults of {@link TrainDigitNetOptions}. */
export const DIGIT_TRAINING_DEFAULTS = { seed: 1, epochs: 2, batchSize: 64, learningRate: 0.002 } as const;

/**
 * Trains a digit net from scratch on `trainSet` (cross-entropy, Adam with a cosine-decayed learning
 * rate, seeded shuffles). Refuses with `TEST_DATA_REFUSED` a set that holds any of MNIST's
 * fingerprinted test images (the test split itself, a slice of it, or the two splits joined), so the
 * reported test accuracy stays honest. Leaves no tensors behind besides the returned net's weights.
 */
export async function trainDigitNet(
  compute: ComputeContext,
  trainSet: MnistData,
  options: TrainDigitNetOptions = {},
): Promise<TrainedDigitNet> {
  const op = 'trainDigitNet';
  const config = digitNetConfig(options.config);
  if (trainSet.rows !== config.imageSize || trainSet.cols !== config.imageSize) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: trainSet has ${trainSet.rows}×${trainSet.cols} images; the net takes ${config.imageSize}×${config.imageSize}`,
      {
        argument: 'trainSet',
        value: [trainSet.rows, trainSet.cols],
        expected: `${config.imageSize}×${config.imageSize}`,
      },
    );
  }
  const found = findTestImage(trainSet);
  if (found >= 0) {
    throw new EssayError(
      'TEST_DATA_REFUSED',
      `${op}: trainSet image ${found} (of ${trainSet.count}) is one of MNIST's test images; train on the training split (train-*-ubyte), never on the test split (t10k-*)`,
      { argument: 'trainSet', value: `image ${found} of ${trainSet.count}`, expected: 'MNIST training images only' },
    );
  }
  const seed = options.seed ?? DIGIT_TRAINING_DEFAULTS.seed;
  const batchSize = options.batchSize ?? DIGIT_TRAINING_DEFAULTS.batchSize;
  const learningRate = options.learningRate ?? DIGIT_TRAINING_DEFAULTS.learningRate;
  if (!(Number.isFinite(learningRate) && learningRate > 0)) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: learningRate must be a number > 0, got ${String(learningRate)}`, {
      argument: 'learningRate',
      value: learningRate,
      expected: 'a number > 0',
    });
  }
  const stepsPerEpoch = Math.ceil(trainSet.count / batchSize);
  const runSteps = options.steps ?? (options.epochs ?? DIGIT_TRAINING_DEFAULTS.epochs) * stepsPerEpoch;
  const scheduleSteps = options.scheduleSteps ?? runSteps;
  const net = createDigitNet(config);
  compute.tf.tidy(() => {
    net.initialize({ seed });
  });
  const optimizer = adam({ learningRate });
  const learningRates: number[] = [];
  try {
    const result = await train(net, mnistDataset(trainSet), {
      loss: 'crossEntropy',
      optimizer,
      batchSize,
      seed,
      ...(options.steps === undefined
        ? { epochs: options.epochs ?? DIGIT_TRAINING_DEFAULTS.epochs }
        : { steps: options.steps }),
      learningRate: cosineSchedule({ totalSteps: scheduleSteps, minLearningRate: learningRate / 10 }),
      signal: options.signal,
      onProgress: (e) => {
        learningRates.push(e.learningRate);
        options.onProgress?.({
          step: e.step,
          totalSteps: e.totalSteps,
          loss: e.loss,
          epoch: e.epoch,
          learningRate: e.learningRate,
          elapsedMs: e.elapsedMs,
        });
      },
    });
    return { net, config, losses: result.losses, learningRates, steps: result.steps, elapsedMs: result.elapsedMs };
  } catch (error) {
    net.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
}
