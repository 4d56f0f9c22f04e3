/**
 * The training loop: epochs of seeded-shuffled mini-batches, a learning-rate schedule, clipping,
 * augmentation, progress events, validation, checkpoints, exact resume, abort, and a stop with the
 * step's number when the loss stops being finite.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Layer } from '@chatgpt-explained/nn-core';
import {
  loadCheckpoint,
  readCheckpoint,
  saveCheckpoint,
  type CheckpointInfo,
  type CheckpointStore,
} from './checkpoint';
import { positiveInteger, show } from './checks';
import { shuffledIndices, type Batch, type Dataset } from './dataset';
import { TrainerError } from './errors';
import { evaluateWith } from './evaluate';
import { lossFunction, type LossFunction, type LossName } from './losses';
import type { Optimizer } from './optimizers/optimizer';
import { deriveSeed, mulberry32 } from './random';
import type { LearningRateSchedule } from './schedules';
import { planStep, runStep } from './step';
import { eventLoopYielder } from './yield';

/** What an augmentation hook gets besides the batch. */
export interface AugmentContext {
  /** Uniform numbers in [0, 1), seeded from (seed, step): the same draws in a resumed run. */
  readonly rng: () => number;
  /** A 32-bit seed from the same derivation, for tfjs random ops (`tf.randomNormal(…, seed)`). */
  readonly seed: number;
  /** The step's number, counting from 1. */
  readonly step: number;
  /** The epoch's number, counting from 1. */
  readonly epoch: number;
}

/**
 * Changes a batch before the step uses it (noise, crops, flips). Runs inside the step's `tf.tidy`:
 * tensors it creates are freed with the step. It must not dispose the batch it is given.
 */
export type AugmentFunction = (batch: Batch, context: AugmentContext) => Batch;

/** A progress event, sent after a step (every `progressEvery` steps, and after the last). */
export interface TrainProgress {
  /** Steps completed, counting from 1 and including those before a resume. */
  readonly step: number;
  /** The step the run ends at. */
  readonly totalSteps: number;
  /** The epoch this step belonged to, counting from 1. */
  readonly epoch: number;
  /** Steps in one pass over the dataset. */
  readonly stepsPerEpoch: number;
  /** This step's loss (before its update). */
  readonly loss: number;
  /** The learning rate this step used. */
  readonly learningRate: number;
  /** Training examples per second since the previous event. */
  readonly examplesPerSecond: number;
  /** Milliseconds since this call of {@link train} began. */
  readonly elapsedMs: number;
  /** The validation loss, on the steps where validation ran. */
  readonly validationLoss?: number;
}

/** Where and how often checkpoints are written. */
export interface TrainCheckpointOptions {
  /** The store (memory, or `fileCheckpointStore(dir)` from `@chatgpt-explained/trainer/node`). */
  readonly store: CheckpointStore;
  /** Write after every `every` steps, and after the last step. */
  readonly every: number;
  /** The checkpoint's name in the store. Default `checkpoint`. */
  readonly name?: string;
  /** Called after each checkpoint is written. */
  readonly onWrite?: (event: { readonly step: number; readonly name: string; readonly bytes: number }) => void;
}

