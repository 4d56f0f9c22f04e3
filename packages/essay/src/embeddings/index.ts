export { EMBEDDING_STEPS } from './tour-steps';
export {
  WORD_LAYOUT_GROUPS,
  countWords,
  wordLayoutExperiment,
  type LaidOutWord,
  type WordLayoutOptions,
  type WordLayoutResult,
} from './word-layout';
