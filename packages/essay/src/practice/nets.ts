/**
 * What the practice sections (essay 7.1–7.3) share: the target functions, point grids, the small
 * one-input nets they train, a training run that reports progress and frees its optimizer, and
 * reading a net's outputs back.
 */
import { dense, relu, sequential, type ComputeContext, type Layer } from '@chatgpt-explained/nn-core';
import {
  adam,
  cosineSchedule,
  train,
  type AugmentFunction,
  type Dataset,
  type LossName,
  type TrainResult,
  type TrainValidationOptions,
} from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';

/** Progress of a practice experiment, for the app to draw (a bar with the live loss). */
export interface PracticeProgress {
  /** Done so far, 0…1, over the whole experiment. */
  readonly fraction: number;
  /** What is training now and its live loss, e.g. `"16 hidden units: loss 0.0123"`. */
  readonly message: string;
  /** The live training loss, when a net is training. */
  readonly loss?: number;
}

/** Cancellation and progress, accepted by every practice experiment. */
export interface PracticeRunOptions {
  /** Stops training between steps; the experiment rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Receives progress events. */
  readonly onProgress?: (progress: PracticeProgress) => void;
}

/** The wiggly target of essay 7.1 and 7.3: `sin(2πx) + ½·sin(5πx)`, written out. */
export const WIGGLY_FORMULA = 'sin(2πx) + ½·sin(5πx)';

/** The wiggly target of essay 7.1 and 7.3 (see {@link WIGGLY_FORMULA}): five bumps on [-1, 1]. */
export function wiggly(x: number): number {
  return Math.sin(2 * Math.PI * x) + 0.5 * Math.sin(5 * Math.PI * x);
}

/** `n` evenly spaced points from `from` to `to` (both included), in float32. */
export function evenGrid(n: number, from = -1, to = 1): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => (n === 1 ? from : from + ((to - from) * i) / (n - 1)));
}

/** Options of {@link oneInputNet}. */
export interface OneInputNetOptions {
  /** Units per hidden layer; 0 hidden layers makes the perceptron `y = w·x + b`. */
  readonly hidden: number;
  /** Hidden layers, each `hidden` units followed by Ramp (ReLU). */
  readonly layers: number;
}

/**
 * A net from one number to one number: `layers` hidden layers of `hidden` Ramp (ReLU) units, then a
 * linear output unit; with `layers: 0` a single `dense({ inputs: 1, units: 1 })` (the perceptron).
 */
export function oneInputNet({ hidden, layers }: OneInputNetOptions): Layer {
  if (layers === 0) return dense({ inputs: 1, units: 1 });
  const stack: Layer[] = [];
  for (let l = 0; l < layers; l++) stack.push(dense({ inputs: l === 0 ? 1 : hidden, units: hidden }), relu());
  stack.push(dense({ inputs: hidden, units: 1 }));
  return sequential(stack);
}

/** Initialises `model` from `seed` (inside a tidy: nn-core's initialize leaves intermediates). */
export function initializeNet(compute: ComputeContext, model: Layer, seed: number): void {
  compute.tf.tidy(() => {
    model.initialize({ seed });
  });
}

/** The outputs of a one-input net at each of `xs`, read back as numbers. Leaves no tensors. */
export async function predictAt(compute: ComputeContext, model: Layer, xs: Float32Array): Promise<number[]> {
  const input = compute.tf.tensor2d(xs, [xs.length, 1]); // [N, 1]
  try {
    const output = model.apply(input); // [N, 1]
    try {
      return Array.from(await output.data());
    } finally {
      output.dispose();
    }
  } finally {
    input.dispose();
  }
}

/** Mean of `(predicted − target)²` in float64. */
export function meanSquaredError(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += (predicted[i]! - target[i]!) ** 2;
  return sum / predicted.length;
}

