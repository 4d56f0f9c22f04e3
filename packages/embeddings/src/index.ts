/**
 * @chatgpt-explained/embeddings: word2vec-style training, similarity, analogies, and projections to 2-D and 3-D.
 */
export { EmbeddingsError, type EmbeddingsErrorCode, type EmbeddingsErrorDetails } from './errors';
export { type VectorSet } from './vector-set';
export { pca, type PcaOptions, type PcaResult } from './pca';
export { umap, type UmapOptions } from './umap';
export { seededRandom } from './random';
export { corpusWords } from './corpus-words';
export { buildVocabulary, type Vocabulary, type VocabularyOptions } from './vocabulary';
export { keepProbabilities } from './subsampling';
export { unigramTable } from './unigram-table';
export {
  WORD2VEC_DEFAULTS,
  type Word2VecOptions,
  type Word2VecProgress,
  type ResolvedWord2VecOptions,
} from './word2vec-options';
export { trainWord2Vec } from './train-word2vec';
export { WordVectors, type ScoredWord } from './word-vectors';
export { toWord2VecBinary, fromWord2VecBinary } from './word2vec-format';
export { spearman, averageRanks } from './spearman';
export {
  parseWordSimilarity,
  evaluateWordSimilarity,
  type WordPair,
  type WordSimilarityResult,
} from './word-similarity';
