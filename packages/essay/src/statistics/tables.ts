import {
  CharacterNgramCounter,
  countWordNgrams,
  distinctNgrams,
  letterPairMatrix,
  type DistinctNgrams,
} from '@chatgpt-explained/ngram';
import type { Figure } from '../figure';
import { ENGLISH_LETTERS } from './letters';

/** Result of {@link letterPairExperiment}. */
export interface LetterPairResult {
  readonly letters: readonly string[];
  /** P(second | first): rows are the first letter, columns the second. */
  readonly conditional: readonly (readonly number[])[];
  /** What follows "q", by probability (the essay: only "u"). */
  readonly afterQ: readonly { readonly letter: string; readonly probability: number }[];
  readonly figures: readonly Figure[];
}

/** Essay 2.3: the letter-pair (2-gram) probability matrix of a text, as a heatmap. */
export function letterPairExperiment(corpus: string): LetterPairResult {
  const counts = new CharacterNgramCounter(2, { words: true, ignoreCase: true }).add(corpus).end();
  const matrix = letterPairMatrix(counts, { letters: ENGLISH_LETTERS });
  const q = matrix.letters.indexOf('q');
  const afterQ = matrix.letters
    .map((letter, j) => ({ letter, probability: matrix.conditional[q]?.[j] ?? 0 }))
    .filter((e) => e.probability > 0)
    .sort((a, b) => b.probability - a.probability);
  return {
    letters: matrix.letters,
    conditional: matrix.conditional,
    afterQ,
    figures: [
      {
        name: '2.3-letter-pairs',
        spec: {
          kind: 'heatmap',
          title: 'Which letter follows which',
          subtitle: 'P(second letter | first letter), pairs inside words',
          values: matrix.conditional,
          rowLabels: matrix.letters,
          columnLabels: matrix.letters,
          yLabel: 'first letter',
          xLabel: 'second letter',
          color: { scheme: 'viridis', type: 'sqrt', label: 'probability' },
          width: 520,
          height: 520,
        },
      },
    ],
  };
}

/** Result of {@link ngramCoverageExperiment}. */
export interface NgramCoverageResult {
  /** For n = 1 … maxN: word n-grams seen in the text versus V^n possible. */
  readonly byN: readonly DistinctNgrams[];
  readonly figures: readonly Figure[];
}

/**
 * Essay 2.6: why n-grams run out: how many distinct word n-grams a real text contains for
 * n = 1 … maxN, against the V^n that could exist.
 */
export function ngramCoverageExperiment(corpus: string, options: { readonly maxN?: number } = {}): NgramCoverageResult {
  const maxN = options.maxN ?? 5;
  const byN = distinctNgrams(countWordNgrams(corpus, maxN));
  const n = byN.map((d) => d.n);
  return {
    byN,
    figures: [
      {
        name: '2.6-ngram-coverage',
        spec: {
          kind: 'line',
          title: 'Word n-grams: seen in the corpus versus possible',
          xLabel: 'n (words)',
          yLabel: 'number of distinct n-grams',
          yScale: 'log',
          legendTitle: '',
          series: [
            { name: 'possible (Vⁿ)', x: n, y: byN.map((d) => d.possible), style: 'line+points' },
            { name: 'seen', x: n, y: byN.map((d) => d.seen), style: 'line+points' },
            { name: 'occurrences', x: n, y: byN.map((d) => d.total), style: 'line+points' },
          ],
          width: 560,
          height: 340,
        },
      },
    ],
  };
}