/** A validation set, evaluated during training. */
export interface TrainValidationOptions {
  readonly dataset: Dataset;
  /** Evaluate after every `every` steps and after the last. Default: once per epoch. */
  readonly every?: number;
  /** Examples per forward pass. Default: the training batch size. */
  readonly batchSize?: number;
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** A built-in loss name or a loss function (`lossFunction('crossEntropy', { … })` for options). */
  readonly loss: LossName | LossFunction;
  /** Updates the weights; its state lives on after the run (dispose it when done). */
  readonly optimizer: Optimizer;
  /** Examples per step. Default 32. */
  readonly batchSize?: number;
  /** Passes over the dataset. Give `epochs` or `steps`, not both; default 1 epoch. */
  readonly epochs?: number;
  /** Total steps (counting those before a resume). Give `epochs` or `steps`, not both. */
  readonly steps?: number;
  /** Visit examples in a new seeded order each epoch. Default true. */
  readonly shuffle?: boolean;
  /** Skip each epoch's last, smaller batch. Default false (PyTorch's `drop_last`). */
  readonly dropRemainder?: boolean;
  /**
   * Seeds everything random in the run: the weights of an uninitialised model, each epoch's
   * shuffle, each step's dropout masks and augmentation. Default 0.
   */
  readonly seed?: number;
  /**
   * The learning rate: a number for a constant rate, or a schedule over the optimizer's
   * `learningRate` (see `cosineSchedule`). Default: the optimizer's `learningRate`.
   */
  readonly learningRate?: number | LearningRateSchedule;
  /** Clip the gradients' global L2 norm to this. Default: no clipping. */
  readonly clipNorm?: number;
  /** Clamp every gradient element to ±this (before `clipNorm`). Default: no clamping. */
  readonly clipValue?: number;
  /** Changes each batch before its step (see {@link AugmentFunction}). */
  readonly augment?: AugmentFunction;
  /** Stops training between steps (and between layers); the run rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Receives progress events. */
  readonly onProgress?: (event: TrainProgress) => void;
  /** Send a progress event every this many steps (and after the last). Default 1. */
  readonly progressEvery?: number;
  /** Write checkpoints to a store. */
  readonly checkpoint?: TrainCheckpointOptions;
  /**
   * Continue from a checkpoint: `true` reads `checkpoint.name` from `checkpoint.store` and fails
   * with `CHECKPOINT_NOT_FOUND` when there is none; `'auto'` starts afresh then; bytes resume from
   * those bytes. The checkpoint must come from a run with the same seed, batch size, dataset size,
   * shuffle, dropRemainder and optimizer kind (`CHECKPOINT_MISMATCH` otherwise). Default false.
   */
  readonly resume?: boolean | 'auto' | Uint8Array;
  /** Evaluate on a validation set during training. */
  readonly validation?: TrainValidationOptions;
}

/** What {@link train} returns. */
export interface TrainResult {
  /**
   * The loss of every step: `losses[i]` is step i + 1's, including steps before a resume (read from
   * the checkpoint; NaN where it recorded none).
   */
  readonly losses: number[];
  /** Steps completed (the run's end, counting from the start of training). */
  readonly steps: number;
  /** Passes over the data completed, `steps / stepsPerEpoch` (fractional mid-epoch). */
  readonly epochs: number;
  /** The step this call started from: 0, or the checkpoint's step when resuming. */
  readonly startStep: number;
  /** Steps in one pass over the dataset. */
  readonly stepsPerEpoch: number;
  /** Milliseconds this call took. */
  readonly elapsedMs: number;
  /** Training examples per second over this call. */
  readonly examplesPerSecond: number;
  /** Validation losses, by step. */
  readonly validation: Array<{ readonly step: number; readonly loss: number }>;
}

/**
 * Trains `model` on `dataset`: mini-batches of `batchSize` in a seeded order per epoch, one tidy
 * step each (forward, loss, backward, clipping, optimizer update), the loss read once per step.
 * Stops with `LOSS_NOT_FINITE` naming the step when the loss is NaN or infinite; rejects with the
 * signal's reason when aborted. A run resumed from a checkpoint computes the same losses as one
 * that never stopped. Leaves no tensors behind besides the optimizer's state.
 */
