/**
 * @chatgpt-explained/ngram: letter and word counts, n-gram tables of any order, generation, smoothing and perplexity.
 */
export { NgramError, type NgramErrorCode, type NgramErrorDetails } from './errors';
