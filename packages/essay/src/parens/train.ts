/**
 * Training a parentheses transformer with the project's trainer: next-token cross-entropy over the
 * real positions of each `End s End` sequence (padding left out), AdamW with decay on the matrices,
 * linear warmup then cosine decay, clipping; seeded, abortable, with progress events.
 */
import { createGpt2Model, gpt2DecaysWeight, gpt2LearningRateSchedule, type Gpt2Model } from '@chatgpt-explained/gpt2';
import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { adamw, train, type LossFunction } from '@chatgpt-explained/trainer';
import type * as tfCore from '@tensorflow/tfjs-core';
import { EssayError } from '../errors';
import { integerIn } from '../models/checks';
import { parensDataset, parensTrainingStrings } from './dataset';
import { parensProcess, parensSplit, type ParensProcess, type ParensSplit } from './language';
import { PARENS_MODEL_SHAPE, parensModelConfig, type ParensModelShape } from './model';

/** Options of {@link trainParensModel}, with their defaults. */
export interface TrainParensOptions {
  /** The model's shape. Default {@link PARENS_MODEL_SHAPE} (2 blocks, 8 heads, 128, strings up to 32). */
  readonly model?: Partial<ParensModelShape>;
  /** The language's random process. Default `PARENS_PROCESS` (strings up to 24 characters). */
  readonly process?: Partial<ParensProcess>;
  /** Which whole strings are held out (never trained on). Default `PARENS_SPLIT` (10%, seed 1). */
  readonly split?: Partial<ParensSplit>;
  /** Optimizer steps of the whole run. Default 1000. */
  readonly steps?: number;
  /** Stop after this step, as if the run had been interrupted (the schedule still spans `steps`). Default `steps`. */
  readonly untilStep?: number;
  /** Strings per step. Default 64. */
  readonly batchSize?: number;
  /** Training strings drawn from the process (each epoch visits them in a new order). Default 100,000. */
  readonly trainingStrings?: number;
  /** Peak learning rate. Default 0.001. */
  readonly learningRate?: number;
  /** Linear warmup steps. Default 100. */
  readonly warmupSteps?: number;
  /** AdamW's decay on the weight matrices. Default 0.01. */
  readonly weightDecay?: number;
  /** Seeds the weights, the training strings and their order. Default 1. */
  readonly seed?: number;
  /** Stops training between steps; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Called after every step. */
  readonly onProgress?: (progress: ParensTrainingProgress) => void;
}

/** The defaults of {@link TrainParensOptions}. */
export const PARENS_TRAINING = Object.freeze({
  steps: 1000,
  batchSize: 64,
  trainingStrings: 100_000,
  learningRate: 1e-3,
  warmupSteps: 100,
  weightDecay: 0.01,
  seed: 1,
});

/** A progress event of {@link trainParensModel}. */
export interface ParensTrainingProgress {
  /** Steps done, from 1. */
  readonly step: number;
  readonly totalSteps: number;
  /** Mean cross-entropy per real position (nats), before the step's update. */
  readonly loss: number;
  readonly learningRate: number;
  readonly elapsedMs: number;
}

/** What {@link trainParensModel} returns. */
export interface TrainedParensModel {
  /** The trained model (the caller disposes it). */
  readonly model: Gpt2Model;
  readonly shape: ParensModelShape;
  readonly process: ParensProcess;
  readonly split: ParensSplit;
  /** Every step's loss, step 1 first. */
  readonly losses: number[];
  readonly learningRates: number[];
  readonly steps: number;
  readonly elapsedMs: number;
  /** Real (unpadded) positions per step on average: tokens/s = tokensPerStep × steps / seconds. */
  readonly tokensPerStep: number;
}

/**
 * Softmax cross-entropy of logits `[B, T, V]` against int32 targets `[B, T]`, averaged over the
 * positions whose target is ≥ 0 (padding is −1 and counts for nothing).
 */
