import * as tf from '@tensorflow/tfjs-core';
import { Layer, type CallContext } from './layer';
import { expectMinRank } from './options';

/**
 * Keeps the batch axis and flattens the rest, row-major: [B, d1, d2, …] → [B, d1·d2·…] (how an
 * image stack meets a dense layer). Input of rank ≥ 2. No weights, no options.
 */
export class Flatten extends Layer {
  readonly kind = 'Flatten';

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    expectMinRank(this.kind, ctx.path, x, 2, '[B, ...] of rank ≥ 2');
    const features = x.shape.slice(1).reduce((a, b) => a * b, 1);
    return tf.reshape(x, [x.shape[0]!, features]); // [B, d1·d2·…]
  }
}

/** A flatten layer; see {@link Flatten}. */
export function flatten(): Flatten {
  return new Flatten();
}
