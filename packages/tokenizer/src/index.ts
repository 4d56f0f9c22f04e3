/**
 * @chatgpt-explained/tokenizer: GPT-2 byte-level BPE with exact parity to OpenAI's gpt2 encoding
 * (and cl100k_base, o200k_base), streaming decode, inspection, BPE training, and the character and
 * word tokenizers the n-gram models use.
 */
export { TokenizerError, type TokenizerErrorCode, type TokenizerErrorDetails } from './errors';
export type { BpeDefinition, EncodeOptions, Encoding, PatternName, StreamDecoder, TokenPiece } from './types';
export { getEncoding, ENCODING_NAMES, type EncodingName } from './get-encoding';
export { createEncoding } from './create-encoding';
export { PATTERNS, splitWithPattern } from './pretokenize/patterns';
export { trainBpe, type TrainBpeOptions, type TrainBpeProgress } from './train';
export {
  parseHuggingFaceVocab,
  formatHuggingFaceVocab,
  type ParseHuggingFaceVocabOptions,
  type HuggingFaceVocabFiles,
} from './huggingface';
export { deriveMerges } from './derive-merges';
export { BYTE_TO_UNICODE, GPT2_BYTE_ORDER, bytesToVocabString, vocabStringToBytes } from './byte-unicode';
export { splitWords, iterateWords, WORD_PATTERN, type WordOptions, type WordMatch } from './words';
export {
  splitCharacters,
  iterateCharacters,
  CHARACTER_UNITS,
  type CharacterUnit,
  type CharacterOptions,
} from './characters';
export { DEFAULT_UNKNOWN_TOKEN, compareByCodePoint } from './symbol-vocabulary';
export { CharacterTokenizer, type CharacterTokenizerOptions, type CharacterTokenizerJSON } from './character-tokenizer';
export {
  WordTokenizer,
  type WordTokenizerOptions,
  type WordVocabularyOptions,
  type WordTokenizerJSON,
} from './word-tokenizer';
export {
  classifyVocabulary,
  type ClassifyVocabularyOptions,
  type VocabularyClassification,
  type VocabularyTokenClass,
  type VocabularyExample,
  type LetterTokenCount,
} from './vocabulary-words';