export async function train(model: Layer, dataset: Dataset, options: TrainOptions): Promise<TrainResult> {
  const op = 'train';
  const signal = options.signal;
  signal?.throwIfAborted();
  checkDataset(dataset);
  const batchSize = positiveInteger(op, 'batchSize', options.batchSize ?? 32);
  const shuffle = options.shuffle ?? true;
  const dropRemainder = options.dropRemainder ?? false;
  const size = dataset.size;
  const stepsPerEpoch = dropRemainder ? Math.floor(size / batchSize) : Math.ceil(size / batchSize);
  if (stepsPerEpoch === 0) {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `train: the dataset has ${size} examples, fewer than one batch of ${batchSize} with dropRemainder`,
      {
        argument: 'batchSize',
        value: batchSize,
        expected: `at most ${size}`,
      },
    );
  }
  if (options.epochs !== undefined && options.steps !== undefined) {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `train: give epochs or steps, not both (got epochs ${options.epochs}, steps ${options.steps})`,
      {
        argument: 'steps',
        value: options.steps,
        expected: 'epochs or steps',
      },
    );
  }
  const totalSteps =
    options.steps !== undefined
      ? positiveInteger(op, 'steps', options.steps)
      : positiveInteger(op, 'epochs', options.epochs ?? 1) * stepsPerEpoch;
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) {
    throw new TrainerError('INVALID_ARGUMENT', `train: seed must be a safe integer, got ${show(seed)}`, {
      argument: 'seed',
      value: seed,
      expected: 'a safe integer',
    });
  }
  const progressEvery = positiveInteger(op, 'progressEvery', options.progressEvery ?? 1);
  const rateAt = scheduleOf(options);
  const checkpoint = options.checkpoint;
  const checkpointName = checkpoint?.name ?? 'checkpoint';
  if (checkpoint) {
    if (typeof checkpoint.store?.write !== 'function' || typeof checkpoint.store.read !== 'function') {
      throw new TrainerError(
        'INVALID_ARGUMENT',
        'train: checkpoint.store must have write(name, bytes) and read(name)',
        {
          argument: 'checkpoint.store',
          value: checkpoint.store,
          expected: 'a CheckpointStore',
        },
      );
    }
    positiveInteger(op, 'checkpoint.every', checkpoint.every);
  }
  const validation = options.validation;
  if (validation) checkDataset(validation.dataset, 'validation.dataset');
  const validateEvery = validation ? positiveInteger(op, 'validation.every', validation.every ?? stepsPerEpoch) : 0;
  const validationBatch = validation
    ? positiveInteger(op, 'validation.batchSize', validation.batchSize ?? batchSize)
    : 0;
  const validationLoss: LossFunction | undefined = validation ? lossFunction(options.loss) : undefined;

  const config = {
    seed,
    batchSize,
    datasetSize: size,
    shuffle,
    dropRemainder,
    stepsPerEpoch,
    totalSteps,
    loss: typeof options.loss === 'string' ? options.loss : 'custom',
  };

  // Resume (or start): weights, optimizer state and the losses so far.
  let losses: number[] = [];
  if (!model.initialized) model.initialize({ seed });
  if (options.resume !== undefined && options.resume !== false) {
    const bytes = await resumeBytes(options.resume, checkpoint, checkpointName);
    if (bytes) {
      checkRunMatches(readCheckpoint(bytes).info, config, options.optimizer);
      const info = loadCheckpoint(bytes, model, options.optimizer);
      losses = info.losses.length === info.step ? [...info.losses] : new Array<number>(info.step).fill(NaN);
    }
  }
  const startStep = losses.length;
  const plan = planStep(model, options, op);

  const now = () => performance.now();
  const started = now();
  const pause = eventLoopYielder(20, now);
  let lastEvent = started;
  let examplesSinceEvent = 0;
  let examples = 0;
  let order: number[] = [];
  let orderEpoch = -1;
  const validationLosses: Array<{ step: number; loss: number }> = [];

  for (let s = startStep; s < totalSteps; s++) {
    await pause();
    signal?.throwIfAborted();
    const epoch = Math.floor(s / stepsPerEpoch);
    if (epoch !== orderEpoch) {
      order = shuffle ? shuffledIndices(size, seed, epoch) : Array.from({ length: size }, (_, i) => i);
      orderEpoch = epoch;
    }
    const from = (s % stepsPerEpoch) * batchSize;
    const indices = order.slice(from, Math.min(from + batchSize, size));
    const learningRate = rateAt(s);
    const makeBatch = (): Batch => {
      const batch = dataset.batch(indices);
      if (!options.augment) return batch;
      const stepSeed = deriveSeed(seed, 'augment', s);
      const augmented = options.augment(batch, {
        rng: mulberry32(stepSeed),
        seed: stepSeed,
        step: s + 1,
        epoch: epoch + 1,
      });
      if (!(augmented?.x instanceof tf.Tensor) || !(augmented.y instanceof tf.Tensor)) {
        throw new TrainerError(
          'INVALID_ARGUMENT',
          `train: augment must return a batch { x, y } of tensors, got ${show(augmented)}`,
          {
            argument: 'augment',
            value: augmented,
            expected: '{ x: tf.Tensor, y: tf.Tensor }',
          },
        );
      }
      return augmented;
    };
    const lossTensor = runStep(plan, makeBatch, learningRate, deriveSeed(seed, 'dropout', s));
    let loss: number;
    try {
      loss = (await lossTensor.data())[0]!;
    } finally {
      lossTensor.dispose();
    }
    const step = s + 1;
    if (!Number.isFinite(loss)) {
      throw new TrainerError(
        'LOSS_NOT_FINITE',
        `train: loss is ${loss} at step ${step} of ${totalSteps} (epoch ${epoch + 1}, learning rate ${learningRate}); the weights now hold that step's update. Resume from the last checkpoint with a lower learning rate or clipNorm`,
        { argument: 'step', value: step, expected: 'a finite loss' },
      );
    }
    losses.push(loss);
    examples += indices.length;
    examplesSinceEvent += indices.length;

    let validated: number | undefined;
    if (validation && (step % validateEvery === 0 || step === totalSteps)) {
      validated = await evaluateWith(model, validation.dataset, validationLoss!, validationBatch, signal);
      validationLosses.push({ step, loss: validated });
    }
    if (options.onProgress && (step % progressEvery === 0 || step === totalSteps || validated !== undefined)) {
      const t = now();
      const seconds = (t - lastEvent) / 1000;
      options.onProgress({
        step,
        totalSteps,
        epoch: epoch + 1,
        stepsPerEpoch,
        loss,
        learningRate,
        examplesPerSecond: seconds > 0 ? examplesSinceEvent / seconds : 0,
        elapsedMs: t - started,
        ...(validated === undefined ? {} : { validationLoss: validated }),
      });
      lastEvent = t;
      examplesSinceEvent = 0;
    }
    if (checkpoint && (step % checkpoint.every === 0 || step === totalSteps)) {
      const bytes = await saveCheckpoint(model, plan.optimizer, { step, seed, losses, config });
      await writeCheckpoint(checkpoint.store, checkpointName, bytes, step);
      checkpoint.onWrite?.({ step, name: checkpointName, bytes: bytes.length });
    }
  }

  const elapsedMs = now() - started;
  return {
    losses,
    steps: Math.max(totalSteps, startStep),
    epochs: Math.max(totalSteps, startStep) / stepsPerEpoch,
    startStep,
    stepsPerEpoch,
    elapsedMs,
    examplesPerSecond: elapsedMs > 0 ? examples / (elapsedMs / 1000) : 0,
    validation: validationLosses,
  };
}

