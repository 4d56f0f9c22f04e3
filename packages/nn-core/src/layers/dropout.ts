import * as tf from '@tensorflow/tfjs-core';
import { numberIn } from './checks';
import { Layer, type CallContext } from './layer';
import { checkOptionKeys } from './options';

/** Options of {@link dropout}. */
export interface DropoutOptions {
  /** Probability that each value is zeroed while training, in [0, 1). Required. */
  readonly rate: number;
}

/**
 * Inverted dropout. While training each value is kept with probability `1 − rate` and scaled by
 * `1 / (1 − rate)`, so the expected output equals the input; otherwise (and for rate 0) the layer
 * passes its input through unchanged. The mask comes from `tf.randomUniform(shape, 0, 1,
 * 'float32', ctx.seed)`, computed in JavaScript, so one seed gives one mask on every backend.
 */
export class Dropout extends Layer {
  readonly kind = 'Dropout';
  readonly rate: number;

  constructor(options: DropoutOptions) {
    super();
    checkOptionKeys('dropout', options, ['rate']);
    this.rate = numberIn('dropout', 'rate', options.rate, 0, 1, true);
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    if (!ctx.training || this.rate === 0) return x; // [...] unchanged
    const uniform = tf.randomUniform(x.shape, 0, 1, 'float32', ctx.seed); // [...] in [0, 1)
    const keep = tf.cast(tf.greaterEqual(uniform, this.rate), x.dtype); // [...] 1 kept, 0 dropped
    return tf.mul(x, tf.mul(keep, 1 / (1 - this.rate))); // [...]
  }
}

/** A dropout layer; see {@link Dropout}. */
export function dropout(options: DropoutOptions): Dropout {
  return new Dropout(options);
}
