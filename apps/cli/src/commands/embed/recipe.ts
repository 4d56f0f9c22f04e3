import type { Word2VecOptions } from '@chatgpt-explained/embeddings';
import { CORPUS_FILES, WORD_VECTORS_DIR, WORD_VECTORS_FILE } from '../../essay-data';

/**
 * The pinned recipe of the shipped embedding (`data/models/corpus-word2vec/`, trained by
 * `apps/cli/scripts/train-default-word2vec.ts`) and the defaults of `embed train`. Small corpora need
 * many epochs: the issue reports gensim at 0.07 Spearman on WordSim-353 after 5 epochs here, 0.355 after 20.
 */
export const DEFAULT_EMBEDDING_RECIPE = {
  dimensions: 100,
  window: 10,
  negative: 5,
  minCount: 3,
  sample: 1e-3,
  epochs: 20,
  alpha: 0.025,
  minAlpha: 1e-4,
  seed: 1,
  progressInterval: 10_000,
  kernel: 'wasm',
} as const satisfies Word2VecOptions;

/** The training files, relative to the data folder, in document order: the six books, then Wikipedia's Cat and Dog. */
export const EMBEDDING_TRAINING_FILES: readonly string[] = [
  ...CORPUS_FILES.map((name) => `corpus/${name}.txt`),
  'wikipedia/cat.txt',
  'wikipedia/dog.txt',
];

/** The shipped embedding's files, relative to the data folder. */
export const DEFAULT_VECTORS_PATH = `models/${WORD_VECTORS_DIR}/${WORD_VECTORS_FILE}`;
/** Its vocabulary counts (`word count` lines) beside it. */
export const DEFAULT_VOCAB_PATH = `models/${WORD_VECTORS_DIR}/vocab.txt`;
/** Its loss log. */
export const DEFAULT_LOSSES_PATH = `models/${WORD_VECTORS_DIR}/losses.jsonl`;
