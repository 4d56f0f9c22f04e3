/** Essay section 12, meaning space: word senses from GPT-2's hidden states, analogies, a prompt's trajectory. */
export {
  ANALOGY_PAIRS,
  analogiesExperiment,
  type AnalogiesOptions,
  type AnalogiesResult,
  type AnalogyAnswer,
  type WordVectorTable,
} from './analogies';
export { leaveOneOutNearestCentroid, separationWithPermutations, type SeparationScore } from './nearest-centroid';
export { findWordOccurrences, labelledOccurrences, type LabelledOccurrence, type WordOccurrence } from './occurrences';
export { BALL_SENSES, SENSE_LABELS, SPRING_SENSES, type SenseLabel, type SenseLabelSet } from './sense-labels';
export { MEANING_STEPS, QUICK_TRAJECTORY_STEPS, meaningSteps } from './tour-steps';
export {
  trajectoryExperiment,
  type FanToken,
  type TrajectoryOptions,
  type TrajectoryPoint,
  type TrajectoryResult,
} from './trajectory';
export {
  wordSensesExperiment,
  type LayerSeparation,
  type WordSensesOptions,
  type WordSensesResult,
} from './word-senses';
