import * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import { unknownName, type ApplyOptions, type Layer } from '../layers/layer';

/** Options of {@link runWithCapture}. */
export interface CaptureOptions extends ApplyOptions {
  /**
   * Layer paths (`1`, `blocks.0.attn`) or taps (`blocks.0.attn.probs`) whose outputs to return;
   * {@link Layer.capturePaths} lists them.
   */
  readonly capture: readonly string[];
}

/** The model's output and the captured intermediate values, by path. The caller disposes them all. */
export interface CaptureResult {
  readonly output: tf.Tensor;
  readonly activations: Readonly<Record<string, tf.Tensor>>;
}

/**
 * Runs a model and also returns the outputs of the named inner layers: the essay's "intercept what
 * the net is doing inside". Unknown paths throw `NAME_UNKNOWN` listing the known ones, before any
 * computation. No tensor survives but the ones returned.
 */
export function runWithCapture(model: Layer, x: tf.Tensor, options: CaptureOptions): CaptureResult {
  const wanted = new Set(options.capture);
  const known = new Set(model.capturePaths());
  for (const path of wanted) {
    if (typeof path !== 'string' || !known.has(path)) throw unknownName('capture path', String(path), [...known]);
  }
  options.signal?.throwIfAborted();
  if (!model.initialized) model.initialize({ seed: 0 });
  const activations: Record<string, tf.Tensor> = {};
  try {
    const output = tf.tidy(() => {
      const y = model.call(x, {
        training: options.training ?? false,
        seed: (options.seed ?? 0) >>> 0,
        path: '',
        signal: options.signal,
        record: (path, value) => {
          if (!wanted.has(path)) return;
          activations[path]?.dispose();
          activations[path] = tf.keep(tf.clone(value));
        },
      });
      return y === x ? tf.clone(y) : y; // never hand back the caller's own tensor
    });
    for (const path of wanted) {
      if (!activations[path]) {
        output.dispose();
        throw new NnCoreError('NAME_UNKNOWN', `runWithCapture: "${path}" was not reached in this call`, {
          argument: 'capture',
          value: path,
        });
      }
    }
    return { output, activations };
  } catch (error) {
    for (const t of Object.values(activations)) t.dispose();
    throw error;
  }
}
