import * as tf from '@tensorflow/tfjs-core';
import { expectShape, positiveInteger } from './checks';
import { Layer, type CallContext } from './layer';
import { checkOptionKeys, positiveNumber } from './options';

/** Options of {@link layerNorm}. */
export interface LayerNormOptions {
  /** Size `C` of the last axis, the one normalised. */
  readonly dim: number;
  /** Added to the variance before the square root. Default 1e-5 (GPT-2's and PyTorch's). */
  readonly epsilon?: number;
}

const KEYS = ['dim', 'epsilon'];

/**
 * Layer normalisation over the last axis: each row is shifted to mean 0 and scaled to variance 1
 * (the biased variance, dividing by C), then `y = x̂ · weight + bias` with `weight` [C] (ones) and
 * `bias` [C] (zeros), as in PyTorch's `nn.LayerNorm` and GPT-2's `ln_1`/`ln_2`/`ln_f`. Any input
 * rank: [..., C] → [..., C]. Built from plain ops (mean, subtract, square, rsqrt), so gradients work
 * on every backend.
 */
export class LayerNorm extends Layer {
  readonly kind = 'LayerNorm';
  readonly dim: number;
  readonly epsilon: number;

  constructor(options: LayerNormOptions) {
    super();
    checkOptionKeys('layerNorm', options, KEYS);
    this.dim = positiveInteger('layerNorm', 'dim', options.dim);
    this.epsilon = positiveNumber('layerNorm', 'epsilon', options.epsilon ?? 1e-5);
    this.addWeight('weight', [this.dim], 'ones');
    this.addWeight('bias', [this.dim], 'zeros');
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    expectShape(this.kind, ctx.path, x, { last: this.dim, what: `[..., ${this.dim}]` });
    const axis = x.rank - 1;
    const mean = tf.mean(x, axis, true); // [..., 1]
    const centred = tf.sub(x, mean); // [..., C]
    const variance = tf.mean(tf.square(centred), axis, true); // [..., 1]
    const normed = tf.mul(centred, tf.rsqrt(tf.add(variance, this.epsilon))); // [..., C]
    return tf.add(tf.mul(normed, this.w('weight')), this.w('bias')); // [..., C]
  }
}

/** Layer normalisation over the last axis; see {@link LayerNorm}. */
export function layerNorm(options: LayerNormOptions): LayerNorm {
  return new LayerNorm(options);
}
