import { countLetters, type LetterCount } from '@chatgpt-explained/ngram';
import type { LetterFrequencyTable } from '../data';
import type { Figure } from '../figure';

/** The letters a–z, in order. */
export const ENGLISH_LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];

/** Result of {@link letterCountsExperiment}. */
export interface LetterCountsResult {
  /** Per text, its letters a–z (case folded) with counts and percentages, most frequent first. */
  readonly texts: readonly { readonly name: string; readonly letters: readonly LetterCount[] }[];
  /** English letter frequencies to compare with, and their source. */
  readonly english: LetterFrequencyTable;
  readonly figures: readonly Figure[];
}

/**
 * Essay 2.1: how often each letter occurs in some texts (Wikipedia's "cats" and "dogs" in the
 * essay), case folded and restricted to a–z, beside English letter frequencies.
 */
export function letterCountsExperiment(
  texts: readonly { readonly name: string; readonly text: string }[],
  english: LetterFrequencyTable,
): LetterCountsResult {
  const counted = texts.map(({ name, text }) => {
    const letters = countLetters(text, { ignoreCase: true }).filter((l) => ENGLISH_LETTERS.includes(l.letter));
    const total = letters.reduce((sum, l) => sum + l.count, 0);
    return { name, letters: letters.map((l) => ({ ...l, frequency: l.count / total })) };
  });
  const order = english.letters.map((l) => l.letter);
  const percentOf = (letters: readonly LetterCount[], letter: string): number =>
    100 * (letters.find((l) => l.letter === letter)?.frequency ?? 0);
  const figure: Figure = {
    name: '2.1-letter-frequencies',
    spec: {
      kind: 'bar',
      title: 'Letter frequencies',
      subtitle: `Case folded, a–z. English: ${english.source.split(' (')[0]}`,
      categories: order,
      categoryLabel: 'letter',
      valueLabel: 'share of letters (%)',
      legendTitle: 'text',
      series: [
        ...counted.map(({ name, letters }) => ({ name, values: order.map((c) => percentOf(letters, c)) })),
        { name: 'English', values: order.map((c) => english.letters.find((l) => l.letter === c)!.percent) },
      ],
      width: 720,
      height: 320,
    },
  };
  return { texts: counted, english, figures: [figure] };
}