function checkDataset(dataset: Dataset, argument = 'dataset'): void {
  if (
    typeof dataset !== 'object' ||
    dataset === null ||
    typeof dataset.batch !== 'function' ||
    !Number.isSafeInteger(dataset.size) ||
    dataset.size < 1
  ) {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `train: ${argument} must be a Dataset with size ≥ 1 and batch(indices), got ${show(dataset)}`,
      {
        argument,
        value: dataset,
        expected: 'a Dataset (tensorDataset(x, y)) with at least one example',
      },
    );
  }
}

/** The learning rate at each step index (0-based), checked finite and ≥ 0. */
function scheduleOf(options: TrainOptions): (step: number) => number {
  const base = options.optimizer?.learningRate;
  const spec = options.learningRate;
  if (spec !== undefined && typeof spec !== 'number' && typeof spec !== 'function') {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `train: learningRate must be a number or a schedule function, got ${show(spec)}`,
      {
        argument: 'learningRate',
        value: spec,
        expected: 'a number ≥ 0 or (step, base) => rate',
      },
    );
  }
  return (step) => {
    const rate = spec === undefined ? base : typeof spec === 'number' ? spec : spec(step, base);
    if (typeof rate === 'number' && Number.isFinite(rate) && rate >= 0) return rate;
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `train: the learning rate at step ${step + 1} is ${show(rate)}; it must be a finite number ≥ 0`,
      {
        argument: 'learningRate',
        value: rate,
        expected: 'a finite number ≥ 0',
      },
    );
  };
}

