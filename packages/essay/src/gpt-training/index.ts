/** Essay section 10.1, training a small GPT by next-token loss: a tiny byte-level GPT from scratch beside an n-gram. */
export { BYTE_VOCAB_SIZE, byteLevelDefinition, byteLevelEncoding } from './byte-tokenizer';
export { natsToBitsPerByte, utf8Bytes } from './bits-per-byte';
export {
  gptTrainingExperiment,
  type GptTrainingOptions,
  type GptTrainingProgress,
  type GptTrainingResult,
} from './experiment';
export { FULL_GPT_TRAINING, GPT_TRAINING_STEPS, QUICK_GPT_TRAINING, gptTrainingLines } from './tour-steps';
