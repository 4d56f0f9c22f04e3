/**
 * Training a GPT-2 model on a token sequence with the trainer: random windows, cross-entropy over
 * every position, AdamW with decay on the matrices only, linear warmup then a cosine decay, clipping.
 */
import {
  adamw,
  cosineSchedule,
  lossFunction,
  train,
  type TrainCheckpointOptions,
  type TrainProgress,
} from '@chatgpt-explained/trainer';
import { Gpt2Error } from '../errors';
import type { Gpt2Model } from '../model/gpt2-model';
import { checkContextLength, checkInteger, tokenWindows } from './token-windows';
import { gpt2DecaysWeight } from './weight-decay';

/** Options of {@link trainGpt2}. Defaults follow nanoGPT's small-model settings. */
export interface TrainGpt2Options {
  /** Optimizer updates of the whole run (counting those before a resume); the schedule spans them. */
  readonly steps: number;
  /**
   * End this call after this step, as if interrupted there (the schedule still spans `steps`); a
   * later call with `resume` continues. Default `steps`.
   */
  readonly untilStep?: number;
  /** Windows per step. Default 16. */
  readonly batchSize?: number;
  /** Tokens per window, at most the model's `contextLength`. Default the model's `contextLength`. */
  readonly contextLength?: number;
  /** Distance between possible window starts (see `tokenWindows`). Default 1: any position. */
  readonly stride?: number;
  /** Peak learning rate, reached after the warmup. Default 1e-3. */
  readonly learningRate?: number;
  /** Steps of linear warmup from `learningRate / warmupSteps` to `learningRate`. Default ⌊steps / 10⌋. */
  readonly warmupSteps?: number;
  /** The rate the cosine decay ends at, on the last step. Default `learningRate / 10`. */
  readonly minLearningRate?: number;
  /** AdamW's decoupled weight decay on the matrices ({@link gpt2DecaysWeight}). Default 0.1. */
  readonly weightDecay?: number;
  /** Adam's β1. Default 0.9. */
  readonly beta1?: number;
  /** Adam's β2. Default 0.95 (nanoGPT; PyTorch's default is 0.999). */
  readonly beta2?: number;
  /** Clip the gradients' global L2 norm to this. Default 1. */
  readonly clipNorm?: number;
  /** Seeds the initial weights (of an uninitialised model) and the order of the windows. Default 0. */
  readonly seed?: number;
  /** Stops training between steps; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Receives the trainer's progress events (loss, learning rate, validation loss). */
  readonly onProgress?: (event: TrainProgress) => void;
  /** Send a progress event every this many steps. Default 1. */
  readonly progressEvery?: number;
  /** Held-out ids: their mean cross-entropy (nats per token) over non-overlapping windows is logged. */
  readonly validationIds?: Int32Array;
  /** Evaluate `validationIds` every this many steps, and after the last. Default: after the last only (`steps`). */
  readonly evaluateEvery?: number;
  /** Windows per validation forward pass. Default `batchSize`. */
  readonly validationBatchSize?: number;
  /** Write resumable checkpoints (weights, AdamW state, losses) to a store. */
  readonly checkpoint?: TrainCheckpointOptions;
  /** Continue from the checkpoint (as the trainer's `resume`). Default false. */
  readonly resume?: boolean | 'auto' | Uint8Array;
}

/** What {@link trainGpt2} returns. */
export interface TrainGpt2Result {
  /** The training loss (mean nats per token of the batch, before its update) of every step. */
  readonly losses: number[];
  /** The learning rate of every step. */
  readonly learningRates: number[];
  /** Validation losses (mean nats per token over non-overlapping windows), by step. */
  readonly validation: Array<{ readonly step: number; readonly loss: number }>;
  /** The step this call started from: 0, or the checkpoint's step when resuming. */
  readonly startStep: number;
  /** Steps completed. */
  readonly steps: number;
  /** Milliseconds this call took. */
  readonly elapsedMs: number;
}

function checkIds(op: string, argument: string, ids: unknown, vocabSize: number): Int32Array {
  if (!(ids instanceof Int32Array)) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${op}: ${argument} must be an Int32Array of token ids`, {
      argument,
      value: ids,
      expected: 'an Int32Array',
    });
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || id >= vocabSize) {
      throw new Gpt2Error(
        'INVALID_ARGUMENT',
        `${op}: ${argument}[${i}] is ${id}, outside the model's vocabulary [0, ${vocabSize})`,
        { argument, value: id, expected: `ids in [0, ${vocabSize})` },
      );
    }
  }
  return ids;
}

function checkRate(op: string, argument: string, value: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new Gpt2Error('INVALID_ARGUMENT', `${op}: ${argument} must be a finite number ≥ 0, got ${String(value)}`, {
    argument,
    value,
    expected: 'a finite number ≥ 0',
  });
}

