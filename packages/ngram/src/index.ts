/**
 * @chatgpt-explained/ngram: letter and word counts, n-gram tables of any order, generation, smoothing and perplexity.
 */
export { NgramError, type NgramErrorCode, type NgramErrorDetails } from './errors';
export {
  WordNgramCounter,
  CharacterNgramCounter,
  countWordNgrams,
  countCharacterNgrams,
  countStream,
  MAX_ORDER,
  type TextChunk,
  type WordNgramOptions,
  type CharacterNgramOptions,
} from './counters';
export { NgramCounts, type NgramKind, type NgramCount, type Successor } from './ngram-counts';
export { LetterCounter, countLetters, type LetterCount, type LetterCountOptions } from './letters';
export {
  AddKModel,
  KneserNeyModel,
  UNKNOWN_TOKEN,
  type AddKOptions,
  type KneserNeyOptions,
  type LanguageModel,
  type PerplexityModel,
} from './models';
export { perplexity, utf8Length, type PerplexityResult } from './perplexity';
export { generate, randomWords, type GenerateOptions, type RandomWordsOptions } from './generate';
export { randomLetters, randomLetterWords, wordLengthCounts, type RandomLetterOptions } from './random-letters';
export { letterPairMatrix, distinctNgrams, type LetterPairMatrix, type DistinctNgrams } from './tables';
