import { encodeText } from '../inference/logits';
import * as tf from '@tensorflow/tfjs-core';
import { show } from '../show';
import { Gpt2Error } from '../errors';
import type { Gpt2 } from '../gpt2';
import { tokensOf, type InspectedToken } from './checks';

/** One word of {@link tokenEmbeddings}. */
export interface WordEmbedding {
  /** The word as given. */
  readonly word: string;
  /** Its tokens (a word may be cut into several). */
  readonly tokens: InspectedToken[];
  /** Each token's row of the token embedding matrix `wte`, in token order (length C each). */
  readonly tokenVectors: number[][];
  /** The word's vector: the mean of its tokens' rows (the row itself for a one-token word). */
  readonly vector: number[];
}

/** What {@link tokenEmbeddings} returns. */
export interface TokenEmbeddingsResult {
  /** The words in the order given. */
  readonly words: WordEmbedding[];
  /** Length of each vector: the model's embedding width C. */
  readonly dim: number;
  /** `distances[i][j]`: the Euclidean distance between the vectors of words i and j (0 on the diagonal). */
  readonly distances: number[][];
}

/**
 * The raw token embeddings of a few words (essay 8.3): for each word its tokens, each token's row of
 * the token embedding matrix `wte.weight`, and the word's vector, the mean of those rows; then the
 * pairwise Euclidean distances between the word vectors, computed in float64.
 *
 * Words are encoded exactly as given: GPT-2's vocabulary holds most words with their leading space
 * (`" cat"` is one token, `"cat"` another), so pass `" cat"` for the word as it appears in running
 * text. Throws `Gpt2Error` (INVALID_ARGUMENT) for an empty list or an empty or non-string word.
 */
export function tokenEmbeddings(gpt: Gpt2, words: readonly string[]): TokenEmbeddingsResult {
  const fn = 'tokenEmbeddings';
  if (!Array.isArray(words) || words.length === 0) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${fn}: words must be a non-empty array of strings; got ${show(words)}`, {
      argument: 'words',
      value: words,
      expected: 'a non-empty array of strings',
    });
  }
  const ids = words.map((word, i) => {
    if (typeof word !== 'string' || word.length === 0) {
      throw new Gpt2Error('INVALID_ARGUMENT', `${fn}: words[${i}] must be a non-empty string; got ${show(word)}`, {
        argument: `words[${i}]`,
        value: word,
        expected: 'a non-empty string',
      });
    }
    return encodeText(gpt, fn, `words[${i}]`, word);
  });
  const c = gpt.config.embedDim;
  const flat = ids.flat();
  const rows = tf.tidy(() =>
    tf.gather(gpt.model.weight('wte.weight'), tf.tensor1d(flat, 'int32')).dataSync(),
  ) as Float32Array; // [Σ tokens · C]
  let offset = 0;
  const result = words.map((word, w) => {
    const wordIds = ids[w]!;
    const tokenVectors = wordIds.map((_, k) => Array.from(rows.subarray((offset + k) * c, (offset + k + 1) * c)));
    offset += wordIds.length;
    const vector = new Array<number>(c).fill(0);
    for (const row of tokenVectors) for (let j = 0; j < c; j++) vector[j]! += row[j]! / tokenVectors.length;
    return { word, tokens: tokensOf(gpt, wordIds), tokenVectors, vector };
  });
  const distances = result.map((a) =>
    result.map((b) => {
      let sum = 0;
      for (let j = 0; j < c; j++) sum += (a.vector[j]! - b.vector[j]!) ** 2;
      return Math.sqrt(sum);
    }),
  );
  return { words: result, dim: c, distances };
}
