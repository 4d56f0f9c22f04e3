/**
 * @chatgpt-explained/sampler: pure functions over logits: softmax with temperature, greedy, top-k, top-p, min-p, repetition penalty, seeded RNG.
 */
export { SamplerError, type SamplerErrorCode, type SamplerErrorDetails } from './errors';
