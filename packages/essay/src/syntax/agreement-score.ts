import { EssayError } from '../errors';
import { signTest } from './sign-test';

/** How often a model preferred the agreeing verb, with the sign test of that against a coin. */
export interface PreferenceScore {
  /** Comparisons won, a tie counting one half. */
  readonly correct: number;
  /** Comparisons where both verbs got exactly the same probability. */
  readonly ties: number;
  /** Comparisons. */
  readonly total: number;
  /** `correct / total` (NaN for none). */
  readonly accuracy: number;
  /** Two-sided exact sign test against ½ over the comparisons that were not ties (1 for none). */
  readonly p: number;
}

/**
 * Scores margins, each log P(agreeing verb) − log P(the other verb) of one comparison: won when
 * positive, a tie (half won, and left out of the sign test) when zero.
 *
 * @example
 * preferenceScore([0.3, -0.1, 0, 2]); // correct 2.5 of 4, ties 1, accuracy 0.625, p of 2 wins in 3 = 1
 */
export function preferenceScore(margins: readonly number[]): PreferenceScore {
  let wins = 0;
  let ties = 0;
  for (const m of margins) {
    if (m > 0) wins += 1;
    else if (m === 0) ties += 1;
  }
  const total = margins.length;
  return {
    correct: wins + ties / 2,
    ties,
    total,
    accuracy: (wins + ties / 2) / total,
    p: signTest(wins, total - ties).p,
  };
}

/**
 * Comparisons where two models disagree about which verb to prefer, and the exact McNemar test of
 * them (the sign test of the discordant comparisons): does one model win where the other loses
 * more often than the reverse? Ties count for neither model.
 */
export interface PairedComparison {
  /** Comparisons the first model won and the second lost. */
  readonly firstOnly: number;
  /** Comparisons the second model won and the first lost. */
  readonly secondOnly: number;
  /** Two-sided p-value. */
  readonly p: number;
}

/** {@link PairedComparison} of two models' margins on the same comparisons (equal lengths). */
export function pairedComparison(first: readonly number[], second: readonly number[]): PairedComparison {
  if (first.length !== second.length) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `pairedComparison: second must have first's ${first.length} margins, got ${second.length}`,
      { argument: 'second', value: second.length, expected: `${first.length} margins` },
    );
  }
  let firstOnly = 0;
  let secondOnly = 0;
  first.forEach((a, i) => {
    const b = second[i]!;
    if (a > 0 && b < 0) firstOnly += 1;
    else if (b > 0 && a < 0) secondOnly += 1;
  });
  return { firstOnly, secondOnly, p: signTest(firstOnly, firstOnly + secondOnly).p };
}
