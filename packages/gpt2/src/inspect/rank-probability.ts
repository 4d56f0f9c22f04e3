import * as tf from '@tensorflow/tfjs-core';
import { show } from '../show';
import { Gpt2Error } from '../errors';
import type { Gpt2 } from '../gpt2';
import { promptIds } from '../inference/logits';
import { integerIn } from './checks';

/** Options of {@link rankProbabilityFit}. */
export interface RankProbabilityFitOptions {
  /** Fit only ranks 1 … `top` (default: every rank with a positive probability). */
  readonly top?: number;
}

/** What {@link rankProbabilityFit} returns. */
export interface RankProbabilityFit {
  /** The probabilities sorted in descending order: `sorted[r − 1]` has rank r. */
  readonly sorted: Float64Array;
  /** How many ranks the fit used (ranks 1 … `fitted`, zero probabilities left out). */
  readonly fitted: number;
  /** `a` of `ln p = a + b · ln rank`, least squares over the fitted ranks (natural logarithms). */
  readonly intercept: number;
  /** `b` of `ln p = a + b · ln rank`: the power law's exponent, p ∝ rank^b (same in any log base). */
  readonly exponent: number;
  /** Coefficient of determination R² of the fit in log-log space (1: a straight line). */
  readonly r2: number;
}

/**
 * Sorts probabilities by rank and fits a power law `p ≈ e^a · rank^b` by least squares on
 * `ln p = a + b · ln rank` (essay 1.4: on log-log axes, rank against probability is close to a
 * straight line). Zero probabilities end the fitted ranks (their log is −∞). Throws `Gpt2Error`
 * (INVALID_ARGUMENT) for values that are not finite and ≥ 0, or fewer than two positive ones.
 */
export function rankProbabilityFit(
  probabilities: ArrayLike<number>,
  options: RankProbabilityFitOptions = {},
): RankProbabilityFit {
  const fn = 'rankProbabilityFit';
  if (probabilities === null || typeof probabilities !== 'object' || typeof probabilities.length !== 'number') {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `${fn}: probabilities must be an array of numbers; got ${show(probabilities)}`,
      {
        argument: 'probabilities',
        value: probabilities,
        expected: 'an array of numbers ≥ 0',
      },
    );
  }
  const sorted = Float64Array.from(probabilities);
  for (let i = 0; i < sorted.length; i++) {
    if (!(sorted[i]! >= 0) || !Number.isFinite(sorted[i]!)) {
      throw new Gpt2Error(
        'INVALID_ARGUMENT',
        `${fn}: probabilities must be finite and ≥ 0; found ${sorted[i]} at index ${i}`,
        {
          argument: 'probabilities',
          value: sorted[i],
          expected: 'finite numbers ≥ 0',
        },
      );
    }
  }
  sorted.sort().reverse();
  let positive = 0;
  while (positive < sorted.length && sorted[positive]! > 0) positive++;
  const top = options.top === undefined ? positive : integerIn(fn, 'top', options.top, 2, sorted.length);
  const n = Math.min(top, positive);
  if (n < 2) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${fn}: needs at least two positive probabilities to fit; got ${n}`, {
      argument: 'probabilities',
      value: n,
      expected: 'at least two positive values',
    });
  }
  let mx = 0;
  let my = 0;
  for (let r = 1; r <= n; r++) {
    mx += Math.log(r) / n;
    my += Math.log(sorted[r - 1]!) / n;
  }
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let r = 1; r <= n; r++) {
    const dx = Math.log(r) - mx;
    const dy = Math.log(sorted[r - 1]!) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const exponent = sxy / sxx;
  const intercept = my - exponent * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { sorted, fitted: n, intercept, exponent, r2 };
}

/**
 * The probability of every token of the vocabulary coming next after `prompt` (softmax of the last
 * position's logits, in float64; the prompt keeps its last `contextLength` tokens; '' starts from
 * `<|endoftext|>`): the input of {@link rankProbabilityFit}. Index = token id.
 */
export function nextTokenDistribution(
  gpt: Gpt2,
  prompt: string,
  options: { allowSpecial?: boolean } = {},
): Float64Array {
  const ids = promptIds(gpt, prompt, 'nextTokenDistribution', options.allowSpecial).slice(-gpt.config.contextLength);
  const logits = tf.tidy(
    () => gpt.model.forward(tf.tensor2d([ids], [1, ids.length], 'int32'), { lastOnly: true }).logits.dataSync(), // [1, 1, V]
  );
  let max = -Infinity;
  for (const x of logits) if (x > max) max = x;
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp(logits[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}
