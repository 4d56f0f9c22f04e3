import * as tf from '@tensorflow/tfjs-core';
import { activate, type ActivationName } from './activation-functions';
import { expectShape, positiveInteger } from './checks';
import type { Initializer } from './init';
import { Layer, type CallContext } from './layer';
import { checkOptionKeys, inputShapeError, integerPair, paddingOption, type Padding } from './options';

/** Options of {@link conv2d}. */
export interface Conv2DOptions {
  /** Channels of the input (its last dimension, `Cin`). */
  readonly inChannels: number;
  /** Number of filters: the output's channels (`Cout`). */
  readonly filters: number;
  /** Window size: one integer for a square window, or `[kh, kw]`. */
  readonly kernelSize: number | readonly [number, number];
  /** Step between windows: one integer or `[sh, sw]`. Default 1. */
  readonly strides?: number | readonly [number, number];
  /**
   * `valid` (default): windows lie inside the input, output `⌊(H − kh) / sh⌋ + 1`; `same`: zero
   * padding, output `⌈H / sh⌉` (TensorFlow's rule: any odd padding goes at the bottom and right).
   */
  readonly padding?: Padding;
  /** Applied to the output; default `linear` (none). */
  readonly activation?: ActivationName;
  /** Add a bias per filter. Default true. */
  readonly bias?: boolean;
  /** Initialiser of `weight`. Default `glorot` (fans count the window: kh·kw·Cin in, kh·kw·Cout out). */
  readonly init?: Initializer;
  /** Initialiser of `bias`. Default `zeros`. */
  readonly biasInit?: Initializer;
}

const KEYS = ['inChannels', 'filters', 'kernelSize', 'strides', 'padding', 'activation', 'bias', 'init', 'biasInit'];

/**
 * A 2-D convolution over images in NHWC layout: input [B, H, W, Cin], `weight` [kh, kw, Cin, Cout]
 * (HWIO, TensorFlow's layout), `bias` [Cout]; output [B, H', W', Cout].
 */
export class Conv2D extends Layer {
  readonly kind = 'Conv2D';
  readonly inChannels: number;
  readonly filters: number;
  readonly kernelSize: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly padding: Padding;
  readonly activation: ActivationName;
  private readonly hasBias: boolean;

  constructor(options: Conv2DOptions) {
    super();
    checkOptionKeys('conv2d', options, KEYS);
    this.inChannels = positiveInteger('conv2d', 'inChannels', options.inChannels);
    this.filters = positiveInteger('conv2d', 'filters', options.filters);
    this.kernelSize = integerPair('conv2d', 'kernelSize', options.kernelSize);
    this.strides = integerPair('conv2d', 'strides', options.strides ?? 1);
    this.padding = paddingOption('conv2d', options.padding ?? 'valid');
    this.activation = options.activation ?? 'linear';
    activate(this.activation, undefined); // validates the name
    this.hasBias = options.bias ?? true;
    const [kh, kw] = this.kernelSize;
    this.addWeight('weight', [kh, kw, this.inChannels, this.filters], options.init ?? 'glorot');
    if (this.hasBias) this.addWeight('bias', [this.filters], options.biasInit ?? 'zeros');
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    const what = `[B, H, W, ${this.inChannels}]`;
    expectShape(this.kind, ctx.path, x, { rank: 4, last: this.inChannels, what });
    const [kh, kw] = this.kernelSize;
    if (this.padding === 'valid' && (x.shape[1]! < kh || x.shape[2]! < kw)) {
      throw inputShapeError(this.kind, ctx.path, x, `${what} with H ≥ ${kh} and W ≥ ${kw} ('valid' padding)`);
    }
    const kernel = this.w('weight') as tf.Tensor4D; // [kh, kw, Cin, Cout]
    let y: tf.Tensor = tf.conv2d(x as tf.Tensor4D, kernel, [...this.strides], this.padding); // [B, H', W', Cout]
    if (this.hasBias) y = tf.add(y, this.w('bias')); // [B, H', W', Cout]
    return activate(this.activation, y); // [B, H', W', Cout]
  }
}

/** A 2-D convolution layer; see {@link Conv2D}. */
export function conv2d(options: Conv2DOptions): Conv2D {
  return new Conv2D(options);
}
