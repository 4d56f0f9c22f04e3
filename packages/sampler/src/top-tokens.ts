import { OrderedIds } from './select';
import { collectTopWithTies } from './top-k';
import { checkLogitsContainer, checkTemperature, invalid, type Logits } from './validate';
import { withWorkspace } from './workspace';

/** The most likely tokens, as returned by {@link topTokens}. */
export interface TopTokens {
  /** Token ids, most likely first; equal logits: lower id first. */
  readonly indices: number[];
  /** Their probabilities under the full softmax (not renormalised over these k): `probabilities[i]` is token `indices[i]`'s. */
  readonly probabilities: number[];
}

/**
 * The `k` most likely tokens and their probabilities, most likely first (equal logits: lower id
 * first), as two parallel arrays. Exactly `min(k, logits.length)` tokens. The probabilities are
 * those of the whole softmax at `temperature` (default 1; 0 gives softmax's T → 0 limit, see
 * {@link softmax}), so they sum to less than 1 unless k covers every likely token.
 *
 * Selects, never sorts everything: one pass over the logits (O(n)), then a sort of the k (O(k log k)),
 * and one more pass for the softmax normaliser.
 *
 * @example
 * topTokens([1, 3, 2, 3], 3);
 * // { indices: [1, 3, 2], probabilities: [0.3995…, 0.3995…, 0.1470…] }
 * @throws SamplerError `INVALID_LOGITS` for empty logits or NaN/±Infinity in them,
 *   `INVALID_ARGUMENT` for `k` not an integer ≥ 1 or a bad temperature.
 */
export function topTokens(logits: Logits, k: number, temperature?: number): TopTokens {
  checkLogitsContainer('topTokens', logits);
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) invalid('topTokens', 'k', k, 'an integer ≥ 1');
  const t = checkTemperature('topTokens', temperature);
  const n = logits.length;
  const take = Math.min(k, n);
  return withWorkspace((ws) => {
    ws.reserve(n, 0);
    const count = collectTopWithTies('topTokens', logits, take, ws);
    const values = ws.values;
    for (let i = 0; i < count; i++) values[ws.ids[i]!] = ws.vals[i]!;
    const ordered = new OrderedIds(ws.ids, count, values);
    ordered.ensure(take);
    const indices = Array.from(ws.ids.subarray(0, take));
    const max = values[indices[0]!]!;
    // The normaliser over all n (the logits are known finite now).
    let norm = 0;
    if (t === 0) for (let i = 0; i < n; i++) norm += logits[i] === max ? 1 : 0;
    else for (let i = 0; i < n; i++) norm += Math.exp((logits[i]! - max) / t);
    const probabilities = indices.map((id) => {
      if (t === 0) return values[id] === max ? 1 / norm : 0;
      return Math.exp((values[id]! - max) / t) / norm;
    });
    return { indices, probabilities };
  });
}
