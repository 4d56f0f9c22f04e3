import * as tf from '@tensorflow/tfjs-core';
import type { Gpt2Activation } from '../config';

/** LayerNorm over the last axis: `(x − mean) / √(var + ε) · gain + bias`. x [..., C], gain and bias [C]. */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, epsilon: number): tf.Tensor {
  return tf.tidy(() => {
    const axis = x.rank - 1;
    const { mean, variance } = tf.moments(x, axis, true); // [..., 1] each
    const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon))); // [..., C]
    return tf.add(tf.mul(normed, gain), bias); // [..., C]
  });
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * GELU in the form a checkpoint names: the tanh approximation GPT-2 was trained with
 * (`gelu_new`, `gelu_pytorch_tanh`, `gelu_fast`), or the exact `0.5·x·(1 + erf(x/√2))` (`gelu`).
 */
export function gelu(x: tf.Tensor, form: Gpt2Activation): tf.Tensor {
  return tf.tidy(() => {
    if (form === 'gelu') return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))); // [..., H]
    const cube = tf.mul(tf.mul(x, x), x); // [..., H]
    const inner = tf.mul(tf.add(x, tf.mul(cube, 0.044715)), SQRT_2_OVER_PI); // [..., H]
    return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner))); // [..., H]
  });
}

/** `x · W + b` for x [N, in], W [in, out], b [out] → [N, out]. */
export function affine(x: tf.Tensor2D, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.matMul(x, weight as tf.Tensor2D), bias)); // [N, out]
}

/** Attention without a mask (every query sees every key): for tests that show the mask matters. */
export function unmaskedAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): { output: tf.Tensor; probs: tf.Tensor } {
  return tf.tidy(() => {
    const hs = q.shape[q.rank - 1]!;
    const probs = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hs))); // [B, nh, Tq, Tk]
    return { output: tf.matMul(probs, v), probs }; // [B, nh, Tq, hs], [B, nh, Tq, Tk]
  });
}
