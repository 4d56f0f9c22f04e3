/**
 * The letter 2-gram probability matrix (essay 2.3) and distinct n-grams seen versus possible
 * (essay 2.6).
 */
import { compareByCodePoint } from '@chatgpt-explained/tokenizer';
import { checkOptions } from './check';
import { NgramError } from './errors';
import { requireCounts, type NgramCounts } from './ngram-counts';

/** The letter-pair matrix: rows are the first letter, columns the next. */
export interface LetterPairMatrix {
  /** The letters of rows and columns, in code-point order. */
  readonly letters: readonly string[];
  /** counts[i][j]: how many times letters[i] is directly followed by letters[j]. */
  readonly counts: readonly (readonly number[])[];
  /** joint[i][j] = counts[i][j] ÷ the number of letter pairs: sums to 1 over the matrix. */
  readonly joint: readonly (readonly number[])[];
  /**
   * conditional[i][j] = P(next letter = letters[j] | letter = letters[i]) = counts[i][j] ÷ the sum of
   * row i: each row sums to 1, or is all 0 for a letter never followed by a letter.
   */
  readonly conditional: readonly (readonly number[])[];
}

/**
 * The letter 2-gram matrix of character counts of order ≥ 2: pairs of two letters (`\p{L}`) next to
 * each other; pairs with a space, punctuation or any other non-letter are left out, so with `{
 * words: true }` counts these are the pairs inside words. In English the "q" row is 0 but for "u".
 *
 * @example
 * const chars = new CharacterNgramCounter(2, { words: true, ignoreCase: true }).add(corpus).end();
 * const m = letterPairMatrix(chars);
 * m.conditional[m.letters.indexOf('q')][m.letters.indexOf('u')]; // ≈ 1
 */
export function letterPairMatrix(
  counts: NgramCounts,
  options?: { readonly letters?: readonly string[] },
): LetterPairMatrix {
  const c = requireCounts('letterPairMatrix', counts);
  const o = checkOptions('letterPairMatrix', options, ['letters']);
  if (c.kind !== 'character' || c.order < 2) {
    throw new NgramError(
      'INVALID_ARGUMENT',
      `letterPairMatrix: counts must be character counts of order ≥ 2, got ${String(c)}`,
      {
        argument: 'counts',
        value: String(c),
        expected: 'CharacterNgramCounter counts with n ≥ 2',
      },
    );
  }
  const isLetter = (s: string): boolean => /^\p{L}$/u.test(s);
  let letters: string[];
  if (o['letters'] !== undefined) {
    const given = o['letters'];
    if (
      !Array.isArray(given) ||
      !given.every((l) => typeof l === 'string' && isLetter(l)) ||
      new Set(given).size !== given.length
    ) {
      throw new NgramError('INVALID_ARGUMENT', 'letterPairMatrix: letters must be distinct single letters', {
        argument: 'letters',
        value: given,
        expected: 'an array of distinct one-letter strings',
      });
    }
    letters = [...(given as string[])];
  } else {
    letters = c.vocabulary.filter(isLetter).sort(compareByCodePoint);
  }
  const index = new Map(letters.map((l, i) => [l, i]));
  const matrix = letters.map(() => new Array<number>(letters.length).fill(0));
  let total = 0;
  for (const { gram, count } of c.entries(2)) {
    const i = index.get(gram[0]!);
    const j = index.get(gram[1]!);
    if (i === undefined || j === undefined) continue;
    matrix[i]![j]! += count;
    total += count;
  }
  const joint = matrix.map((row) => row.map((x) => (total === 0 ? 0 : x / total)));
  const conditional = matrix.map((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((x) => (sum === 0 ? 0 : x / sum));
  });
  return { letters, counts: matrix, joint, conditional };
}

/** Distinct n-grams of one order: seen in the text, and possible over its vocabulary. */
export interface DistinctNgrams {
  /** The n. */
  readonly n: number;
  /** How many n-grams the text has (tokens − n + 1). */
  readonly total: number;
  /** How many distinct ones. */
  readonly seen: number;
  /** V^n for the V distinct tokens of the text (a float: rounded above 2^53). */
  readonly possible: number;
  /** seen ÷ possible. */
  readonly fraction: number;
}

/**
 * For n = 1 … counts.order: how many distinct n-grams the text has versus the V^n possible (essay
 * 2.6: why n-grams run out). One pass of a counter of order 5 gives n = 1 … 5.
 *
 * @example
 * distinctNgrams(countWordNgrams(corpus, 5)); // [{ n: 1, seen: 22859, possible: 22859, … }, { n: 2, … }, …]
 */
export function distinctNgrams(counts: NgramCounts): DistinctNgrams[] {
  const c = requireCounts('distinctNgrams', counts);
  const V = c.vocabulary.length;
  const out: DistinctNgrams[] = [];
  for (let n = 1; n <= c.order; n++) {
    const seen = c.distinct(n);
    const possible = V ** n;
    out.push({ n, total: c.total(n), seen, possible, fraction: possible === 0 ? 0 : seen / possible });
  }
  return out;
}
