import { readFileSync } from 'node:fs';
import { parseWordSimilarity, type WordPair } from '@chatgpt-explained/embeddings';

/** One pair of a word-similarity set with its mean human score (words lower-cased). */
export type SimilarityPair = WordPair;

/** Reads a WordSim-353 `combined.csv` with ours' parser (lower-cases the words: "Jerusalem", "FBI"). */
export function readWordSim(path: string): SimilarityPair[] {
  return parseWordSimilarity(readFileSync(path, 'utf8'));
}
