/**
 * Loss functions: how far a model's predictions are from the targets, as one number to minimise.
 */
import * as tf from '@tensorflow/tfjs-core';
import { shapeText, show } from './checks';
import { TrainerError } from './errors';

/** The built-in losses: sum of squares, sum of absolute values, softmax cross-entropy. */
export type LossName = 'l2' | 'l1' | 'crossEntropy';

/** The names of the built-in losses. */
export const LOSS_NAMES: readonly LossName[] = ['l2', 'l1', 'crossEntropy'];

/**
 * A loss: predictions and targets in, a scalar out. It is called inside the gradient tape, so it
 * must be built from differentiable tfjs-core ops and must not dispose its inputs.
 */
export type LossFunction = (predictions: tf.Tensor, targets: tf.Tensor) => tf.Scalar;

/** Options of {@link lossFunction}. */
export interface LossOptions {
  /**
   * How the per-example losses become one number: `mean` (default) averages them over the examples
   * (or over every position of a sequence batch), `sum` adds them up.
   */
  readonly reduction?: 'mean' | 'sum';
  /**
   * Cross-entropy with integer labels: check every label is in [0, classes) and throw otherwise
   * (default true). The check reads the labels back to JavaScript; turn it off to save that read
   * on a GPU backend once the data is known to be good.
   */
  readonly checkLabels?: boolean;
}

/**
 * The loss function for a name (or a custom function, returned as it is).
 *
 * - `l2`: squared error, summed over the outputs (the last axis) of each example:
 *   `Σ_j (p_j − t_j)²`. With the default `mean` reduction this is averaged over the examples (every
 *   position before the last axis; for a rank-1 prediction every element is an example with one
 *   output). Note: PyTorch's `MSELoss` averages over outputs as well; ours is that times the
 *   number of outputs.
 * - `l1`: absolute error `Σ_j |p_j − t_j|`, reduced the same way.
 * - `crossEntropy`: softmax cross-entropy from logits `[..., C]` (computed stably through
 *   `logSoftmax`). Targets are either int32 class labels shaped like the logits without their last
 *   axis (`[N]` for `[N, C]`, `[B, T]` for `[B, T, C]`), or float class probabilities (one-hot or
 *   soft) of the logits' shape. Per position `−Σ_c t_c · log softmax(p)_c`; `mean` averages over
 *   positions, like PyTorch's `cross_entropy`.
 */
export function lossFunction(loss: LossName | LossFunction, options: LossOptions = {}): LossFunction {
  const reduction = options.reduction ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum') {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `lossFunction: reduction must be "mean" or "sum", got ${show(reduction)}`,
      {
        argument: 'reduction',
        value: reduction,
        expected: '"mean" | "sum"',
      },
    );
  }
  if (typeof loss === 'function') return loss;
  const checkLabels = options.checkLabels ?? true;
  switch (loss) {
    case 'l2':
      return (p, t) => l2Loss(p, t, reduction);
    case 'l1':
      return (p, t) => l1Loss(p, t, reduction);
    case 'crossEntropy':
      return (p, t) => crossEntropyLoss(p, t, reduction, checkLabels);
    default:
      throw new TrainerError('INVALID_ARGUMENT', `lossFunction: unknown loss ${show(loss)}`, {
        argument: 'loss',
        value: loss,
        expected: `${LOSS_NAMES.map((n) => `"${n}"`).join(' | ')} or a function`,
      });
  }
}

/** Sum of squared errors per example, then `mean` over examples (default) or `sum`. */
export function l2Loss(predictions: tf.Tensor, targets: tf.Tensor, reduction: 'mean' | 'sum' = 'mean'): tf.Scalar {
  return tf.tidy(() => regression('l2', predictions, targets, reduction, (d) => tf.square(d)));
}

/** Sum of absolute errors per example, then `mean` over examples (default) or `sum`. */
export function l1Loss(predictions: tf.Tensor, targets: tf.Tensor, reduction: 'mean' | 'sum' = 'mean'): tf.Scalar {
  return tf.tidy(() => regression('l1', predictions, targets, reduction, (d) => tf.abs(d)));
}