async function resumeBytes(
  resume: true | 'auto' | Uint8Array,
  checkpoint: TrainCheckpointOptions | undefined,
  name: string,
): Promise<Uint8Array | undefined> {
  if (resume instanceof Uint8Array) return resume;
  if (resume !== true && resume !== 'auto') {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `train: resume must be true, false, "auto" or checkpoint bytes, got ${show(resume)}`,
      {
        argument: 'resume',
        value: resume,
        expected: 'true | false | "auto" | Uint8Array',
      },
    );
  }
  if (!checkpoint) {
    throw new TrainerError('INVALID_ARGUMENT', `train: resume: ${show(resume)} needs checkpoint.store to read from`, {
      argument: 'resume',
      value: resume,
      expected: 'checkpoint: { store, every }',
    });
  }
  const bytes = await checkpoint.store.read(name);
  if (bytes === undefined && resume === true) {
    throw new TrainerError('CHECKPOINT_NOT_FOUND', `train: resume: the store holds no checkpoint "${name}"`, {
      argument: 'resume',
      value: name,
      expected: 'an existing checkpoint (or resume: "auto" to start afresh)',
    });
  }
  return bytes;
}

/** Throws `CHECKPOINT_MISMATCH` when the checkpoint's run would not continue this one exactly. */
function checkRunMatches(info: CheckpointInfo, config: Readonly<Record<string, unknown>>, optimizer: Optimizer): void {
  const recorded: Record<string, unknown> = { ...info.config, seed: info.seed };
  for (const key of ['seed', 'batchSize', 'datasetSize', 'shuffle', 'dropRemainder'] as const) {
    if (key in recorded && recorded[key] !== config[key]) {
      throw new TrainerError(
        'CHECKPOINT_MISMATCH',
        `train: resume: the checkpoint was written with ${key} ${show(recorded[key])}; this run has ${show(config[key])}`,
        { argument: key, value: recorded[key], expected: show(config[key]) },
      );
    }
  }
  const kind = info.optimizer['name'];
  if (kind !== optimizer.name) {
    throw new TrainerError(
      'CHECKPOINT_MISMATCH',
      `train: resume: the checkpoint holds ${show(kind)} optimizer state; this run uses ${optimizer.name}`,
      { argument: 'optimizer', value: kind, expected: optimizer.name },
    );
  }
}

async function writeCheckpoint(store: CheckpointStore, name: string, bytes: Uint8Array, step: number): Promise<void> {
  try {
    await store.write(name, bytes);
  } catch (error) {
    if (TrainerError.isInstance(error)) throw error;
    throw new TrainerError(
      'CHECKPOINT_WRITE_FAILED',
      `train: writing checkpoint "${name}" at step ${step} failed: ${error instanceof Error ? error.message : String(error)}`,
      { argument: 'checkpoint', value: name, cause: error },
    );
  }
}
