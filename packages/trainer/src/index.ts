/**
 * @chatgpt-explained/trainer: losses, optimizers, a training loop with progress events, and atomic resumable checkpoints.
 */
export { TrainerError, type TrainerErrorCode, type TrainerErrorDetails } from './errors';
