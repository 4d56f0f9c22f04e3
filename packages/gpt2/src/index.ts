/**
 * @chatgpt-explained/gpt2: GPT-2 on nn-core: Hugging Face checkpoints, KV-cached generation, attention and hidden states.
 */
export { Gpt2Error, type Gpt2ErrorCode, type Gpt2ErrorDetails } from './errors';
export {
  GPT2_PRESETS,
  configFromHuggingFace,
  configToHuggingFace,
  gpt2Config,
  gpt2ParameterCount,
  type Gpt2Activation,
  type Gpt2Config,
  type Gpt2ConfigInput,
  type Gpt2PresetName,
} from './config';
export {
  CHECKPOINT_DTYPES,
  float16BitsToFloat32,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
  type CheckpointDtype,
} from './checkpoint/dtypes';
export { CHECKPOINT_FILES, gpt2WeightShapes } from './checkpoint/layout';
export { memorySource, type CheckpointReadOptions, type CheckpointSource } from './checkpoint/source';
export { fetchSource, type FetchSourceOptions } from './checkpoint/fetch-source';
export {
  loadCheckpoint,
  type CheckpointTensor,
  type LoadCheckpointOptions,
  type LoadedCheckpoint,
} from './checkpoint/load-checkpoint';
export { checkpointFiles, type CheckpointFilesOptions, type CheckpointWeight } from './checkpoint/checkpoint-files';
export {
  Gpt2Model,
  createGpt2Model,
  createKvCache,
  type Gpt2ForwardOptions,
  type Gpt2Output,
  type LinearKernel,
} from './model/gpt2-model';
export { KvCache } from './model/kv-cache';
export {
  gpt2FromCheckpoint,
  gpt2FromModel,
  type Gpt2,
  type Gpt2CheckpointLike,
  type Gpt2FromCheckpointOptions,
  type Gpt2WeightSource,
} from './gpt2';
export { nextTokens, type NextToken, type NextTokensOptions, type NextTokensResult } from './inference/next-tokens';
export { generate, generateText, type GenerateOptions, type GeneratedToken } from './inference/generate';
export { score, type ScoreOptions, type ScoreResult, type ScoredToken } from './inference/score';
export { holdOutTail, type HoldOutOptions, type HoldOutSplit } from './train/hold-out';
export { joinDocuments } from './train/documents';
export { tokenWindows, type TokenWindowDataset, type TokenWindowOptions } from './train/token-windows';
export { gpt2DecaysWeight } from './train/weight-decay';
export { gpt2LearningRateSchedule, trainGpt2, type TrainGpt2Options, type TrainGpt2Result } from './train/train-gpt2';
export { bitsPerByte, type BitsPerByteOptions, type BitsPerByteResult } from './train/bits-per-byte';
export { type InspectedToken } from './inspect/checks';
export { tokenEmbeddings, type TokenEmbeddingsResult, type WordEmbedding } from './inspect/token-embeddings';
export {
  embeddingMatrix,
  weightMatrix,
  type EmbeddingMatrix,
  type EmbeddingMatrixOptions,
  type WeightData,
} from './inspect/matrices';
export { attentionPatterns, type AttentionPatterns, type AttentionPatternsOptions } from './inspect/attention-patterns';
export { hiddenStates, type HiddenState, type HiddenStatesResult } from './inspect/hidden-states';
export {
  movingAverage2d,
  type MatrixData,
  type MovingAverageOptions,
  type MovingAverageResult,
} from './inspect/moving-average';
export {
  weightHistograms,
  type BlockHistogram,
  type WeightHistograms,
  type WeightHistogramsOptions,
} from './inspect/weight-histograms';
export {
  nextTokenDistribution,
  rankProbabilityFit,
  type RankProbabilityFit,
  type RankProbabilityFitOptions,
} from './inspect/rank-probability';
