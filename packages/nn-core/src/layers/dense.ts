import * as tf from '@tensorflow/tfjs-core';
import { activate, type ActivationName } from './activation-functions';
import { positiveInteger, expectShape } from './checks';
import type { Initializer } from './init';
import { Layer, type CallContext } from './layer';

/** Options of {@link dense}. */
export interface DenseOptions {
  /** Size of the input's last dimension. */
  readonly inputs: number;
  /** Number of outputs (neurons). */
  readonly units: number;
  /** Add a bias. Default true. */
  readonly bias?: boolean;
  /** Applied to the output; default `linear` (none). */
  readonly activation?: ActivationName;
  /** Initialiser of `weight`. Default `glorot`. */
  readonly init?: Initializer;
  /** Initialiser of `bias`. Default `zeros`. */
  readonly biasInit?: Initializer;
}

/**
 * A fully connected layer: `y = act(x · weight + bias)`, with `weight` [inputs, units] and `bias`
 * [units] (the layout of GPT-2's `Conv1D`). Works on any input rank: [..., inputs] → [..., units].
 */
export class Dense extends Layer {
  readonly kind = 'Dense';
  readonly inputs: number;
  readonly units: number;
  readonly activation: ActivationName;
  private readonly hasBias: boolean;

  constructor(options: DenseOptions) {
    super();
    this.inputs = positiveInteger('dense', 'inputs', options.inputs);
    this.units = positiveInteger('dense', 'units', options.units);
    this.activation = options.activation ?? 'linear';
    activate(this.activation, undefined); // validates the name
    this.hasBias = options.bias ?? true;
    this.addWeight('weight', [this.inputs, this.units], options.init ?? 'glorot');
    if (this.hasBias) this.addWeight('bias', [this.units], options.biasInit ?? 'zeros');
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    expectShape(this.kind, ctx.path, x, { last: this.inputs, what: `[..., ${this.inputs}]` });
    const lead = x.shape.slice(0, -1);
    const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, this.inputs]); // [N, in]
    let y: tf.Tensor = tf.matMul(flat, this.w('weight')); // [N, units]
    if (this.hasBias) y = tf.add(y, this.w('bias')); // [N, units]
    if (x.rank !== 2) y = tf.reshape(y, [...lead, this.units]); // [..., units]
    return activate(this.activation, y);
  }
}

/** A fully connected layer; see {@link Dense}. */
export function dense(options: DenseOptions): Dense {
  return new Dense(options);
}
