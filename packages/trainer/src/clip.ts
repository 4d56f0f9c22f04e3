/**
 * Gradient clipping: keeps one bad batch from throwing the weights far away.
 */
import * as tf from '@tensorflow/tfjs-core';
import { numberIn } from './checks';

/** What {@link clipByGlobalNorm} returns; the caller owns (and disposes) every tensor. */
export interface ClippedGradients {
  /** The gradients, scaled by `min(1, maxNorm / (norm + 1e-6))`, in the order given. */
  readonly grads: tf.Tensor[];
  /** The global L2 norm of the gradients before clipping, `√(Σ_i Σ g_i²)`. */
  readonly norm: tf.Scalar;
}

/**
 * Scales all gradients together so their global L2 norm is at most `maxNorm`, as PyTorch's
 * `clip_grad_norm_`: `g ← g · min(1, maxNorm / (‖g‖ + 1e-6))`. Computed on the backend, with no read
 * back to JavaScript.
 */
export function clipByGlobalNorm(grads: readonly tf.Tensor[], maxNorm: number): ClippedGradients {
  numberIn('clipByGlobalNorm', 'maxNorm', maxNorm, 0, Infinity, true, true);
  return tf.tidy(() => {
    const norm = tf.sqrt(sumAll(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar; // []
    const coef = tf.minimum(tf.div(tf.scalar(maxNorm), tf.add(norm, tf.scalar(1e-6))), tf.scalar(1)); // []
    return { grads: grads.map((g) => tf.mul(g, coef)), norm };
  });
}

/** Clamps every gradient element to [−limit, limit] (PyTorch's `clip_grad_value_`). */
export function clipByValue(grads: readonly tf.Tensor[], limit: number): tf.Tensor[] {
  numberIn('clipByValue', 'limit', limit, 0, Infinity, true, true);
  return tf.tidy(() => grads.map((g) => tf.clipByValue(g, -limit, limit)));
}

/** The sum of scalars, in `addN` groups of at most 8 (WebGPU limits inputs per shader). */
function sumAll(values: tf.Tensor[]): tf.Tensor {
  if (values.length === 0) return tf.scalar(0);
  let level = values;
  while (level.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += 8) {
      const group = level.slice(i, i + 8);
      next.push(group.length === 1 ? group[0]! : tf.addN(group));
    }
    level = next;
  }
  return level[0]!;
}
