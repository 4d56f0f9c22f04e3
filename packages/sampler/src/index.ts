/**
 * @chatgpt-explained/sampler: pure functions over logits: softmax with temperature, greedy, top-k,
 * top-p, min-p, repetition penalty, and a seeded RNG. No dependencies.
 */
export { SamplerError, type SamplerErrorCode, type SamplerErrorDetails } from './errors';
export type { Logits } from './validate';
export { softmax, logSoftmax } from './softmax';
export { topTokens, type TopTokens } from './top-tokens';
export { sample, samplingDistribution, type SampleOptions, type SamplingDistribution } from './sample';
export { createRng, type Rng } from './rng';
