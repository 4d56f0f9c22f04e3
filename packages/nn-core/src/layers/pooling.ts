import * as tf from '@tensorflow/tfjs-core';
import { expectShape } from './checks';
import { Layer, type CallContext } from './layer';
import { checkOptionKeys, inputShapeError, integerPair, paddingOption, type Padding } from './options';

/** Options of {@link maxPool2d} and {@link avgPool2d}. */
export interface Pool2DOptions {
  /** Window size: one integer or `[ph, pw]`. Default 2. */
  readonly poolSize?: number | readonly [number, number];
  /** Step between windows: one integer or `[sh, sw]`. Default: the pool size (windows do not overlap). */
  readonly strides?: number | readonly [number, number];
  /**
   * `valid` (default): windows lie inside the input; `same`: output `⌈H / sh⌉`, windows that overhang
   * the border use only the cells inside (max ignores the rest, average divides by the cells inside).
   */
  readonly padding?: Padding;
}

const KEYS = ['poolSize', 'strides', 'padding'];

/** What the max and average pooling layers share: options, checks, the NHWC layout. */
abstract class Pool2D extends Layer {
  readonly poolSize: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly padding: Padding;

  constructor(op: string, options: Pool2DOptions) {
    super();
    checkOptionKeys(op, options, KEYS);
    this.poolSize = integerPair(op, 'poolSize', options.poolSize ?? 2);
    this.strides = integerPair(op, 'strides', options.strides ?? this.poolSize);
    this.padding = paddingOption(op, options.padding ?? 'valid');
  }

  protected abstract pool(x: tf.Tensor4D): tf.Tensor4D;

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    expectShape(this.kind, ctx.path, x, { rank: 4, what: '[B, H, W, C]' });
    const [ph, pw] = this.poolSize;
    if (this.padding === 'valid' && (x.shape[1]! < ph || x.shape[2]! < pw)) {
      throw inputShapeError(this.kind, ctx.path, x, `[B, H, W, C] with H ≥ ${ph} and W ≥ ${pw} ('valid' padding)`);
    }
    return this.pool(x as tf.Tensor4D); // [B, H', W', C]
  }
}

/** Max pooling over NHWC images: [B, H, W, C] → [B, H', W', C], each channel on its own. No weights. */
export class MaxPool2D extends Pool2D {
  readonly kind = 'MaxPool2D';

  constructor(options: Pool2DOptions = {}) {
    super('maxPool2d', options);
  }

  protected pool(x: tf.Tensor4D): tf.Tensor4D {
    return tf.maxPool(x, [...this.poolSize], [...this.strides], this.padding); // [B, H', W', C]
  }
}

/** Average pooling over NHWC images: [B, H, W, C] → [B, H', W', C], each channel on its own. No weights. */
export class AvgPool2D extends Pool2D {
  readonly kind = 'AvgPool2D';

  constructor(options: Pool2DOptions = {}) {
    super('avgPool2d', options);
  }

  protected pool(x: tf.Tensor4D): tf.Tensor4D {
    return tf.avgPool(x, [...this.poolSize], [...this.strides], this.padding); // [B, H', W', C]
  }
}

/** Max pooling; see {@link MaxPool2D}. */
export function maxPool2d(options: Pool2DOptions = {}): MaxPool2D {
  return new MaxPool2D(options);
}

/** Average pooling; see {@link AvgPool2D}. */
export function avgPool2d(options: Pool2DOptions = {}): AvgPool2D {
  return new AvgPool2D(options);
}
