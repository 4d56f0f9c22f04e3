// The transformer block of the benchmark: nn-core's GPT-2 block, as the trainer would build it.
import { transformerBlock, type Layer } from '@chatgpt-explained/nn-core';
import type { BlockModelConfig } from '../train-types';

/** nn-core's pre-LN GPT-2 block with `config`'s width and heads (causal attention, no dropout). */
export function buildBlock(config: BlockModelConfig): Layer {
  return transformerBlock({ embedDim: config.width, heads: config.heads, dropout: 0 });
}
