import * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import { quantizedMatMul } from '../quantize/quantized-matmul';
import { checkQuantizedTensor, type QuantizedTensor } from '../quantize/quantized-tensor';
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
 *
 * For inference the weight can be held quantised ({@link Dense.setQuantizedWeight}, or
 * `quantizeLayers` for a whole model): 8- or 4-bit codes plus per-channel scales in host memory,
 * uploaded for each forward pass only.
 */
export class Dense extends Layer {
  readonly kind = 'Dense';
  readonly inputs: number;
  readonly units: number;
  readonly activation: ActivationName;
  private readonly hasBias: boolean;
  private quantizedWeight: QuantizedTensor | undefined;

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
    const q = this.quantizedWeight;
    let y: tf.Tensor = q ? quantizedMatMul(flat, q) : tf.matMul(flat, this.w('weight')); // [N, units]
    if (this.hasBias) y = tf.add(y, this.w('bias')); // [N, units]
    if (x.rank !== 2) y = tf.reshape(y, [...lead, this.units]); // [..., units]
    return activate(this.activation, y);
  }

  /** The quantised weight set by {@link setQuantizedWeight}; undefined while the weight is float32. */
  get quantized(): QuantizedTensor | undefined {
    return this.quantizedWeight;
  }

  /**
   * Computes with `q` (shape [inputs, units], scales along axis 0 or 1) instead of a float32 weight,
   * for inference. The float32 variable is released: the Layer base cannot drop a declared weight,
   * so `weight` stays in `namedWeights()` as an empty ([0]) non-trainable variable, is left out of
   * `trainableVariables()`, and `parameterCount()`/`summary()` no longer count it. The bias keeps its
   * values and stays trainable. A later `initialize()` re-creates the bias and keeps `q`.
   */
  setQuantizedWeight(q: QuantizedTensor): void {
    checkQuantizedTensor('Dense.setQuantizedWeight', q);
    if (q.shape.length !== 2 || q.shape[0] !== this.inputs || q.shape[1] !== this.units) {
      throw new NnCoreError(
        'SHAPE_MISMATCH',
        `Dense.setQuantizedWeight: q has shape [${q.shape.join(', ')}]; this layer's weight is [${this.inputs}, ${this.units}]`,
        { argument: 'q', value: [...q.shape], expected: `[${this.inputs}, ${this.units}]` },
      );
    }
    const bias = this.hasBias && this.initialized ? tf.clone(this.w('bias')) : undefined; // [units]
    this.addWeight('weight', [0], 'zeros', false);
    // Replaces the float32 weight by the empty one (and re-creates the bias, restored below).
    tf.tidy(() => {
      this.initialize();
    });
    if (bias) {
      this.setWeights({ bias });
      bias.dispose();
    }
    this.quantizedWeight = q;
  }
}

/** A fully connected layer; see {@link Dense}. */
export function dense(options: DenseOptions): Dense {
  return new Dense(options);
}
