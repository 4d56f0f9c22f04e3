import type * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import { gelu } from './activation';
import { expectShape, numberIn, positiveInteger } from './checks';
import { Dense } from './dense';
import { Dropout } from './dropout';
import type { Initializer } from './init';
import { Layer, type CallContext } from './layer';
import { checkOptionKeys, positiveNumber } from './options';

/** Options of {@link mlp}. */
export interface MlpOptions {
  /** Width `C` of the input and output. */
  readonly embedDim: number;
  /** Hidden width as a multiple of `embedDim`; `mlpRatio · embedDim` must be a whole number. Default 4. */
  readonly mlpRatio?: number;
  /** Dropout rate of the output, in [0, 1). Default 0. */
  readonly dropout?: number;
  /** Initialiser of `c_fc.weight` (and of `c_proj.weight` unless `projInit`). Default `{ normal: 0.02 }`. */
  readonly init?: Initializer;
  /** Initialiser of `c_proj.weight`. Default: `init`. */
  readonly projInit?: Initializer;
}

const KEYS = ['embedDim', 'mlpRatio', 'dropout', 'init', 'projInit'];

/**
 * The hidden width `mlpRatio · embedDim`, checked to be a whole number ≥ 1. A ratio given as a
 * quotient (`1000 / 240`) is accepted when the product is within rounding of a whole number.
 */
export function mlpHidden(op: string, embedDim: number, mlpRatio: unknown): number {
  const ratio = positiveNumber(op, 'mlpRatio', mlpRatio);
  const product = ratio * embedDim;
  const rounded = Math.round(product);
  const hidden = Math.abs(product - rounded) <= 1e-9 * Math.max(1, rounded) ? rounded : product;
  if (!Number.isSafeInteger(hidden) || hidden < 1) {
    throw new NnCoreError('INVALID_ARGUMENT', `${op}: mlpRatio ${ratio} × embedDim ${embedDim} is not a whole number`, {
      argument: 'mlpRatio',
      value: ratio,
      expected: `a ratio r with r · ${embedDim} a whole number`,
    });
  }
  return hidden;
}

/**
 * GPT-2's feed-forward part of a block, with Hugging Face's names: `c_fc` (Dense C → H), `act`
 * (GELU, tanh form), `c_proj` (Dense H → C), `dropout`. [..., C] → [..., C], with H = mlpRatio · C.
 */
export class Mlp extends Layer {
  readonly kind = 'MLP';
  readonly embedDim: number;
  readonly hidden: number;

  constructor(options: MlpOptions) {
    super();
    checkOptionKeys('mlp', options, KEYS);
    this.embedDim = positiveInteger('mlp', 'embedDim', options.embedDim);
    this.hidden = mlpHidden('mlp', this.embedDim, options.mlpRatio ?? 4);
    const rate = numberIn('mlp', 'dropout', options.dropout ?? 0, 0, 1, true);
    const init = options.init ?? { normal: 0.02 };
    this.addChild('c_fc', new Dense({ inputs: this.embedDim, units: this.hidden, init }));
    this.addChild('act', gelu());
    this.addChild('c_proj', new Dense({ inputs: this.hidden, units: this.embedDim, init: options.projInit ?? init }));
    this.addChild('dropout', new Dropout({ rate }));
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    expectShape(this.kind, ctx.path, x, { last: this.embedDim, what: `[..., ${this.embedDim}]` });
    const h = this.callChild('c_fc', x, ctx); // [..., H]
    const a = this.callChild('act', h, ctx); // [..., H]
    const y = this.callChild('c_proj', a, ctx); // [..., C]
    return this.callChild('dropout', y, ctx); // [..., C]
  }
}

/** GPT-2's feed-forward layer; see {@link Mlp}. */
export function mlp(options: MlpOptions): Mlp {
  return new Mlp(options);
}
