import { Layer, type CallContext } from '@chatgpt-explained/nn-core';
import * as tf from '@tensorflow/tfjs-core';
import { EssayError } from '../errors';

/**
 * The net of essay 6.3, small enough to draw its whole loss landscape: one input, two tanh hidden
 * neurons, one output, `y = tanh(w1·x + 0) − tanh(w2·x + 1)`. Only the two input weights `w1`, `w2`
 * are trained; the hidden biases (0, 1) and output weights (1, −1) are fixed. The data come from the
 * same net at `w1 = 2`, `w2 = 1` on 41 evenly spaced x in [-2, 2], so the loss is 0 there (the global
 * minimum); near `(−0.32, −1.25)` lies a local minimum with loss ≈ 0.072, where gradient descent
 * can get stuck.
 */
export const TWO_WEIGHT_NET = {
  hiddenBias: [0, 1] as const,
  outputWeight: [1, -1] as const,
  teacher: { w1: 2, w2: 1 } as const,
  inputRange: [-2, 2] as const,
  inputs: 41,
  formula: 'y = tanh(w1·x) − tanh(w2·x + 1)',
};

/** The net's output at `x` for weights `(w1, w2)`, in float64. */
export function twoWeightNetValue(w1: number, w2: number, x: number): number {
  const [b1, b2] = TWO_WEIGHT_NET.hiddenBias;
  const [a1, a2] = TWO_WEIGHT_NET.outputWeight;
  return a1 * Math.tanh(w1 * x + b1) + a2 * Math.tanh(w2 * x + b2);
}

/**
 * The net's outputs for `K` weight pairs at once: `w1`, `w2` `[K, 1]`, inputs `x` `[1, N]`, output
 * `[K, N]`. Differentiable in `w1`, `w2`; call inside `tf.tidy`.
 */
export function twoWeightOutputs(w1: tf.Tensor, w2: tf.Tensor, x: tf.Tensor): tf.Tensor2D {
  const [b1, b2] = TWO_WEIGHT_NET.hiddenBias;
  const [a1, a2] = TWO_WEIGHT_NET.outputWeight;
  const h1 = tf.tanh(tf.add(tf.mul(w1, x), b1)); // [K, N]
  const h2 = tf.tanh(tf.add(tf.mul(w2, x), b2)); // [K, N]
  return tf.add(tf.mul(h1, a1), tf.mul(h2, a2)) as tf.Tensor2D; // [K, N]
}

/** {@link TWO_WEIGHT_NET} as a trainable layer: input `[B, 1]`, output `[B, 1]`, trainable weights `w1`, `w2` (shape [1]). */
export class TwoWeightNet extends Layer {
  readonly kind = 'TwoWeightNet';

  /** Starts at `(w1, w2)` (also after `initialize()`). */
  constructor(w1 = 0, w2 = 0) {
    super();
    this.addWeight('w1', [1], { constant: w1 });
    this.addWeight('w2', [1], { constant: w2 });
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    if (x.rank !== 2 || x.shape[1] !== 1) {
      throw new EssayError(
        'INVALID_ARGUMENT',
        `TwoWeightNet${ctx.path ? ` at ${ctx.path}` : ''}: input must have shape [B, 1], got [${x.shape.join(', ')}]`,
        { argument: 'x', value: [...x.shape], expected: '[B, 1]' },
      );
    }
    const row = tf.reshape(x, [1, x.shape[0]!]); // [1, B]
    const w1 = tf.reshape(this.w('w1'), [1, 1]); // [1, 1]
    const w2 = tf.reshape(this.w('w2'), [1, 1]); // [1, 1]
    return tf.reshape(twoWeightOutputs(w1, w2, row), [x.shape[0]!, 1]); // [B, 1]
  }
}
