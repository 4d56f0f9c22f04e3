import * as tf from '@tensorflow/tfjs-core';
import { expectShape, numberIn } from './checks';
import { attentionShape, CausalSelfAttention } from './causal-self-attention';
import type { Initializer } from './init';
import { Layer, type CallContext } from './layer';
import { LayerNorm } from './layer-norm';
import { Mlp, mlpHidden } from './mlp';
import { checkOptionKeys, positiveNumber } from './options';

/** Options of {@link transformerBlock}. */
export interface TransformerBlockOptions {
  /** Width `C` of the residual stream (GPT-2 small: 768). */
  readonly embedDim: number;
  /** Number of attention heads; must divide `embedDim` (GPT-2 small: 12). */
  readonly heads: number;
  /** Hidden width of the MLP as a multiple of `embedDim`. Default 4. */
  readonly mlpRatio?: number;
  /** Dropout rate of attention probabilities, attention output and MLP output, in [0, 1). Default 0. */
  readonly dropout?: number;
  /** Longest sequence accepted. Default: no limit. */
  readonly maxContext?: number;
  /** Epsilon of both layer norms. Default 1e-5 (GPT-2's). */
  readonly epsilon?: number;
  /** Initialiser of the Dense weights. Default `{ normal: 0.02 }` (GPT-2's). */
  readonly init?: Initializer;
  /** Initialiser of the two `c_proj` weights (the ones that write to the residual stream). Default: `init`. */
  readonly projInit?: Initializer;
}

const KEYS = ['embedDim', 'heads', 'mlpRatio', 'dropout', 'maxContext', 'epsilon', 'init', 'projInit'];

/**
 * A GPT-2 (pre-LN) transformer block with Hugging Face's names: `ln_1`, `attn`
 * ({@link CausalSelfAttention}), `ln_2`, `mlp` ({@link Mlp}), so under `h.N` its weights are
 * `h.N.ln_1.weight`, `h.N.attn.c_attn.weight`, `h.N.mlp.c_fc.bias`, …. Input and output [B, T, C]:
 *
 *     x = x + attn(ln_1(x))
 *     x = x + mlp(ln_2(x))
 *
 * It has 12·C² + 13·C weights with mlpRatio 4 (7,087,872 for C = 768).
 */
export class TransformerBlock extends Layer {
  readonly kind = 'TransformerBlock';
  readonly embedDim: number;
  readonly heads: number;

  constructor(options: TransformerBlockOptions) {
    super();
    const op = 'transformerBlock';
    checkOptionKeys(op, options, KEYS);
    const { embedDim, heads, maxContext } = attentionShape(op, options);
    this.embedDim = embedDim;
    this.heads = heads;
    const mlpRatio = options.mlpRatio ?? 4;
    mlpHidden(op, embedDim, mlpRatio);
    const dropout = numberIn(op, 'dropout', options.dropout ?? 0, 0, 1, true);
    const epsilon = positiveNumber(op, 'epsilon', options.epsilon ?? 1e-5);
    const init = options.init ?? { normal: 0.02 };
    const projInit = options.projInit ?? init;
    this.addChild('ln_1', new LayerNorm({ dim: embedDim, epsilon }));
    this.addChild(
      'attn',
      new CausalSelfAttention({
        embedDim,
        heads,
        dropout,
        init,
        projInit,
        ...(maxContext === undefined ? {} : { maxContext }),
      }),
    );
    this.addChild('ln_2', new LayerNorm({ dim: embedDim, epsilon }));
    this.addChild('mlp', new Mlp({ embedDim, mlpRatio, dropout, init, projInit }));
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    const c = this.embedDim;
    expectShape(this.kind, ctx.path, x, { rank: 3, last: c, what: `[B, T, ${c}]` });
    const attended = this.callChild('attn', this.callChild('ln_1', x, ctx), ctx); // [B, T, C]
    const h = tf.add(x, attended); // [B, T, C]
    const fed = this.callChild('mlp', this.callChild('ln_2', h, ctx), ctx); // [B, T, C]
    return tf.add(h, fed); // [B, T, C]
  }
}

/** A GPT-2 transformer block; see {@link TransformerBlock}. */
export function transformerBlock(options: TransformerBlockOptions): TransformerBlock {
  return new TransformerBlock(options);
}
