/** Essay section 11.1: transformers learning the balanced-parentheses language. */
export {
  CLOSE,
  END,
  OPEN,
  PARENS_PROCESS,
  PARENS_SPLIT,
  PARENS_TOKENS,
  checkParensText,
  completionCounter,
  countBalanced,
  enumerateBalanced,
  isBalanced,
  isHeldOut,
  isParensPrefix,
  parensIds,
  parensProcess,
  parensShape,
  parensSplit,
  sampleBalanced,
  sampleParens,
  type ParensProcess,
  type ParensShape,
  type ParensSplit,
  type ParensToken,
} from './language';
export {
  PAD_TARGET,
  heldOutParensStrings,
  parensDataset,
  parensSequences,
  parensTrainingStrings,
  type HeldOutParens,
  type HeldOutParensOptions,
  type ParensSequences,
} from './dataset';
export {
  PARENS_MODEL_SHAPE,
  loadParensModel,
  parensModelConfig,
  parensModelShape,
  parensNext,
  parensProbabilities,
  saveParensModel,
  type ParensModelFiles,
  type ParensModelShape,
  type ParensNext,
} from './model';
export {
  PARENS_TRAINING,
  maskedCrossEntropy,
  trainParensModel,
  type ParensTrainingProgress,
  type TrainParensOptions,
  type TrainedParensModel,
} from './train';
export {
  END_THRESHOLDS,
  evaluateParens,
  tallyPrefixes,
  type EndThresholds,
  type EvaluateParensOptions,
  type ParensEvaluation,
  type PrefixResult,
  type PrefixTally,
} from './evaluate';
export { parensByLengthFigure, parensGridFigure, parensNextFigure, type NamedEvaluation } from './figures';
export {
  ESSAY_PARENS_PREFIXES,
  PARENS_STEPS,
  parensExperiment,
  type ParensExperimentOptions,
  type ParensModelReport,
} from './tour-steps';
