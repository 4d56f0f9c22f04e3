import * as tf from '@tensorflow/tfjs-core';
import { numberIn } from '../checks';
import { SlotOptimizer, type GradientEntry, type Optimizer, type OptimizerConfig } from './optimizer';

/** Options of {@link sgd}. */
export interface SgdOptions {
  /** Step size. */
  readonly learningRate: number;
  /** L2 penalty added to the gradient, `g + weightDecay · w` (PyTorch's `weight_decay`). Default 0. */
  readonly weightDecay?: number;
}

class Sgd extends SlotOptimizer {
  readonly config: OptimizerConfig;
  private readonly weightDecay: number;

  constructor(options: SgdOptions) {
    super('sgd', options.learningRate, [], false);
    this.weightDecay = numberIn('sgd', 'weightDecay', options.weightDecay ?? 0, 0, Infinity, false, true);
    this.config = { name: this.name, learningRate: this.learningRate, weightDecay: this.weightDecay };
  }

  protected update({ variable, grad }: GradientEntry): void {
    const g = coupledDecay(grad, variable, this.weightDecay, (v) => this.constant(v));
    variable.assign(tf.sub(variable, tf.mul(g, this.rate))); // w − lr·g
  }
}

/**
 * Plain stochastic gradient descent (PyTorch `SGD` without momentum): `w ← w − lr · g`. No state.
 */
export function sgd(options: SgdOptions): Optimizer {
  return new Sgd(options);
}

/** `g + decay · w` when `decay > 0` (coupled L2 weight decay), else `g`. */
export function coupledDecay(
  grad: tf.Tensor,
  variable: tf.Variable,
  decay: number,
  constant: (value: number) => tf.Scalar,
): tf.Tensor {
  return decay > 0 ? tf.add(grad, tf.mul(variable, constant(decay))) : grad;
}
