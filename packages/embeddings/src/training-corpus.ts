import { corpusWords } from './corpus-words';
import { EmbeddingsError } from './errors';
import { keepProbabilities } from './subsampling';
import { sigmoidTables } from './sgns-kernel';
import { unigramTable, unigramTableSize } from './unigram-table';
import { buildVocabulary, type Vocabulary } from './vocabulary';
import type { ResolvedWord2VecOptions } from './word2vec-options';

/** At most this many vocabulary words per sentence (the reference word2vec's MAX_SENTENCE_LENGTH). */
export const MAX_SENTENCE_WORDS = 1000;

/** The corpus as word ids, cut into sentences, with the tables training needs. */
export interface TrainingCorpus {
  readonly vocabulary: Vocabulary;
  /** Vocabulary ids of the corpus words that are in the vocabulary, in order. */
  readonly ids: Int32Array;
  /** Sentence s is `ids[sentenceStarts[s] … sentenceStarts[s + 1])`. */
  readonly sentenceStarts: Int32Array;
  /** Corpus words (in the vocabulary or not) that sentence s covers, for progress and learning rate. */
  readonly sentenceWords: Int32Array;
  /** Keep probability × 2³² of each word under subsampling. */
  readonly keep: Float64Array;
  /** Negative-sampling table (unigram^0.75). */
  readonly table: Int32Array;
  readonly sigmoid: Float64Array;
  readonly logSigmoid: Float64Array;
}

/**
 * Splits the documents into words ({@link corpusWords}), builds the vocabulary, and cuts each document
 * into sentences of at most {@link MAX_SENTENCE_WORDS} vocabulary words; windows never cross documents.
 */
export function prepareTrainingCorpus(
  operation: string,
  corpus: string | readonly string[],
  options: ResolvedWord2VecOptions,
): TrainingCorpus {
  const texts = typeof corpus === 'string' ? [corpus] : corpus;
  if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) {
    throw new EmbeddingsError('INVALID_ARGUMENT', `${operation}: corpus must be a string or an array of strings`, {
      argument: 'corpus',
      value: corpus,
      expected: 'string | string[]',
    });
  }
  const documents = texts.map(corpusWords);
  const vocabulary = buildVocabulary(documents, {
    minCount: options.minCount,
    ...(options.maxVocab === undefined ? {} : { maxVocab: options.maxVocab }),
  });
  if (vocabulary.words.length < 2) {
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      `${operation}: corpus has ${vocabulary.words.length} word(s) seen at least minCount = ${options.minCount} times; need at least 2`,
      { argument: 'corpus', value: vocabulary.words.length, expected: 'at least 2 vocabulary words' },
    );
  }
  const ids: number[] = [];
  const starts: number[] = [0];
  const words: number[] = [];
  for (const document of documents) {
    let raw = 0;
    let inSentence = 0;
    for (const word of document) {
      raw++;
      const id = vocabulary.index.get(word);
      if (id === undefined) continue;
      ids.push(id);
      if (++inSentence === MAX_SENTENCE_WORDS) {
        starts.push(ids.length);
        words.push(raw);
        raw = 0;
        inSentence = 0;
      }
    }
    if (inSentence > 0 || raw > 0) {
      starts.push(ids.length);
      words.push(raw);
    }
  }
  const keep = keepProbabilities(vocabulary.counts, options.sample).map((p) => p * 2 ** 32);
  const table = unigramTable(vocabulary.counts, 0.75, unigramTableSize(vocabulary.words.length));
  const { sigmoid, logSigmoid } = sigmoidTables();
  return {
    vocabulary,
    ids: Int32Array.from(ids),
    sentenceStarts: Int32Array.from(starts),
    sentenceWords: Int32Array.from(words),
    keep,
    table,
    sigmoid,
    logSigmoid,
  };
}

/** Learning rate after `done` of `total` corpus words: linear from alpha to minAlpha (gensim). */
export function learningRate(options: ResolvedWord2VecOptions, done: number, total: number): number {
  return options.alpha - (options.alpha - options.minAlpha) * Math.min(1, done / total);
}

/**
 * Initial input vectors, uniform in (−0.5, 0.5) / dimensions like word2vec and gensim, from a
 * mulberry32 stream seeded with `seed`; output vectors start at zero.
 */
export function initialVectors(random: () => number, words: number, dimensions: number): Float32Array {
  const syn0 = new Float32Array(words * dimensions);
  for (let i = 0; i < syn0.length; i++) syn0[i] = (random() - 0.5) / dimensions;
  return syn0;
}
