import * as tf from '@tensorflow/tfjs-core';
import type { Gpt2 } from '../gpt2';
import { integerIn, textIds, tokensOf, type InspectedToken } from './checks';

/** Options of {@link attentionPatterns}. */
export interface AttentionPatternsOptions {
  /** The block whose heads are read, 0-based (default 0, the first). */
  readonly block?: number;
  /** Read special tokens written in the text (`<|endoftext|>`) as themselves (default false: refused). */
  readonly allowSpecial?: boolean;
}

/** What {@link attentionPatterns} returns. */
export interface AttentionPatterns {
  /** The text's tokens: the rows (queries) and columns (keys) of every pattern. */
  readonly tokens: InspectedToken[];
  /** The block read. */
  readonly block: number;
  /**
   * `heads[h][i][j]`: how much position i attends to position j in head h (the softmax
   * probabilities; each row sums to 1, and is 0 for j > i, the causal mask).
   */
  readonly heads: number[][][];
}

/**
 * The attention weights of every head of one block for a text (essay 9.3, "hello, bye"), from
 * `model.forward(ids, { attentions: true })`. Rejects with `Gpt2Error` (INVALID_ARGUMENT) for an
 * empty text, one longer than the context, or a block outside [0, layers). Async because the weights
 * are read back with `await tensor.data()`, never synchronously (on GPU backends a synchronous read
 * stalls the thread; in browsers' WebGPU it goes through canvases and breaks later buffer uploads).
 */
export async function attentionPatterns(
  gpt: Gpt2,
  text: string,
  options: AttentionPatternsOptions = {},
): Promise<AttentionPatterns> {
  const fn = 'attentionPatterns';
  const block = integerIn(fn, 'block', options.block ?? 0, 0, gpt.config.layers - 1);
  const ids = textIds(fn, gpt, text, options.allowSpecial);
  const t = ids.length;
  const nh = gpt.config.heads;
  const weights = tf.tidy(() => {
    const out = gpt.model.forward(tf.tensor2d([ids], [1, t], 'int32'), { attentions: true });
    return out.attentions![block]!; // [1, nh, T, T]
  });
  let probs: Float32Array;
  try {
    probs = (await weights.data()) as Float32Array;
  } finally {
    weights.dispose();
  }
  const heads = Array.from({ length: nh }, (_, h) =>
    Array.from({ length: t }, (_, i) => Array.from(probs.subarray((h * t + i) * t, (h * t + i + 1) * t))),
  );
  return { tokens: tokensOf(gpt, ids), block, heads };
}
