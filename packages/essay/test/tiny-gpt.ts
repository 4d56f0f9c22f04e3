import { createGpt2Model, gpt2Config, gpt2FromModel, type Gpt2, type Gpt2Config } from '@chatgpt-explained/gpt2';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { createEncoding, trainBpe } from '@chatgpt-explained/tokenizer';
import * as tf from '@tensorflow/tfjs-core';

/** Options of {@link tinyByteGpt}. */
export interface TinyByteGptOptions {
  /** Context length of the model. */
  readonly contextLength: number;
  /** Seed of the random weights. */
  readonly seed: number;
  /** Multiplies `wte` (and so the tied output layer) to peak the next-token distributions. Default 1. */
  readonly wteScale?: number;
}

/**
 * For tests only: a random GPT-2 of 2 blocks, 2 heads and 16 dimensions with a byte-level tokenizer
 * (256 bytes and `<|endoftext|>`), on the cpu backend, warmed up by one forward pass.
 */
export async function tinyByteGpt(options: TinyByteGptOptions): Promise<{ gpt: Gpt2; config: Gpt2Config }> {
  const config = gpt2Config({
    vocabSize: 257,
    contextLength: options.contextLength,
    embedDim: 16,
    layers: 2,
    heads: 2,
    eosTokenId: 256,
    bosTokenId: 256,
  });
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  const model = createGpt2Model(config).initialize({ seed: options.seed });
  const scale = options.wteScale ?? 1;
  if (scale !== 1) tf.tidy(() => model.setWeights({ 'wte.weight': tf.mul(model.weight('wte.weight'), scale) }));
  const gpt = gpt2FromModel(model, createEncoding(await trainBpe('', { vocabSize: 257 })));
  tf.tidy(() => gpt.model.forward(tf.tensor2d([[1, 2]], [1, 2], 'int32')).logits);
  return { gpt, config };
}
