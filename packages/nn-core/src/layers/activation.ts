import type * as tf from '@tensorflow/tfjs-core';
import { activate, type ActivationName } from './activation-functions';
import { Layer, type CallContext } from './layer';

/** A layer with no weights that applies one activation function element-wise (softmax: last axis). */
export class Activation extends Layer {
  readonly kind: string;
  readonly fn: ActivationName;

  constructor(fn: ActivationName) {
    super();
    activate(fn, undefined);
    this.fn = fn;
    this.kind = KIND[fn];
  }

  call(x: tf.Tensor, _ctx: CallContext): tf.Tensor {
    return activate(this.fn, x);
  }
}

const KIND: Record<ActivationName, string> = {
  linear: 'Linear',
  relu: 'ReLU',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  gelu: 'GELU',
  softmax: 'Softmax',
};

/** ReLU, the essay's "Ramp": max(0, x). */
export const relu = (): Activation => new Activation('relu');
/** The essay's name for {@link relu}. */
export const ramp = relu;
/** tanh. */
export const tanh = (): Activation => new Activation('tanh');
/** The logistic sigmoid 1 / (1 + e^−x). */
export const sigmoid = (): Activation => new Activation('sigmoid');
/** GELU, tanh form (GPT-2's). */
export const gelu = (): Activation => new Activation('gelu');
/** Softmax over the last axis. */
export const softmax = (): Activation => new Activation('softmax');
