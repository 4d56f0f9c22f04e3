import { checkFiniteMax, checkLogitsContainer, checkTemperature, type Logits } from './validate';

/**
 * Probabilities from logits: `p[i] = exp((x[i] − max) / T) / Σ exp((x[j] − max) / T)`, in float64
 * (the maximum is subtracted first, so no logit overflows `exp`, and at least one term is exactly 1).
 *
 * `temperature` (default 1) divides the logits: below 1 it sharpens the distribution, above 1 it
 * flattens it. `0` gives the limit as T → 0: the probability split equally between the largest
 * logits (one-hot when the largest is unique). Tiny temperatures never give NaN.
 *
 * @example
 * softmax([1, 2, 3]); // Float64Array [0.0900…, 0.2447…, 0.6652…]
 * softmax([1, 2, 3], 0); // Float64Array [0, 0, 1]
 * @throws SamplerError `INVALID_LOGITS` for empty logits or NaN/±Infinity in them,
 *   `INVALID_ARGUMENT` for a negative or non-finite temperature.
 */
export function softmax(logits: Logits, temperature?: number): Float64Array {
  checkLogitsContainer('softmax', logits);
  const t = checkTemperature('softmax', temperature);
  const max = checkFiniteMax('softmax', logits);
  const n = logits.length;
  const out = new Float64Array(n);
  if (t === 0) {
    let ties = 0;
    for (let i = 0; i < n; i++) if (logits[i] === max) ties++;
    for (let i = 0; i < n; i++) if (logits[i] === max) out[i] = 1 / ties;
    return out;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.exp((logits[i]! - max) / t);
    out[i] = w;
    sum += w;
  }
  for (let i = 0; i < n; i++) out[i]! /= sum;
  return out;
}

/**
 * Log-probabilities from logits by log-sum-exp: `log p[i] = (x[i] − max) / T − log Σ exp((x[j] − max) / T)`,
 * in float64. Accurate where `Math.log(softmax(x)[i])` is not: a token whose probability underflows
 * to 0 still gets its finite log-probability (−1000 rather than −Infinity).
 *
 * `temperature` as in {@link softmax}; at `0` the result is the log of softmax's limit
 * (`−log(number of maxima)` at the maxima, −Infinity elsewhere).
 *
 * @example
 * logSoftmax([0, 0]); // Float64Array [-0.6931…, -0.6931…]  (log ½)
 * logSoftmax([0, -1000]); // Float64Array [0, -1000]
 * @throws SamplerError as {@link softmax}.
 */
export function logSoftmax(logits: Logits, temperature?: number): Float64Array {
  checkLogitsContainer('logSoftmax', logits);
  const t = checkTemperature('logSoftmax', temperature);
  const max = checkFiniteMax('logSoftmax', logits);
  const n = logits.length;
  const out = new Float64Array(n);
  if (t === 0) {
    let ties = 0;
    for (let i = 0; i < n; i++) if (logits[i] === max) ties++;
    const logP = -Math.log(ties);
    for (let i = 0; i < n; i++) out[i] = logits[i] === max ? logP : -Infinity;
    return out;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const z = (logits[i]! - max) / t;
    out[i] = z;
    sum += Math.exp(z);
  }
  // sum ≥ 1 (the maximum contributes exp(0) = 1), so its log is finite and ≥ 0.
  const logSum = Math.log(sum);
  for (let i = 0; i < n; i++) out[i]! -= logSum;
  return out;
}