export function maskedCrossEntropy(tf: typeof tfCore): LossFunction {
  return (logits, targets) =>
    tf.tidy(() => {
      const classes = logits.shape[logits.rank - 1]!;
      const positions = logits.size / classes;
      const flatTargets = tf.reshape(targets, [positions]) as tfCore.Tensor1D; // [M]
      const mask = tf.cast(tf.greaterEqual(flatTargets, 0), 'float32'); // [M]
      const safe = tf.maximum(flatTargets, tf.scalar(0, 'int32')) as tfCore.Tensor1D; // [M]
      // int32 then cast: tfjs-backend-wasm 4.22's OneHot writes int32 bits whatever dtype is asked for.
      const oneHot = tf.cast(tf.oneHot(safe, classes), 'float32'); // [M, V]
      const logProbs = tf.logSoftmax(tf.reshape(logits, [positions, classes])); // [M, V]
      const picked = tf.sum(tf.mul(logProbs, oneHot), 1); // [M]
      const total = tf.sum(tf.mul(picked, mask)); // []
      return tf.div(tf.neg(total), tf.maximum(tf.sum(mask), 1)) as tfCore.Scalar;
    });
}

/**
 * Trains a parentheses transformer from scratch on strings of the language's process, never on a
 * held-out string. Leaves no tensors behind besides the returned model's weights.
 */
export async function trainParensModel(
  compute: ComputeContext,
  options: TrainParensOptions = {},
): Promise<TrainedParensModel> {
  const op = 'trainParensModel';
  options.signal?.throwIfAborted();
  const process = parensProcess(options.process);
  const split = parensSplit(options.split);
  const shape: ParensModelShape = { ...PARENS_MODEL_SHAPE, ...options.model };
  if (shape.maxLength < process.maxLength) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `trainParensModel: model.maxLength (${shape.maxLength}) must be at least the training strings' maxLength (${process.maxLength})`,
      { argument: 'model.maxLength', value: shape.maxLength, expected: `an integer ≥ ${process.maxLength}` },
    );
  }
  const config = parensModelConfig(shape);
  const steps = integerIn(op, 'steps', options.steps ?? PARENS_TRAINING.steps, 1, Number.MAX_SAFE_INTEGER);
  const untilStep = integerIn(op, 'untilStep', options.untilStep ?? steps, 1, Number.MAX_SAFE_INTEGER);
  if (untilStep > steps) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `trainParensModel: untilStep (${untilStep}) must not exceed steps (${steps})`,
      {
        argument: 'untilStep',
        value: untilStep,
        expected: `an integer in [1, ${steps}]`,
      },
    );
  }
  const batchSize = integerIn(
    op,
    'batchSize',
    options.batchSize ?? PARENS_TRAINING.batchSize,
    1,
    Number.MAX_SAFE_INTEGER,
  );
  const count = integerIn(
    op,
    'trainingStrings',
    options.trainingStrings ?? PARENS_TRAINING.trainingStrings,
    1,
    Number.MAX_SAFE_INTEGER,
  );
  const seed = options.seed ?? PARENS_TRAINING.seed;
  const learningRate = options.learningRate ?? PARENS_TRAINING.learningRate;
  const rateAt = gpt2LearningRateSchedule({
    steps,
    learningRate,
    warmupSteps: Math.min(options.warmupSteps ?? PARENS_TRAINING.warmupSteps, steps),
  });
  const strings = parensTrainingStrings(process, split, count, seed);
  const tokensPerStep = (batchSize * strings.reduce((n, s) => n + s.length + 1, 0)) / strings.length;
  // Padded to the longest training string, not the model's context: positions past it would be all padding.
  const dataset = parensDataset(strings, process.maxLength + 1);
  const model = createGpt2Model(config);
  const optimizer = adamw({
    learningRate,
    beta1: 0.9,
    beta2: 0.98,
    weightDecay: options.weightDecay ?? PARENS_TRAINING.weightDecay,
    decay: gpt2DecaysWeight,
  });
  const learningRates: number[] = [];
  try {
    const result = await train(model, dataset, {
      loss: maskedCrossEntropy(compute.tf),
      optimizer,
      batchSize,
      steps: untilStep,
      shuffle: true,
      seed,
      learningRate: (step) => rateAt(step),
      clipNorm: 1,
      signal: options.signal,
      onProgress: (e) => {
        learningRates.push(e.learningRate);
        options.onProgress?.({
          step: e.step,
          totalSteps: steps,
          loss: e.loss,
          learningRate: e.learningRate,
          elapsedMs: e.elapsedMs,
        });
      },
    });
    return {
      model,
      shape,
      process,
      split,
      losses: result.losses,
      learningRates,
      steps: result.steps,
      elapsedMs: result.elapsedMs,
      tokensPerStep,
    };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
}