function regression(
  op: string,
  predictions: tf.Tensor,
  targets: tf.Tensor,
  reduction: 'mean' | 'sum',
  elementwise: (difference: tf.Tensor) => tf.Tensor,
): tf.Scalar {
  if (predictions.rank === 0 || !tf.util.arraysEqual(predictions.shape, targets.shape)) {
    throw new TrainerError(
      'SHAPE_MISMATCH',
      `${op}: predictions ${shapeText(predictions.shape)} and targets ${shapeText(targets.shape)} must have one shape of rank ≥ 1`,
      { argument: 'targets', value: [...targets.shape], expected: shapeText(predictions.shape) },
    );
  }
  const t = targets.dtype === 'float32' ? targets : tf.cast(targets, 'float32'); // [..., K]
  const total = tf.sum(elementwise(tf.sub(predictions, t))) as tf.Scalar; // []
  if (reduction === 'sum') return total as tf.Scalar;
  const outputs = predictions.rank >= 2 ? predictions.shape[predictions.rank - 1]! : 1;
  return tf.div(total, predictions.size / outputs) as tf.Scalar;
}

/**
 * Softmax cross-entropy of logits `[..., C]` against int32 labels `[...]` or probabilities
 * `[..., C]`; `mean` over positions (default) or `sum`.
 */
export function crossEntropyLoss(
  logits: tf.Tensor,
  targets: tf.Tensor,
  reduction: 'mean' | 'sum' = 'mean',
  checkLabels = true,
): tf.Scalar {
  return tf.tidy(() => crossEntropyOf(logits, targets, reduction, checkLabels));
}

function crossEntropyOf(
  logits: tf.Tensor,
  targets: tf.Tensor,
  reduction: 'mean' | 'sum',
  checkLabels: boolean,
): tf.Scalar {
  if (logits.rank === 0) {
    throw new TrainerError('SHAPE_MISMATCH', 'crossEntropy: logits must have a class axis, got a scalar', {
      argument: 'predictions',
      value: [],
      expected: '[..., classes]',
    });
  }
  const classes = logits.shape[logits.rank - 1]!;
  const positions = logits.size / classes;
  const logProbs = tf.logSoftmax(logits); // [..., C]
  let picked: tf.Tensor; // Σ over everything of t · log p
  if (tf.util.arraysEqual(targets.shape, logits.shape) && targets.dtype === 'float32') {
    picked = tf.sum(tf.mul(logProbs, targets)); // []
  } else if (tf.util.arraysEqual(targets.shape, logits.shape.slice(0, -1)) && targets.dtype === 'int32') {
    if (checkLabels) checkLabelRange(targets, classes);
    const flat = tf.reshape(targets, [positions]) as tf.Tensor1D; // [M]
    // int32 then cast: tfjs-backend-wasm 4.22's OneHot writes int32 bits whatever dtype is asked for.
    const oneHot = tf.cast(tf.oneHot(flat, classes), 'float32'); // [M, C]
    picked = tf.sum(tf.mul(tf.reshape(logProbs, [positions, classes]), oneHot)); // []
  } else {
    const labelShape = shapeText(logits.shape.slice(0, -1));
    throw new TrainerError(
      'SHAPE_MISMATCH',
      `crossEntropy: targets must be int32 labels ${labelShape} or float32 probabilities ${shapeText(logits.shape)} for logits ${shapeText(logits.shape)}; got ${targets.dtype} ${shapeText(targets.shape)}`,
      {
        argument: 'targets',
        value: { dtype: targets.dtype, shape: [...targets.shape] },
        expected: `int32 ${labelShape} or float32 ${shapeText(logits.shape)}`,
      },
    );
  }
  return (reduction === 'sum' ? tf.neg(picked) : tf.div(picked, -positions)) as tf.Scalar;
}

function checkLabelRange(labels: tf.Tensor, classes: number): void {
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v < classes)) {
      throw new TrainerError(
        'INVALID_ARGUMENT',
        `crossEntropy: label ${v} at index ${i} is outside [0, ${classes}) for ${classes} classes`,
        { argument: 'targets', value: v, expected: `an integer in [0, ${classes})` },
      );
    }
  }
}
