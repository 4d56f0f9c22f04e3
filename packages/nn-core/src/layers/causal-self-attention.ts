import * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import { causalAttention } from './causal-attention';
import { expectShape, numberIn, positiveInteger } from './checks';
import { Dense } from './dense';
import { Dropout } from './dropout';
import type { Initializer } from './init';
import { Layer, type CallContext } from './layer';
import { checkOptionKeys, inputShapeError } from './options';

/** Options of {@link causalSelfAttention}. */
export interface CausalSelfAttentionOptions {
  /** Width `C` of the residual stream (GPT-2 small: 768). */
  readonly embedDim: number;
  /** Number of heads `nh`; must divide `embedDim` (GPT-2 small: 12, head size 64). */
  readonly heads: number;
  /** Dropout rate of the attention probabilities and of the output, in [0, 1). Default 0. */
  readonly dropout?: number;
  /** Longest sequence accepted; longer inputs throw `SHAPE_MISMATCH`. Default: no limit. */
  readonly maxContext?: number;
  /** Initialiser of `c_attn.weight` (and of `c_proj.weight` unless `projInit`). Default `{ normal: 0.02 }`. */
  readonly init?: Initializer;
  /**
   * Initialiser of `c_proj.weight`. Default: `init`. GPT-2 training scales it by 1/√(2 · layers),
   * e.g. `{ normal: 0.02 / Math.sqrt(24) }` for 12 layers.
   */
  readonly projInit?: Initializer;
}

const KEYS = ['embedDim', 'heads', 'dropout', 'maxContext', 'init', 'projInit'];

/** Checks the options a self-attention and a transformer block share; returns them with defaults. */
export function attentionShape(
  op: string,
  options: { readonly embedDim: number; readonly heads: number; readonly maxContext?: number },
): { embedDim: number; heads: number; headSize: number; maxContext: number | undefined } {
  const embedDim = positiveInteger(op, 'embedDim', options.embedDim);
  const heads = positiveInteger(op, 'heads', options.heads);
  if (embedDim % heads !== 0) {
    throw new NnCoreError('INVALID_ARGUMENT', `${op}: heads (${heads}) must divide embedDim (${embedDim})`, {
      argument: 'heads',
      value: heads,
      expected: `a divisor of ${embedDim}`,
    });
  }
  const maxContext =
    options.maxContext === undefined ? undefined : positiveInteger(op, 'maxContext', options.maxContext);
  return { embedDim, heads, headSize: embedDim / heads, maxContext };
}

/**
 * GPT-2's masked multi-head self-attention, with Hugging Face's names: `c_attn` (Dense C → 3C, the
 * query, key and value projections side by side), `c_proj` (Dense C → C), `attn_dropout` and
 * `resid_dropout`. Input and output [B, T, C]. Position t attends to positions ≤ t; scores are
 * scaled by 1/√(C / nh). The attention probabilities [B, nh, T, T] are reported as the tap `probs`
 * (capture `<path>.probs`), before attention dropout.
 */
export class CausalSelfAttention extends Layer {
  readonly kind = 'CausalSelfAttention';
  readonly embedDim: number;
  readonly heads: number;
  readonly headSize: number;
  readonly maxContext: number | undefined;

  constructor(options: CausalSelfAttentionOptions) {
    super();
    checkOptionKeys('causalSelfAttention', options, KEYS);
    const shape = attentionShape('causalSelfAttention', options);
    this.embedDim = shape.embedDim;
    this.heads = shape.heads;
    this.headSize = shape.headSize;
    this.maxContext = shape.maxContext;
    const rate = numberIn('causalSelfAttention', 'dropout', options.dropout ?? 0, 0, 1, true);
    const init = options.init ?? { normal: 0.02 };
    const c = this.embedDim;
    this.addChild('c_attn', new Dense({ inputs: c, units: 3 * c, init }));
    this.addChild('c_proj', new Dense({ inputs: c, units: c, init: options.projInit ?? init }));
    this.addChild('attn_dropout', new Dropout({ rate }));
    this.addChild('resid_dropout', new Dropout({ rate }));
    this.addTap('probs');
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    const c = this.embedDim;
    expectShape(this.kind, ctx.path, x, { rank: 3, last: c, what: `[B, T, ${c}]` });
    const [b, t] = x.shape as [number, number, number];
    if (this.maxContext !== undefined && t > this.maxContext) {
      throw inputShapeError(this.kind, ctx.path, x, `[B, T, ${c}] with T ≤ maxContext ${this.maxContext}`);
    }
    const qkv = this.callChild('c_attn', x, ctx); // [B, T, 3C]
    const [qs, ks, vs] = tf.split(qkv, 3, 2) as [tf.Tensor, tf.Tensor, tf.Tensor]; // each [B, T, C]
    const q = this.splitHeads(qs, b, t); // [B, nh, T, hs]
    const k = this.splitHeads(ks, b, t); // [B, nh, T, hs]
    const v = this.splitHeads(vs, b, t); // [B, nh, T, hs]
    const { output, probs } = causalAttention(q, k, v, {
      dropProbs: (p) => this.callChild('attn_dropout', p, ctx), // [B, nh, T, T]
    }); // output [B, nh, T, hs], probs [B, nh, T, T]
    this.tap(ctx, 'probs', probs);
    const merged = tf.reshape(tf.transpose(output, [0, 2, 1, 3]), [b, t, c]); // [B, T, C]
    const projected = this.callChild('c_proj', merged, ctx); // [B, T, C]
    return this.callChild('resid_dropout', projected, ctx); // [B, T, C]
  }

  /** [B, T, C] → [B, nh, T, hs]. */
  private splitHeads(x: tf.Tensor, b: number, t: number): tf.Tensor {
    const heads = tf.reshape(x, [b, t, this.heads, this.headSize]); // [B, T, nh, hs]
    return tf.transpose(heads, [0, 2, 1, 3]); // [B, nh, T, hs]
  }
}

/** GPT-2's masked multi-head self-attention; see {@link CausalSelfAttention}. */
export function causalSelfAttention(options: CausalSelfAttentionOptions): CausalSelfAttention {
  return new CausalSelfAttention(options);
}
