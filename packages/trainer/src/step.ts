/**
 * One training step: forward, loss, backward, optional clipping, optimizer update, all in one
 * `tf.tidy`, with the loss left on the backend as the only tensor that survives.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Layer, NamedWeight } from '@chatgpt-explained/nn-core';
import { numberIn, shapeText, show } from './checks';
import { clipByGlobalNorm, clipByValue } from './clip';
import type { Batch } from './dataset';
import { TrainerError } from './errors';
import { lossFunction, type LossFunction, type LossName } from './losses';
import type { GradientEntry, Optimizer } from './optimizers/optimizer';

/** Options of {@link trainStep}. */
export interface TrainStepOptions {
  /** A built-in loss name or a loss function. */
  readonly loss: LossName | LossFunction;
  /** Updates the weights; its state lives on between calls. */
  readonly optimizer: Optimizer;
  /** This step's learning rate. Default: the optimizer's `learningRate`. */
  readonly learningRate?: number;
  /** Clip the gradients' global L2 norm to this (PyTorch's `clip_grad_norm_`). Default: no clipping. */
  readonly clipNorm?: number;
  /** Clamp every gradient element to ±this (applied before `clipNorm`). Default: no clamping. */
  readonly clipValue?: number;
  /** Seed of the step's random choices (dropout masks). Default 0. */
  readonly seed?: number;
  /** Checked before every layer of the forward pass; an aborted signal throws its reason. */
  readonly signal?: AbortSignal | undefined;
}

/** What the training loop and {@link trainStep} share, resolved once per run. */
export interface StepPlan {
  readonly model: Layer;
  readonly weights: readonly NamedWeight[];
  readonly loss: LossFunction;
  readonly optimizer: Optimizer;
  readonly clipNorm: number | undefined;
  readonly clipValue: number | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Resolves and checks a step's settings (the model is initialised with seed 0 if it was not). */
export function planStep(model: Layer, options: Omit<TrainStepOptions, 'learningRate' | 'seed'>, op: string): StepPlan {
  if (options.optimizer == null || typeof options.optimizer.step !== 'function') {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `${op}: optimizer must be an Optimizer (sgd(), adam(), …), got ${show(options.optimizer)}`,
      {
        argument: 'optimizer',
        value: options.optimizer,
        expected: 'an Optimizer',
      },
    );
  }
  const weights = model.namedWeights().filter((w) => w.trainable);
  if (weights.length === 0) {
    throw new TrainerError('INVALID_ARGUMENT', `${op}: the model has no trainable weights`, {
      argument: 'model',
      value: model.kind,
      expected: 'a model with trainable weights',
    });
  }
  return {
    model,
    weights,
    loss: lossFunction(options.loss),
    optimizer: options.optimizer,
    clipNorm:
      options.clipNorm === undefined ? undefined : numberIn(op, 'clipNorm', options.clipNorm, 0, Infinity, true, true),
    clipValue:
      options.clipValue === undefined
        ? undefined
        : numberIn(op, 'clipValue', options.clipValue, 0, Infinity, true, true),
    signal: options.signal,
  };
}

/**
 * Runs one step and returns the loss (before the update) as a scalar tensor the caller disposes.
 * `makeBatch` runs inside the step's tidy, so tensors it creates are freed with the step.
 */
export function runStep(plan: StepPlan, makeBatch: () => Batch, learningRate: number, seed: number): tf.Scalar {
  return tf.tidy(() => {
    const batch = makeBatch();
    const { value, grads } = tf.variableGrads(
      () => {
        const predictions = plan.model.call(batch.x, { training: true, seed, path: '', signal: plan.signal });
        const loss = plan.loss(predictions, batch.y);
        if (!(loss instanceof tf.Tensor) || loss.rank !== 0) {
          const seen = loss instanceof tf.Tensor ? `shape ${shapeText(loss.shape)}` : show(loss);
          throw new TrainerError(
            'SHAPE_MISMATCH',
            `trainStep: the loss function must return a scalar tensor, got ${seen}`,
            {
              argument: 'loss',
              value: seen,
              expected: 'a scalar tf.Tensor',
            },
          );
        }
        return loss as tf.Scalar;
      },
      plan.weights.map((w) => w.variable),
    );
    const present = plan.weights.filter((w) => grads[w.variable.name] !== undefined);
    let list = present.map((w) => grads[w.variable.name]!);
    if (plan.clipValue !== undefined) list = clipByValue(list, plan.clipValue);
    if (plan.clipNorm !== undefined) list = clipByGlobalNorm(list, plan.clipNorm).grads;
    const entries: GradientEntry[] = present.map((w, i) => ({ name: w.name, variable: w.variable, grad: list[i]! }));
    plan.optimizer.step(entries, learningRate);
    return value;
  });
}

/**
 * One training step on a batch the caller owns: forward in training mode, loss, gradients,
 * optional clipping, one optimizer update. Returns the loss before the update. Leaves no tensors
 * behind (besides optimizer state created on first use). For the full loop see `train`.
 */
export async function trainStep(model: Layer, batch: Batch, options: TrainStepOptions): Promise<number> {
  options.signal?.throwIfAborted();
  const plan = planStep(model, options, 'trainStep');
  const learningRate = options.learningRate ?? options.optimizer.learningRate;
  const loss = runStep(plan, () => batch, learningRate, (options.seed ?? 0) >>> 0);
  try {
    return (await loss.data())[0]!;
  } finally {
    loss.dispose();
  }
}
