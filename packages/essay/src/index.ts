/**
 * @chatgpt-explained/essay: each experiment of Wolfram's essay as a function composing the other
 * packages and returning data (plus figure specs), so the CLI and the web app only present it.
 */
export { EssayError, type EssayErrorCode, type EssayErrorDetails } from './errors';
export { ESSAY_SECTIONS, type EssayItem, type EssaySection } from './sections';
export {
  TOUR_STEPS,
  tourPlan,
  type TourContext,
  type TourPlanEntry,
  type TourProgress,
  type TourStep,
  type TourStepResult,
} from './tour';
export type { CorpusText, EssayData, LetterFrequencyTable } from './data';
export type { Figure } from './figure';
export { letterCountsExperiment, ENGLISH_LETTERS, type LetterCountsResult } from './statistics/letters';
export {
  randomLettersExperiment,
  randomWordsExperiment,
  sentencesExperiment,
  type RandomLettersResult,
  type RandomTextOptions,
  type RandomWordsResult,
  type SentencesResult,
} from './statistics/random-text';
export {
  letterPairExperiment,
  ngramCoverageExperiment,
  type LetterPairResult,
  type NgramCoverageResult,
} from './statistics/tables';
export {
  rankProbabilityExperiment,
  temperatureExperiment,
  type RankProbabilityResult,
  type TemperatureResult,
} from './statistics/temperature';