/** The learning rate of each step (0-based) that {@link trainGpt2} uses for these options. */
export function gpt2LearningRateSchedule(
  options: Pick<TrainGpt2Options, 'steps' | 'learningRate' | 'warmupSteps' | 'minLearningRate'>,
): (step: number) => number {
  const op = 'trainGpt2';
  const steps = checkInteger(op, 'steps', options.steps, 1);
  const learningRate = checkRate(op, 'learningRate', options.learningRate ?? 1e-3);
  const warmupSteps = checkInteger(op, 'warmupSteps', options.warmupSteps ?? Math.floor(steps / 10), 0);
  if (warmupSteps > steps) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${op}: warmupSteps (${warmupSteps}) must not exceed steps (${steps})`, {
      argument: 'warmupSteps',
      value: warmupSteps,
      expected: `an integer ≤ ${steps}`,
    });
  }
  const minLearningRate = checkRate(op, 'minLearningRate', options.minLearningRate ?? learningRate / 10);
  // The decay reaches the minimum on the last step (index steps − 1).
  const schedule = cosineSchedule({ warmupSteps, totalSteps: Math.max(steps - 1, warmupSteps, 1), minLearningRate });
  return (step) => schedule(step, learningRate);
}

/**
 * Trains `model` on the token sequence `trainIds` (documents joined by `<|endoftext|>`) with the
 * trainer's `train`: each step takes `batchSize` windows of `contextLength` tokens at random starts
 * (a seeded shuffle of every start), predicts every next token (cross-entropy of the logits
 * `[B, T, V]`, which the loss flattens to `[B·T, V]`, against the shifted window `[B, T]`, averaged
 * over the B·T positions), and updates with AdamW (β 0.9/0.95, decay on the matrices only),
 * a linear warmup then a cosine decay to `minLearningRate`, and the gradients' global norm clipped to
 * `clipNorm`. With `checkpoint` and `resume` a run continues exactly where it stopped. Leaves no
 * tensors behind (the AdamW state is disposed at the end). Bad options throw `Gpt2Error`
 * (INVALID_ARGUMENT); an aborted signal rejects with its reason.
 */
export async function trainGpt2(
  model: Gpt2Model,
  trainIds: Int32Array,
  options: TrainGpt2Options,
): Promise<TrainGpt2Result> {
  const op = 'trainGpt2';
  options.signal?.throwIfAborted();
  const { vocabSize } = model.config;
  const steps = checkInteger(op, 'steps', options.steps, 1);
  const contextLength = checkContextLength(op, options.contextLength, model.config.contextLength);
  const untilStep = checkInteger(op, 'untilStep', options.untilStep ?? steps, 1);
  if (untilStep > steps) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${op}: untilStep (${untilStep}) must not exceed steps (${steps})`, {
      argument: 'untilStep',
      value: untilStep,
      expected: `an integer in [1, ${steps}]`,
    });
  }
  const batchSize = checkInteger(op, 'batchSize', options.batchSize ?? 16, 1);
  const data = tokenWindows(checkIds(op, 'trainIds', trainIds, vocabSize), {
    contextLength,
    ...(options.stride === undefined ? {} : { stride: options.stride }),
  });
  const validationIds = options.validationIds;
  const validation =
    validationIds === undefined
      ? undefined
      : {
          dataset: tokenWindows(checkIds(op, 'validationIds', validationIds, vocabSize), {
            contextLength,
            stride: contextLength,
          }),
          every: checkInteger(op, 'evaluateEvery', options.evaluateEvery ?? steps, 1),
          batchSize: checkInteger(op, 'validationBatchSize', options.validationBatchSize ?? batchSize, 1),
        };
  const rateAt = gpt2LearningRateSchedule(options);
  const optimizer = adamw({
    learningRate: options.learningRate ?? 1e-3,
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.95,
    weightDecay: checkRate(op, 'weightDecay', options.weightDecay ?? 0.1),
    decay: gpt2DecaysWeight,
  });
  try {
    const result = await train(model, data, {
      // The ids were checked once above: no need to read the labels back every step.
      loss: lossFunction('crossEntropy', { checkLabels: false }),
      optimizer,
      batchSize,
      steps: untilStep,
      shuffle: true,
      seed: options.seed ?? 0,
      learningRate: (step) => rateAt(step),
      clipNorm: options.clipNorm ?? 1,
      signal: options.signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.progressEvery === undefined ? {} : { progressEvery: options.progressEvery }),
      ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
      ...(options.resume === undefined ? {} : { resume: options.resume }),
      ...(validation ? { validation } : {}),
    });
    return {
      losses: result.losses,
      learningRates: result.losses.map((_, step) => rateAt(step)),
      validation: result.validation,
      startStep: result.startStep,
      steps: result.steps,
      elapsedMs: result.elapsedMs,
    };
  } finally {
    optimizer.dispose();
  }
}
