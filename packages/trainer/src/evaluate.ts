import * as tf from '@tensorflow/tfjs-core';
import type { Layer } from '@chatgpt-explained/nn-core';
import { positiveInteger } from './checks';
import type { Dataset } from './dataset';
import { lossFunction, type LossFunction, type LossName } from './losses';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** A built-in loss name or a loss function (its `mean` is taken per batch). */
  readonly loss: LossName | LossFunction;
  /** Examples per forward pass. Default 256. */
  readonly batchSize?: number;
  /** Checked before every batch and layer; an aborted signal throws its reason. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The loss of `model` over all of `dataset`, in inference mode (no dropout), in order: each batch's
 * loss weighted by its number of examples, so with a `mean` loss this is the mean over examples.
 * Leaves no tensors behind. An uninitialised model is initialised with seed 0 (as `Layer.apply`).
 */
export async function evaluate(model: Layer, dataset: Dataset, options: EvaluateOptions): Promise<number> {
  const loss = lossFunction(options.loss);
  const batchSize = positiveInteger('evaluate', 'batchSize', options.batchSize ?? 256);
  return evaluateWith(model, dataset, loss, batchSize, options.signal);
}

/** {@link evaluate} with the loss already resolved (the training loop's validation). */
export async function evaluateWith(
  model: Layer,
  dataset: Dataset,
  loss: LossFunction,
  batchSize: number,
  signal: AbortSignal | undefined,
): Promise<number> {
  if (!model.initialized) model.initialize({ seed: 0 });
  let total = 0;
  for (let start = 0; start < dataset.size; start += batchSize) {
    signal?.throwIfAborted();
    const count = Math.min(batchSize, dataset.size - start);
    const indices = Array.from({ length: count }, (_, i) => start + i);
    const value = tf.tidy(() => {
      const batch = dataset.batch(indices);
      const predictions = model.call(batch.x, { training: false, seed: 0, path: '', signal });
      return loss(predictions, batch.y);
    });
    try {
      total += (await value.data())[0]! * count;
    } finally {
      value.dispose();
    }
  }
  return dataset.size === 0 ? NaN : total / dataset.size;
}
