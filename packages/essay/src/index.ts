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
export type { CorpusText, DigitFiles, DigitSplit, EssayData, LetterFrequencyTable, ShippedParensModel } from './data';
export type { Figure } from './figure';
export { letterCountsExperiment, ENGLISH_LETTERS, type LetterCountsResult } from './statistics/letters';
export {
  plainLetters,
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
export { fitBasis, solveLeastSquares, type BasisTerm, type LeastSquaresFit } from './models/least-squares';
export {
  fallTimesExperiment,
  FALL_TIME_MODELS,
  type FallTimeFit,
  type FallTimeModel,
  type FallTimesOptions,
  type FallTimesResult,
} from './models/fall-times';
export {
  neuronExperiment,
  neuronFormula,
  DEFAULT_NEURON_WEIGHTS,
  type NeuronMap,
  type NeuronOptions,
  type NeuronResult,
  type NeuronWeights,
} from './models/neuron';
export {
  netSizeExperiment,
  DEFAULT_NET_SIZES,
  LINEAR_TARGET,
  type NetSizeOptions,
  type NetSizeResult,
  type NetSizeRow,
  type PerceptronFit,
} from './practice/net-size';
export {
  WAVE_FORMULA,
  WIGGLY_FORMULA,
  wave,
  wiggly,
  type PracticeProgress,
  type PracticeRunOptions,
} from './practice/nets';
export { epochsExperiment, type EpochsOptions, type EpochsResult, type EpochsRow } from './practice/epochs';
export {
  batchSizeExperiment,
  type BatchSizeOptions,
  type BatchSizeResult,
  type BatchSizeRow,
} from './practice/batch-size';
export {
  lossChoiceExperiment,
  LOSS_CHOICE_LINE,
  type LineFit,
  type LossChoiceOptions,
  type LossChoiceResult,
} from './practice/loss-choice';
export {
  augmentationExperiment,
  mirrorInputs,
  MIRROR_FORMULA,
  type AugmentationOptions,
  type AugmentationResult,
  type AugmentationRow,
} from './practice/augmentation';
export {
  practiceExperiment,
  PRACTICE_PARTS,
  type PracticeOptions,
  type PracticePart,
  type PracticeResult,
} from './practice/practice';
export {
  quantizationExperiment,
  type QuantizationOptions,
  type QuantizationResult,
  type QuantizedRow,
} from './practice/quantization';
export { netSizeLines, practiceLines, quantizationLines } from './practice/summary';
export { QUICK_NET_SIZE, QUICK_PRACTICE, QUICK_QUANTIZATION } from './practice/tour-steps';
export {
  labelAgreement,
  nearestGrid,
  nearestBox,
  nearestIndex,
  nearestLabels,
  nearestInputs,
  MAX_NEAREST_POINTS,
  type NearestBox,
  type PlanePoint,
} from './nets/nearest-geometry';
export {
  nearestPointExperiment,
  DEFAULT_NEAREST_HIDDEN,
  SMALL_NEAREST_HIDDEN,
  type NearestPointOptions,
  type NearestPointProgress,
  type NearestPointResult,
  type NearestPointRuntime,
} from './nets/nearest-point';
export { ESSAY_NEAREST_POINTS, TOUR_NEAREST_HIDDEN } from './nets/tour-steps';
export type { TrainingProgress, TrainingRunOptions } from './training/progress';
export { wigglyTarget, WIGGLY_TARGET_FORMULA } from './training/target';
export { curveNet, CURVE_NET_HIDDEN } from './training/curve-net';
export { NetStack, StackedDense } from './training/net-stack';
export {
  learnFunctionExperiment,
  DEFAULT_LEARN_SNAPSHOTS,
  type LearnFunctionOptions,
  type LearnFunctionResult,
  type LearnSnapshot,
} from './training/learn-function';
export { TwoWeightNet, TWO_WEIGHT_NET } from './training/two-weight-net';
export {
  lossLandscapeExperiment,
  DEFAULT_LANDSCAPE_STARTS,
  type DescentPath,
  type LossLandscapeOptions,
  type LossLandscapeResult,
  type WeightPoint,
} from './training/loss-landscape';
export {
  extrapolationExperiment,
  type ExtrapolationOptions,
  type ExtrapolationResult,
  type NetSpread,
} from './training/extrapolation';
export { extrapolationLines, landscapeLines, learnFunctionLines, learningCurveLines } from './training/summary';
export { QUICK_EXTRAPOLATION, QUICK_LANDSCAPE, QUICK_LEARN } from './training/tour-steps';
export { type Gpt2SectionContext, type Gpt2SectionProgress } from './gpt2/context';
export {
  gpt2NextTokensExperiment,
  ESSAY_PROMPT,
  type Gpt2NextTokensOptions,
  type Gpt2NextTokensResult,
} from './gpt2/next-tokens';
export {
  gpt2GreedyExperiment,
  gpt2SamplesExperiment,
  type Gpt2Continuation,
  type Gpt2GreedyOptions,
  type Gpt2GreedyResult,
  type Gpt2SamplesOptions,
  type Gpt2SamplesResult,
} from './gpt2/continuation';
export {
  gpt2RankProbabilityExperiment,
  type Gpt2RankProbabilityOptions,
  type Gpt2RankProbabilityResult,
} from './gpt2/rank-probability';
export {
  gpt2TokenEmbeddingsExperiment,
  DEFAULT_EMBEDDING_WORDS,
  type Gpt2TokenEmbeddingsOptions,
  type Gpt2TokenEmbeddingsResult,
} from './gpt2/token-embeddings';
export {
  gpt2EmbeddingMatricesExperiment,
  type EmbeddingMatrixSummary,
  type Gpt2EmbeddingMatricesOptions,
  type Gpt2EmbeddingMatricesResult,
} from './gpt2/embedding-matrices';
export { gpt2AttentionExperiment, type Gpt2AttentionOptions, type Gpt2AttentionResult } from './gpt2/attention';
export { gpt2WeightsExperiment, type Gpt2WeightsOptions, type Gpt2WeightsResult } from './gpt2/weights';
export { GPT2_STEPS, QUICK_GPT2_TOKENS, withGpt2Steps } from './gpt2/tour-steps';
export * from './digits/index';
export * from './embeddings/index';
export * from './gpt-training/index';
export * from './parens/index';
export {
  ANALOGY_PAIRS,
  BALL_SENSES,
  MEANING_STEPS,
  QUICK_TRAJECTORY_STEPS,
  SENSE_LABELS,
  SPRING_SENSES,
  analogiesExperiment,
  findWordOccurrences,
  labelledOccurrences,
  leaveOneOutNearestCentroid,
  meaningSteps,
  separationWithPermutations,
  trajectoryExperiment,
  wordSensesExperiment,
  type AnalogiesOptions,
  type AnalogiesResult,
  type AnalogyAnswer,
  type FanToken,
  type LabelledOccurrence,
  type LayerSeparation,
  type SenseLabel,
  type SenseLabelSet,
  type SeparationScore,
  type TrajectoryOptions,
  type TrajectoryPoint,
  type TrajectoryResult,
  type WordOccurrence,
  type WordSensesOptions,
  type WordSensesResult,
  type WordVectorTable,
} from './meaning/index';
export * from './irreducibility/index';
export {
  AGREEMENT_ATTRACTORS,
  AGREEMENT_SUBJECTS,
  AGREEMENT_TEMPLATES,
  AGREEMENT_VERBS,
  QUICK_AGREEMENT,
  QUICK_SYLLOGISM,
  SYLLOGISM_ADJECTIVES,
  SYLLOGISM_NAMES,
  SYLLOGISM_NOUNS,
  SYNTAX_STEPS,
  agreementExperiment,
  agreementLines,
  agreementPairs,
  agreementRowLabel,
  agreementVerdict,
  countNouns,
  frequentNouns,
  gptScorer,
  kneserNeyTokenScorer,
  pairedComparison,
  preferenceScore,
  signTest,
  syllogismExperiment,
  syllogismLines,
  syllogismMargins,
  syllogismPrompts,
  trainingTexts,
  type AgreementComparison,
  type AgreementCondition,
  type AgreementOptions,
  type AgreementPair,
  type AgreementResult,
  type AgreementRow,
  type AgreementTemplate,
  type AttractorRelation,
  type ContinuationScorer,
  type GrammaticalNumber,
  type KneserNeyTokenScorerOptions,
  type NounCount,
  type NounPair,
  type PairedComparison,
  type PreferenceScore,
  type SignTestAlternative,
  type SignTestResult,
  type SyllogismItem,
  type SyllogismMeasure,
  type SyllogismOptions,
  type SyllogismPrompt,
  type SyllogismResult,
  type SyllogismRow,
  type VerbPair,
} from './syntax/index';
