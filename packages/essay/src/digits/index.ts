export { LENET5, LOGITS_PATH, PENULTIMATE_PATH, createDigitNet, digitNetConfig, type DigitNetConfig } from './lenet';
export {
  DIGIT_TRAINING_DEFAULTS,
  trainDigitNet,
  type DigitTrainingProgress,
  type TrainDigitNetOptions,
  type TrainedDigitNet,
} from './train';
export {
  evaluateDigitNet,
  predictDigits,
  type DigitAccuracy,
  type DigitImages,
  type DigitPredictions,
  type PredictDigitsOptions,
} from './predict';
export { DIGIT_NET_CONFIG_KEY, DIGIT_NET_FORMAT, loadDigitNet, saveDigitNet, type LoadedDigitNet } from './model-file';
export { findTestImage, imageFingerprint } from './test-split';
export { gaussianBlur, gaussianKernel } from './blur';
export { centreDigit, fieldCentre, type CentreDigitOptions, type CentredDigit, type GreyImage } from './centre-digit';
export {
  DEFAULT_BLUR_SIGMAS,
  digitBlurExperiment,
  type DigitBlurOptions,
  type DigitBlurResult,
  type DigitBlurStep,
} from './blur-experiment';
export {
  digitEmbeddingExperiment,
  digitOutputsExperiment,
  type DigitEmbeddingOptions,
  type DigitEmbeddingResult,
  type DigitLayout,
  type DigitOutputsOptions,
  type DigitOutputsResult,
} from './embedding-experiment';
export { DIGIT_STEPS, QUICK_BLUR, QUICK_EMBEDDING } from './tour-steps';
