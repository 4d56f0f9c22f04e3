/**
 * Small models and data for tests: an MLP, a seeded dropout layer (nn-core has none yet) to prove
 * that dropout masks follow the step's seed, and a 1-D regression set.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Layer, dense, relu, sequential, tanh, type CallContext } from '@chatgpt-explained/nn-core';
import { tensorDataset, type Dataset } from '../dataset';

/** Inverted dropout with masks from `ctx.seed` (tfjs's seeded uniform), only in training mode. */
export class SeededDropout extends Layer {
  readonly kind = 'SeededDropout';
  constructor(private readonly rate: number) {
    super();
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    if (!ctx.training) return x;
    const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', ctx.seed), this.rate), 'float32'); // [..]
    return tf.mul(x, tf.div(keep, 1 - this.rate));
  }
}

/** 1 → hidden → hidden → 1 MLP with tanh, optionally with dropout after the first layer. */
export function mlp(hidden = 16, dropout = 0): Layer {
  return sequential({
    in: dense({ inputs: 1, units: hidden }),
    act1: tanh(),
    ...(dropout > 0 ? { drop: new SeededDropout(dropout) } : {}),
    mid: dense({ inputs: hidden, units: hidden }),
    act2: relu(),
    out: dense({ inputs: hidden, units: 1 }),
  });
}

/** `n` points of y = sin(2x) + 0.3·x on x ∈ [−2, 2], evenly spaced. */
export function sineData(n: number): { dataset: Dataset; xs: Float32Array; ys: Float32Array } {
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = -2 + (4 * i) / (n - 1);
    xs[i] = x;
    ys[i] = Math.sin(2 * x) + 0.3 * x;
  }
  return { dataset: tensorDataset({ data: xs, shape: [n, 1] }, { data: ys, shape: [n, 1] }), xs, ys };
}
