import {
  CharacterNgramCounter,
  countWordNgrams,
  generate,
  randomLetterWords,
  randomLetters,
  randomWords,
  wordLengthCounts,
} from '@chatgpt-explained/ngram';

/**
 * The text as the essay's letter experiments see it: a–z and spaces only (accents removed, other
 * characters turned into spaces), lower case.
 */
export function plainLetters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ');
}

/** Options shared by the random-text experiments. */
export interface RandomTextOptions {
  /** Seed of every draw (default 1): the same seed gives the same text. */
  readonly seed?: number;
}

/** Result of {@link randomLettersExperiment}. */
export interface RandomLettersResult {
  /** Letters drawn by their frequency. */
  readonly letters: string;
  /** Letters and the space drawn by their frequency. */
  readonly withSpaces: string;
  /** Words whose lengths follow the corpus's word lengths, letters drawn by frequency. */
  readonly withWordLengths: string;
}

/**
 * Essay 2.2: random letters (a–z) by frequency; with the space as a letter; with real word lengths.
 */
export function randomLettersExperiment(
  corpus: string,
  options: RandomTextOptions & { readonly length?: number } = {},
): RandomLettersResult {
  const seed = options.seed ?? 1;
  const length = options.length ?? 80;
  const text = plainLetters(corpus);
  const letters = new CharacterNgramCounter(1, { words: true }).add(text).end();
  const wordLengths = wordLengthCounts(countWordNgrams(text, 1));
  return {
    letters: randomLetters(letters, { length, seed }),
    withSpaces: randomLetters(letters, { length, spaces: true, seed }),
    withWordLengths: randomLetterWords(letters, { words: Math.round(length / 5), wordLengths, seed }).join(' '),
  };
}

/** Result of {@link randomWordsExperiment}. */
export interface RandomWordsResult {
  /** For n = 0 … maxOrder, words drawn from letter n-grams. */
  readonly byOrder: readonly { readonly n: number; readonly words: readonly string[] }[];
}

/**
 * Essay 2.4: random "words" from letter n-grams over a–z (see {@link plainLetters}), n = 0 (every
 * letter and the space equally likely),
 * 1 (by frequency), and 2 … maxOrder (each letter given the n − 1 before it).
 */
export function randomWordsExperiment(
  corpus: string,
  options: RandomTextOptions & { readonly maxOrder?: number; readonly words?: number } = {},
): RandomWordsResult {
  const maxOrder = options.maxOrder ?? 5;
  const counts = new CharacterNgramCounter(Math.max(maxOrder, 1), { words: true }).add(plainLetters(corpus)).end();
  const byOrder = [];
  for (let n = 0; n <= maxOrder; n++) {
    byOrder.push({ n, words: randomWords(counts, { words: options.words ?? 10, order: n, seed: options.seed ?? 1 }) });
  }
  return { byOrder };
}

/** Result of {@link sentencesExperiment}. */
export interface SentencesResult {
  /** Words drawn by their frequency alone. */
  readonly byFrequency: string;
  /** Words from word 2-grams, each given the one before, starting after `start`. */
  readonly fromBigrams: string;
  readonly start: string;
}

/** Essay 2.5: sentences of words drawn by frequency, then from word 2-grams starting at "cat". */
export function sentencesExperiment(
  corpus: string,
  options: RandomTextOptions & { readonly length?: number; readonly start?: string } = {},
): SentencesResult {
  const start = options.start ?? 'cat';
  const length = options.length ?? 12;
  const seed = options.seed ?? 1;
  const bigrams = countWordNgrams(corpus, 2);
  return {
    start,
    byFrequency: generate(bigrams, { length, order: 1, seed }).join(' '),
    fromBigrams: [start, ...generate(bigrams, { length, start: [start], seed })].join(' '),
  };
}
