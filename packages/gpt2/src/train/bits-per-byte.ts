/**
 * How well a model predicts held-out text, in the project's common unit: bits per UTF-8 byte.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Gpt2Error } from '../errors';
import type { Gpt2Model } from '../model/gpt2-model';
import { checkContextLength, checkInteger } from './token-windows';

/** Options of {@link bitsPerByte}. */
export interface BitsPerByteOptions {
  /** Most tokens the model sees at once. Default the model's `contextLength`. */
  readonly contextLength?: number;
  /**
   * New tokens predicted per window, in [1, contextLength]. Default `contextLength`: non-overlapping
   * windows. Smaller strides give every prediction more context (at more cost): each window then
   * re-reads the `contextLength − stride` tokens before the ones it predicts.
   */
  readonly stride?: number;
  /** Windows per forward pass. Default 16. */
  readonly batch?: number;
  /** Checked between forward passes; an aborted signal rejects with its reason. */
  readonly signal?: AbortSignal | undefined;
}

/** What {@link bitsPerByte} measures. */
export interface BitsPerByteResult {
  /** Tokens predicted: `ids.length − 1` (every token after the first). */
  readonly tokens: number;
  /** Σ −log2 P(token | the tokens before it in its window). */
  readonly bits: number;
  /** bits ÷ tokens. */
  readonly bitsPerToken: number;
  /** The byte count given. */
  readonly bytes: number;
  /** bits ÷ bytes. */
  readonly bitsPerByte: number;
}

interface Window {
  /** First input position. */
  readonly from: number;
  /** Inputs: ids[from … from + length − 1]. */
  readonly length: number;
  /** Predicted targets: the last `count` positions of the window. */
  readonly count: number;
}

/**
 * The code length of a token sequence under `model`: every token after the first, `ids[1 …]`, is
 * predicted from the tokens before it (up to `contextLength` of them, within its window), and
 * `bits = Σ −log2 P(ids[p] | ids[a … p − 1])`. The targets are taken in chunks of `stride`; the chunk
 * ending at p₁ is predicted by one window of inputs `ids[max(0, p₁ − 1 − T) … p₁ − 2]`. Put the
 * `<|endoftext|>` id first so the text's first token is predicted too, and pass the UTF-8 byte count
 * of the text as `bytesCount`: then `bitsPerByte` is the text's code length per byte, comparable
 * with the n-gram models' (`perplexity` in `@chatgpt-explained/ngram`). The log-probabilities are
 * summed in float64. Leaves no tensors behind.
 *
 * @example
 * const ids = Int32Array.from([eot, ...encoding.encode(text)]);
 * const { bitsPerByte: bpb } = await bitsPerByte(model, ids, new TextEncoder().encode(text).length);
 */
export async function bitsPerByte(
  model: Gpt2Model,
  ids: Int32Array,
  bytesCount: number,
  options: BitsPerByteOptions = {},
): Promise<BitsPerByteResult> {
  const op = 'bitsPerByte';
  options.signal?.throwIfAborted();
  const { vocabSize } = model.config;
  if (!(ids instanceof Int32Array) || ids.length < 2) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${op}: ids must be an Int32Array of at least 2 token ids`, {
      argument: 'ids',
      value: ids instanceof Int32Array ? ids.length : ids,
      expected: 'an Int32Array of length ≥ 2',
    });
  }
  for (let i = 0; i < ids.length; i++) {
    if (ids[i]! < 0 || ids[i]! >= vocabSize) {
      throw new Gpt2Error('INVALID_ARGUMENT', `${op}: ids[${i}] is ${ids[i]}, outside [0, ${vocabSize})`, {
        argument: 'ids',
        value: ids[i],
        expected: `ids in [0, ${vocabSize})`,
      });
    }
  }
  if (typeof bytesCount !== 'number' || !Number.isFinite(bytesCount) || bytesCount <= 0) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${op}: bytesCount must be a number > 0, got ${String(bytesCount)}`, {
      argument: 'bytesCount',
      value: bytesCount,
      expected: 'the UTF-8 byte count of the text, > 0',
    });
  }
  const T = checkContextLength(op, options.contextLength, model.config.contextLength);
  const stride = checkInteger(op, 'stride', options.stride ?? T, 1);
  if (stride > T) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${op}: stride ${stride} is longer than contextLength ${T}`, {
      argument: 'stride',
      value: stride,
      expected: `an integer in [1, ${T}]`,
    });
  }
  const batch = checkInteger(op, 'batch', options.batch ?? 16, 1);

  // Windows grouped by (length, count), so each group batches into one [B, L] tensor.
  const groups = new Map<string, Window[]>();
  for (let p0 = 1; p0 < ids.length; p0 += stride) {
    const p1 = Math.min(p0 + stride, ids.length); // targets p0 … p1 − 1
    const from = Math.max(0, p1 - 1 - T);
    const window: Window = { from, length: p1 - 1 - from, count: p1 - p0 };
    const key = `${window.length}:${window.count}`;
    const list = groups.get(key);
    if (list) list.push(window);
    else groups.set(key, [window]);
  }

  let bits = 0;
  for (const windows of groups.values()) {
    for (let start = 0; start < windows.length; start += batch) {
      options.signal?.throwIfAborted();
      const chunk = windows.slice(start, start + batch);
      const { length: L, count: K } = chunk[0]!;
      const B = chunk.length;
      const inputs = new Int32Array(B * L);
      const picks = new Int32Array(B * K); // flat index into [B, K, V] of each target's logit
      chunk.forEach((w, b) => {
        inputs.set(ids.subarray(w.from, w.from + L), b * L);
        for (let k = 0; k < K; k++) picks[b * K + k] = (b * K + k) * vocabSize + ids[w.from + L - K + k + 1]!;
      });
      const logProbs = tf.tidy(() => {
        const x = tf.tensor2d(inputs, [B, L], 'int32'); // [B, L]
        const logits = model.apply(x, { training: false }); // [B, L, V]
        const last = tf.slice(logits, [0, L - K, 0], [B, K, vocabSize]); // [B, K, V]
        const flat = tf.reshape(tf.logSoftmax(last), [B * K * vocabSize]); // [B·K·V]
        return tf.gather(flat, tf.tensor1d(picks, 'int32')); // [B·K]
      });
      try {
        const values = await logProbs.data();
        for (let i = 0; i < values.length; i++) bits -= values[i]! / Math.LN2;
      } finally {
        logProbs.dispose();
      }
    }
  }
  const tokens = ids.length - 1;
  return { tokens, bits, bitsPerToken: bits / tokens, bytes: bytesCount, bitsPerByte: bits / bytesCount };
}
