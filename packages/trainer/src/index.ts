/**
 * @chatgpt-explained/trainer: losses, optimizers, a training loop with progress events, and atomic
 * resumable checkpoints. Node's file checkpoint store is in `@chatgpt-explained/trainer/node`.
 *
 * @example
 * ```ts
 * import { dense, relu, sequential } from '@chatgpt-explained/nn-core';
 * import { adam, tensorDataset, train } from '@chatgpt-explained/trainer';
 *
 * const model = sequential([dense({ inputs: 1, units: 16 }), relu(), dense({ inputs: 16, units: 1 })]);
 * const data = tensorDataset({ data: xs, shape: [n, 1] }, { data: ys, shape: [n, 1] });
 * const result = await train(model, data, { loss: 'l2', optimizer: adam({ learningRate: 0.01 }), epochs: 50 });
 * ```
 */
export { TrainerError, type TrainerErrorCode, type TrainerErrorDetails } from './errors';
export {
  LOSS_NAMES,
  crossEntropyLoss,
  l1Loss,
  l2Loss,
  lossFunction,
  type LossFunction,
  type LossName,
  type LossOptions,
} from './losses';
export type { GradientEntry, Optimizer, OptimizerConfig } from './optimizers/optimizer';
export { sgd, type SgdOptions } from './optimizers/sgd';
export { momentum, type MomentumOptions } from './optimizers/momentum';
export { adam, adamw, type AdamOptions, type AdamWOptions } from './optimizers/adam';
export {
  constantSchedule,
  cosineSchedule,
  linearWarmup,
  stepSchedule,
  type CosineScheduleOptions,
  type LearningRateSchedule,
  type LinearWarmupOptions,
  type StepScheduleOptions,
} from './schedules';
export { clipByGlobalNorm, clipByValue, type ClippedGradients } from './clip';
export { shuffledIndices, tensorDataset, type ArrayData, type Batch, type Dataset } from './dataset';
export { mulberry32 } from './random';
export {
  CHECKPOINT_FORMAT,
  loadCheckpoint,
  memoryCheckpointStore,
  readCheckpoint,
  saveCheckpoint,
  type CheckpointContent,
  type CheckpointInfo,
  type CheckpointStore,
  type ParsedCheckpoint,
} from './checkpoint';
export { trainStep, type TrainStepOptions } from './step';
export { evaluate, type EvaluateOptions } from './evaluate';
export {
  train,
  type AugmentContext,
  type AugmentFunction,
  type TrainCheckpointOptions,
  type TrainOptions,
  type TrainProgress,
  type TrainResult,
  type TrainValidationOptions,
} from './train';
export { gunzip, isGzip, type GunzipOptions } from './datasets/gunzip';
export { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx, type IdxArray } from './datasets/idx';
export {
  MNIST_CLASSES,
  mnistDataset,
  readMnist,
  type MnistData,
  type MnistDatasetOptions,
  type MnistFiles,
} from './datasets/mnist';
