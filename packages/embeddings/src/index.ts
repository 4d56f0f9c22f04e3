/**
 * @chatgpt-explained/embeddings: word2vec-style training, similarity, analogies, and projections to 2-D and 3-D.
 */
export { EmbeddingsError, type EmbeddingsErrorCode, type EmbeddingsErrorDetails } from './errors';
