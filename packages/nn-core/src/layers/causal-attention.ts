import * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';

/** Options of {@link causalAttention}. */
export interface CausalAttentionOptions {
  /** Multiplies the scores `q · kᵀ`. Default `1 / √hs`, with `hs` the last dimension of q and k. */
  readonly scale?: number;
  /**
   * Applied to the probabilities before they weight the values (attention dropout). The returned
   * `probs` are the ones before this. Default: none.
   */
  readonly dropProbs?: (probs: tf.Tensor) => tf.Tensor;
}

/** What {@link causalAttention} returns; the caller disposes both. */
export interface CausalAttentionResult {
  /** The attention output [..., Tq, hv]. */
  readonly output: tf.Tensor;
  /** Attention probabilities [..., Tq, Tk]: each row sums to 1 and is 0 on future keys. */
  readonly probs: tf.Tensor;
}

/** Added to the scores of future keys: exp of it is exactly 0 in float32, and it is finite (no NaN). */
const MASKED = -1e9;

/**
 * Scaled dot-product attention with a causal mask: `softmax(q · kᵀ · scale + mask) · v`.
 *
 * q [..., Tq, hs], k [..., Tk, hs], v [..., Tk, hv], with the same leading dimensions (e.g.
 * [B, nh]) and Tq ≤ Tk. The queries are the last Tq positions of the Tk keys, so query i (0-based)
 * sits at position Tk − Tq + i and sees keys 0 … Tk − Tq + i: with Tq = Tk this is the usual
 * triangle, and with Tq = 1 the newest token of a KV cache sees every cached key.
 */
export function causalAttention(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  options: CausalAttentionOptions = {},
): CausalAttentionResult {
  checkShapes(q, k, v);
  const r = q.rank;
  const hs = q.shape[r - 1]!;
  const tq = q.shape[r - 2]!;
  const tk = k.shape[r - 2]!;
  const scale = options.scale ?? 1 / Math.sqrt(hs);
  if (!Number.isFinite(scale)) {
    throw new NnCoreError('INVALID_ARGUMENT', `causalAttention: scale must be finite, got ${String(scale)}`, {
      argument: 'scale',
      value: scale,
      expected: 'a finite number',
    });
  }
  return tf.tidy(() => {
    const scores = tf.mul(tf.matMul(q, k, false, true), scale); // [..., Tq, Tk]
    // One query (decoding with a KV cache) is the last position: it sees every key, nothing to mask.
    const masked = tq === 1 ? scores : tf.add(scores, causalMask(tq, tk)); // [..., Tq, Tk]
    const probs = tf.softmax(masked); // [..., Tq, Tk]
    const weights = options.dropProbs ? options.dropProbs(probs) : probs; // [..., Tq, Tk]
    const output = tf.matMul(weights, v); // [..., Tq, hv]
    return { output, probs };
  });
}

/** [Tq, Tk]: 0 where query i (at position Tk − Tq + i) may see key j, {@link MASKED} where j is later. */
function causalMask(tq: number, tk: number): tf.Tensor2D {
  const queryPos = tf.reshape(tf.range(tk - tq, tk, 1, 'int32'), [tq, 1]); // [Tq, 1]
  const keyPos = tf.reshape(tf.range(0, tk, 1, 'int32'), [1, tk]); // [1, Tk]
  const future = tf.cast(tf.greater(keyPos, queryPos), 'float32'); // [Tq, Tk] 1 = future key
  return tf.mul(future, MASKED) as tf.Tensor2D; // [Tq, Tk]
}

function checkShapes(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): void {
  const seen = `q [${q.shape.join(', ')}], k [${k.shape.join(', ')}], v [${v.shape.join(', ')}]`;
  const fail = (argument: string, expected: string): never => {
    throw new NnCoreError('SHAPE_MISMATCH', `causalAttention: got ${seen}; expected ${expected}`, {
      argument,
      value: seen,
      expected,
    });
  };
  if (q.rank < 2 || k.rank !== q.rank || v.rank !== q.rank) fail('q', 'q, k, v of one rank ≥ 2');
  const r = q.rank;
  for (let i = 0; i < r - 2; i++) {
    if (k.shape[i] !== q.shape[i] || v.shape[i] !== q.shape[i]) fail('k', 'the same leading dimensions');
  }
  if (k.shape[r - 1] !== q.shape[r - 1]) fail('k', 'k with the head size of q (q [..., Tq, hs], k [..., Tk, hs])');
  if (v.shape[r - 2] !== k.shape[r - 2]) fail('v', 'v with as many positions as k (k [..., Tk, hs], v [..., Tk, hv])');
  if (q.shape[r - 2]! > k.shape[r - 2]!) fail('q', 'no more queries than keys (Tq ≤ Tk)');
  if (q.shape[r - 2] === 0) fail('q', 'at least one query');
}