/** One training run of {@link trainNet}. */
export interface NetRun {
  readonly loss: LossName;
  /** Adam's learning rate at the start; it decays along a cosine to a tenth when `decay` is set. */
  readonly learningRate: number;
  /** Decay the learning rate along a cosine to a tenth of it by the last step. Default true. */
  readonly decay?: boolean;
  readonly batchSize: number;
  readonly steps: number;
  readonly seed: number;
  readonly augment?: AugmentFunction;
  readonly validation?: TrainValidationOptions;
  /** Shown in progress messages, e.g. `"16 hidden units"`. */
  readonly label: string;
}

/**
 * Trains `model` with Adam as `run` says, sending progress as the part `[done, done + share)` of the
 * whole experiment; disposes the optimizer's state afterwards.
 */
export async function trainNet(
  model: Layer,
  dataset: Dataset,
  run: NetRun,
  progress: { readonly done: number; readonly share: number } & PracticeRunOptions,
): Promise<TrainResult> {
  const optimizer = adam({ learningRate: run.learningRate });
  try {
    return await train(model, dataset, {
      loss: run.loss,
      optimizer,
      batchSize: run.batchSize,
      steps: run.steps,
      seed: run.seed,
      ...(run.decay === false
        ? {}
        : { learningRate: cosineSchedule({ totalSteps: run.steps, minLearningRate: run.learningRate / 10 }) }),
      ...(run.augment === undefined ? {} : { augment: run.augment }),
      ...(run.validation === undefined ? {} : { validation: run.validation }),
      signal: progress.signal,
      progressEvery: Math.max(1, Math.floor(run.steps / 50)),
      onProgress: (event) =>
        progress.onProgress?.({
          fraction: progress.done + (progress.share * event.step) / event.totalSteps,
          message: `${run.label}: loss ${event.loss.toPrecision(3)}`,
          loss: event.loss,
        }),
    });
  } finally {
    optimizer.dispose();
  }
}

/** Checks a list of whole numbers, each from `min` to `max`, 1 to `most` of them; throws `INVALID_ARGUMENT`. */
export function integerList(
  op: string,
  argument: string,
  values: readonly number[],
  min: number,
  max: number,
  most: number,
): readonly number[] {
  if (!Array.isArray(values) || values.length < 1 || values.length > most) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: ${argument} must list 1 to ${most} values, got ${Array.isArray(values) ? values.length : String(values)}`,
      { argument, value: values, expected: `1 to ${most} integers from ${min} to ${max}` },
    );
  }
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new EssayError(
        'INVALID_ARGUMENT',
        `${op}: ${argument}[${i}] must be an integer from ${min} to ${max}, got ${String(v)}`,
        { argument: `${argument}[${i}]`, value: v, expected: `an integer from ${min} to ${max}` },
      );
    }
  });
  return values;
}

/** Checks a seed: a safe integer. Throws `INVALID_ARGUMENT` naming `op`. */
export function seedOf(op: string, seed: number): number {
  if (!Number.isSafeInteger(seed)) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: seed must be a safe integer, got ${String(seed)}`, {
      argument: 'seed',
      value: seed,
      expected: 'a safe integer',
    });
  }
  return seed;
}

/** The one-period target of essay 7.2's epoch and batch-size comparisons, written out. */
export const WAVE_FORMULA = 'sin(2πx)';

/** The one-period target of essay 7.2's epoch and batch-size comparisons: `sin(2πx)`. */
export function wave(x: number): number {
  return Math.sin(2 * Math.PI * x);
}

/** Scales a part's progress, 0…1, into `[from, from + share)` of the whole. */
export function progressPart(
  options: PracticeRunOptions,
  from: number,
  share: number,
  prefix: string,
): PracticeRunOptions {
  const { signal, onProgress } = options;
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(onProgress === undefined
      ? {}
      : {
          onProgress: (p: PracticeProgress) =>
            onProgress({ ...p, fraction: from + share * p.fraction, message: `${prefix}: ${p.message}` }),
        }),
  };
}
