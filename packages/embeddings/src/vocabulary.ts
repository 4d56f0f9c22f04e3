import { checkInteger } from './check-options';

/** Options of {@link buildVocabulary}. */
export interface VocabularyOptions {
  /** Words seen fewer times are left out (word2vec's `min_count`). Default 5. */
  readonly minCount?: number;
  /**
   * Keep at most this many words, the most frequent (gensim's `max_final_vocab`); ties at the cut are
   * broken by first appearance. Default: no limit.
   */
  readonly maxVocab?: number;
}

/** The words a model knows, most frequent first. */
export interface Vocabulary {
  /** The words, by descending count; ties in order of first appearance. */
  readonly words: readonly string[];
  /** `counts[i]` is how often `words[i]` occurs in the corpus. */
  readonly counts: Int32Array;
  /** Index of each word in `words`. */
  readonly index: ReadonlyMap<string, number>;
  /** Number of words in the corpus, including those left out of the vocabulary. */
  readonly corpusWords: number;
}

/**
 * Counts the words of the documents (already split, see {@link corpusWords}) and keeps those seen at
 * least `minCount` times, most frequent first.
 *
 * @throws {EmbeddingsError} `INVALID_ARGUMENT` naming `minCount` or `maxVocab` when not a positive integer.
 */
export function buildVocabulary(
  documents: readonly (readonly string[])[],
  options: VocabularyOptions = {},
): Vocabulary {
  const minCount = checkInteger('buildVocabulary', 'minCount', options.minCount ?? 5, 1);
  const maxVocab =
    options.maxVocab === undefined ? Infinity : checkInteger('buildVocabulary', 'maxVocab', options.maxVocab, 1);
  const counts = new Map<string, number>(); // insertion order = first appearance
  let corpusWords = 0;
  for (const words of documents) {
    corpusWords += words.length;
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const kept = [...counts].filter(([, count]) => count >= minCount);
  // Array.prototype.sort is stable: equal counts stay in order of first appearance.
  kept.sort((a, b) => b[1] - a[1]);
  if (kept.length > maxVocab) kept.length = maxVocab;
  return {
    words: kept.map(([word]) => word),
    counts: Int32Array.from(kept, ([, count]) => count),
    index: new Map(kept.map(([word], i) => [word, i])),
    corpusWords,
  };
}
