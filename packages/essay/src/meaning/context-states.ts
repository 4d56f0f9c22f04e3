import type { Gpt2 } from '@chatgpt-explained/gpt2';
import type { VectorSet } from '@chatgpt-explained/embeddings';
import * as tf from '@tensorflow/tfjs-core';
import { EssayError } from '../errors';

/**
 * The token ids the model reads for the word at `text[start]`: the text before it and the word,
 * tokenized together, cut to the last `length` tokens, so the word's (last) token is always at
 * position `length − 1` and the position embedding is the same for every occurrence. A line break
 * just before the word is read as a space, so the word is the token it is mid-line (` ball`, not
 * `ball`). A text too short for `length` tokens is padded in front with `<|endoftext|>` ids, as the
 * model saw at the start of each book in training.
 */
export function contextWindowIds(gpt: Gpt2, text: string, start: number, word: string, length: number): number[] {
  for (let chars = 8 * length; ; chars *= 2) {
    const from = Math.max(0, start - chars);
    const before = text.slice(from, start).replace(/(\r\n|\n|\r)$/, ' ');
    const ids = gpt.encoding.encode(before + word);
    // One token more than needed: the first may be a word cut by the character window.
    if (ids.length > length) return ids.slice(ids.length - length);
    if (from === 0) {
      const pad = new Array<number>(Math.max(0, length - ids.length)).fill(gpt.config.eosTokenId);
      return [...pad, ...ids.slice(Math.max(0, ids.length - length))];
    }
  }
}

/** Options of {@link lastTokenStates}. */
export interface LastTokenStatesOptions {
  /** Windows per forward pass. Default 16. */
  readonly batchSize?: number;
  readonly signal?: AbortSignal | undefined;
  /** Called after each batch with the share of windows done. */
  readonly onProgress?: ((fraction: number) => void) | undefined;
}

/**
 * The hidden states at the last position of each window, for every layer: entry `l` holds one row
 * per window (`windows.length × C`), as `hiddenStates` numbers the layers (0 the embeddings, `l` the
 * output of block `l − 1`, the last after `ln_f`). All windows must have the same length, at most
 * the model's context. Batched forward passes without a cache, no tensors left behind; the signal
 * is checked between batches.
 */
export async function lastTokenStates(
  gpt: Gpt2,
  windows: readonly (readonly number[])[],
  options: LastTokenStatesOptions = {},
): Promise<VectorSet[]> {
  const op = 'lastTokenStates';
  const t = windows[0]?.length ?? 0;
  if (t < 1 || t > gpt.config.contextLength || windows.some((w) => w.length !== t)) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: windows must be non-empty and all of one length of at most ${gpt.config.contextLength} tokens; got lengths ${[...new Set(windows.map((w) => w.length))].join(', ') || 'none'}`,
      { argument: 'windows', value: windows.length, expected: `windows of one length ≤ ${gpt.config.contextLength}` },
    );
  }
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: batchSize must be a positive integer, got ${String(batchSize)}`, {
      argument: 'batchSize',
      value: batchSize,
      expected: 'a positive integer',
    });
  }
  const c = gpt.config.embedDim;
  const n = windows.length;
  const layers = Array.from({ length: gpt.config.layers + 1 }, () => new Float32Array(n * c));
  for (let first = 0; first < n; first += batchSize) {
    options.signal?.throwIfAborted();
    const batch = windows.slice(first, first + batchSize);
    const b = batch.length;
    const last = tf.tidy(() => {
      const ids = tf.tensor2d(batch.flat(), [b, t], 'int32'); // [B, T]
      const out = gpt.model.forward(ids, { hiddenStates: true, lastOnly: true });
      return out.hiddenStates!.map((h) => tf.slice(h, [0, t - 1, 0], [b, 1, c])); // [B, 1, C] each
    });
    try {
      // Read back asynchronously: a synchronous read stalls a GPU backend's thread.
      const states = await Promise.all(last.map((h) => h.data()));
      states.forEach((rows, l) => layers[l]!.set(rows, first * c));
    } finally {
      tf.dispose(last);
    }
    options.onProgress?.(Math.min(n, first + b) / n);
    // Let the app draw progress and see a cancel between batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return layers.map((data) => ({ data, rows: n, cols: c }));
}
