import { EssayError } from '../errors';
import { integerIn } from '../models/checks';

/** Which deviations from one half a {@link signTest} counts as evidence. */
export type SignTestAlternative = 'two-sided' | 'greater';

/** Result of {@link signTest}. */
export interface SignTestResult {
  /** Trials that came out one way (e.g. the agreeing verb preferred). */
  readonly successes: number;
  /** All trials (ties already left out by the caller). */
  readonly trials: number;
  /** `successes / trials` (NaN for no trials). */
  readonly fraction: number;
  /**
   * Exact binomial p-value under "each trial is a coin flip" (probability ½): `'greater'` is
   * P(X ≥ successes); `'two-sided'` sums every outcome no more likely than the one seen (R's
   * `binom.test`), which for p = ½ is twice the smaller tail, at most 1. 1 for no trials.
   */
  readonly p: number;
  readonly alternative: SignTestAlternative;
}

/** log(n choose k) · 2^−n, the log-probability of k heads in n fair coin flips. */
function logFairBinomial(n: number, k: number): number {
  let log = -n * Math.LN2;
  // log C(n, k) as a sum, exact enough in float64 for the n of a few thousand used here.
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++) log += Math.log(n - m + i) - Math.log(i);
  return log;
}

/**
 * The exact sign test: the binomial test of `successes` out of `trials` against probability ½.
 * `alternative` defaults to `'two-sided'`. Throws `INVALID_ARGUMENT` unless
 * 0 ≤ successes ≤ trials ≤ 10⁶ are integers.
 *
 * @example
 * signTest(9, 10).p; // 2 · 11/1024 = 0.0215
 * signTest(9, 10, 'greater').p; // (C(10,9) + C(10,10)) / 2^10 = 11/1024 = 0.0107
 */
export function signTest(
  successes: number,
  trials: number,
  alternative: SignTestAlternative = 'two-sided',
): SignTestResult {
  integerIn('signTest', 'trials', trials, 0, 1_000_000);
  integerIn('signTest', 'successes', successes, 0, trials);
  if (alternative !== 'two-sided' && alternative !== 'greater') {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `signTest: alternative must be 'two-sided' or 'greater', got ${JSON.stringify(alternative)}`,
      {
        argument: 'alternative',
        value: alternative,
        expected: "'two-sided' or 'greater'",
      },
    );
  }
  if (trials === 0) return { successes, trials, fraction: Number.NaN, p: 1, alternative };
  const tail = (from: number, to: number): number => {
    let sum = 0;
    for (let k = from; k <= to; k++) sum += Math.exp(logFairBinomial(trials, k));
    return sum;
  };
  let p: number;
  if (alternative === 'greater') {
    p = tail(successes, trials);
  } else {
    // For p = ½ the distribution is symmetric: outcomes at least as far from n/2 as the one seen.
    const low = Math.min(successes, trials - successes);
    p = low * 2 === trials ? 1 : 2 * tail(0, low);
  }
  return { successes, trials, fraction: successes / trials, p: Math.min(1, p), alternative };
}
