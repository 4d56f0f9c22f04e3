import { EmbeddingsError } from './errors';
import { spearman } from './spearman';
import type { WordVectors } from './word-vectors';

/** One human judgement: how similar two words are (WordSim-353: 0 … 10). */
export interface WordPair {
  readonly a: string;
  readonly b: string;
  readonly score: number;
}

/**
 * Parses a word-similarity CSV in the WordSim-353 `combined.csv` layout: an optional header line
 * (`Word 1,Word 2,Human (mean)`), then `word1,word2,score` per line. Words are lower-cased; blank lines
 * are skipped; `\r\n` line ends are accepted.
 *
 * @throws {EmbeddingsError} `INVALID_SIMILARITY_FILE` naming the line that is not `word,word,number`.
 */
export function parseWordSimilarity(csv: string): WordPair[] {
  const pairs: WordPair[] = [];
  csv.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = line.split(',').map((f) => f.trim());
    const score = Number(fields[2]);
    if (i === 0 && fields.length === 3 && !Number.isFinite(score)) return; // header
    if (fields.length !== 3 || fields[0] === '' || fields[1] === '' || fields[2] === '' || !Number.isFinite(score)) {
      throw new EmbeddingsError(
        'INVALID_SIMILARITY_FILE',
        `parseWordSimilarity: line ${i + 1} is not "word,word,score": ${JSON.stringify(line)}`,
        {
          argument: 'csv',
          value: line,
          expected: 'word,word,score',
        },
      );
    }
    pairs.push({ a: fields[0]!.toLowerCase(), b: fields[1]!.toLowerCase(), score });
  });
  return pairs;
}

/** Result of {@link evaluateWordSimilarity}. */
export interface WordSimilarityResult {
  /** Spearman correlation of model cosine similarity with the human scores, over the covered pairs (NaN below 2). */
  readonly spearman: number;
  /** Pairs whose two words the model knows. */
  readonly covered: number;
  /** Pairs in the file. */
  readonly total: number;
}

/**
 * Scores `vectors` against human judgements: Spearman's ρ between cosine similarity and the human
 * score on the pairs whose words (lower-cased) are both in the vocabulary, like gensim's
 * `evaluate_word_pairs` with `dummy4unknown=False`.
 *
 * @param csv - a WordSim-353 style CSV (see {@link parseWordSimilarity}) or pairs already parsed.
 */
export function evaluateWordSimilarity(vectors: WordVectors, csv: string | readonly WordPair[]): WordSimilarityResult {
  const pairs = typeof csv === 'string' ? parseWordSimilarity(csv) : csv;
  const model: number[] = [];
  const human: number[] = [];
  for (const { a, b, score } of pairs) {
    if (!vectors.has(a) || !vectors.has(b)) continue;
    model.push(vectors.similarity(a, b));
    human.push(score);
  }
  return { spearman: model.length >= 2 ? spearman(model, human) : NaN, covered: model.length, total: pairs.length };
}
