/**
 * The Hugging Face GPT-2 checkpoint layout: its file names, the weights by their canonical names
 * (Hugging Face `GPT2Model` names, no prefix) and shapes, and how names in a file map to them.
 */
import type { Gpt2Config } from '../config';

/** The file names of a Hugging Face GPT-2 checkpoint. */
export const CHECKPOINT_FILES = Object.freeze({
  config: 'config.json',
  weights: 'model.safetensors',
  vocab: 'vocab.json',
  merges: 'merges.txt',
} as const);

/** Prefix of every `GPT2LMHeadModel` weight but `lm_head.weight`. */
export const TRANSFORMER_PREFIX = 'transformer.';

/** The output projection's name; present in a file only when not tied (or, ignored, when tied). */
export const LM_HEAD = 'lm_head.weight';

/**
 * Canonical names and shapes of every weight a model with this config has, in model order:
 * `wte.weight` [V, C], `wpe.weight` [P, C], the twelve weights of each block `h.N.…`, `ln_f.weight`
 * and `ln_f.bias` [C], then `lm_head.weight` [V, C] when `tieWordEmbeddings` is false. Conv1D
 * weights are [in, out].
 */
export function gpt2WeightShapes(config: Gpt2Config): Map<string, number[]> {
  const { vocabSize: v, contextLength: p, embedDim: c, mlpHidden: h } = config;
  const shapes = new Map<string, number[]>([
    ['wte.weight', [v, c]],
    ['wpe.weight', [p, c]],
  ]);
  for (let n = 0; n < config.layers; n++) {
    const block: Array<[string, number[]]> = [
      ['ln_1.weight', [c]],
      ['ln_1.bias', [c]],
      ['attn.c_attn.weight', [c, 3 * c]],
      ['attn.c_attn.bias', [3 * c]],
      ['attn.c_proj.weight', [c, c]],
      ['attn.c_proj.bias', [c]],
      ['ln_2.weight', [c]],
      ['ln_2.bias', [c]],
      ['mlp.c_fc.weight', [c, h]],
      ['mlp.c_fc.bias', [h]],
      ['mlp.c_proj.weight', [h, c]],
      ['mlp.c_proj.bias', [c]],
    ];
    for (const [name, shape] of block) shapes.set(`h.${n}.${name}`, shape);
  }
  shapes.set('ln_f.weight', [c]);
  shapes.set('ln_f.bias', [c]);
  if (!config.tieWordEmbeddings) shapes.set(LM_HEAD, [v, c]);
  return shapes;
}

/** True for the causal-mask buffers `h.N.attn.bias` and `h.N.attn.masked_bias` of a block that exists. */
export function isMaskBuffer(canonical: string, layers: number): boolean {
  const match = /^h\.(0|[1-9]\d{0,8})\.attn\.(bias|masked_bias)$/.exec(canonical);
  return match !== null && Number(match[1]) < layers;
}
