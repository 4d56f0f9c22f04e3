import * as tf from '@tensorflow/tfjs-core';
import type { Gpt2 } from '../gpt2';
import { textIds, tokensOf, type InspectedToken } from './checks';

/** One layer's hidden state (see {@link hiddenStates}). */
export interface HiddenState {
  /** 0 for the embeddings, i for the output of block i − 1; the last after the final LayerNorm. */
  readonly layer: number;
  /** `embeddings`, `after block N`, or `after block N and ln_f` for the last. */
  readonly label: string;
  /** `[T, C]`. */
  readonly shape: [number, number];
  /** Row-major: position t's vector is `data[t·C … (t+1)·C)`. */
  readonly data: Float32Array;
}

/** What {@link hiddenStates} returns. */
export interface HiddenStatesResult {
  readonly tokens: InspectedToken[];
  /** `layers + 1` entries, as Hugging Face's `output_hidden_states`. */
  readonly layers: HiddenState[];
}

/**
 * The hidden state of every layer for a text: the embeddings (token + position), the output of
 * each block, the last one after the final LayerNorm `ln_f` (Hugging Face's `output_hidden_states`).
 * Rejects with `Gpt2Error` (INVALID_ARGUMENT) for an empty text or one longer than the context.
 * Async because the states are read back with `await tensor.data()`, never synchronously (on GPU
 * backends a synchronous read stalls the thread; in browsers' WebGPU it goes through canvases and
 * breaks later buffer uploads).
 */
export async function hiddenStates(
  gpt: Gpt2,
  text: string,
  options: { allowSpecial?: boolean } = {},
): Promise<HiddenStatesResult> {
  const ids = textIds('hiddenStates', gpt, text, options.allowSpecial);
  const t = ids.length;
  const c = gpt.config.embedDim;
  const last = gpt.config.layers;
  const states = tf.tidy(() => {
    const out = gpt.model.forward(tf.tensor2d([ids], [1, t], 'int32'), { hiddenStates: true });
    return out.hiddenStates!; // each [1, T, C]
  });
  let values: Float32Array[];
  try {
    values = await Promise.all(states.map(async (h) => Float32Array.from(await h.data())));
  } finally {
    tf.dispose(states);
  }
  return {
    tokens: tokensOf(gpt, ids),
    layers: values.map((data, layer) => ({
      layer,
      label:
        layer === 0 ? 'embeddings' : layer === last ? `after block ${layer - 1} and ln_f` : `after block ${layer - 1}`,
      shape: [t, c],
      data,
    })),
  };
}
