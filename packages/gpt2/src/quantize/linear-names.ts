import type { Gpt2Config } from '../config';

/** One affine map of GPT-2 that can run on quantised weights. */
export interface Gpt2Linear {
  /** Kernel name for `Gpt2Model.setLinearKernel` (`h.0.attn.c_attn`, …, `lm_head`). */
  readonly name: string;
  /** The weight tensor it reads: `<name>.weight`, or `wte.weight` for a tied `lm_head`. */
  readonly weight: string;
  /** The bias tensor, if any (the output projection has none). */
  readonly bias: string | undefined;
  /** Input size K. */
  readonly k: number;
  /** Output size N. */
  readonly n: number;
  /** The weight is stored [N, K] (the output projection) rather than [K, N]. */
  readonly transposed: boolean;
}

/** Every matrix product of a GPT-2 with this config: four per block, then the output projection. */
export function gpt2Linears(config: Gpt2Config): Gpt2Linear[] {
  const { embedDim: c, mlpHidden: h, vocabSize: v } = config;
  const out: Gpt2Linear[] = [];
  for (let i = 0; i < config.layers; i++) {
    const shapes: Array<[string, number, number]> = [
      ['attn.c_attn', c, 3 * c],
      ['attn.c_proj', c, c],
      ['mlp.c_fc', c, h],
      ['mlp.c_proj', h, c],
    ];
    for (const [part, k, n] of shapes) {
      const name = `h.${i}.${part}`;
      out.push({ name, weight: `${name}.weight`, bias: `${name}.bias`, k, n, transposed: false });
    }
  }
  const weight = config.tieWordEmbeddings ? 'wte.weight' : 'lm_head.weight';
  out.push({ name: 'lm_head', weight, bias: undefined, k: c, n: v, transposed: true });
  return out;
}
