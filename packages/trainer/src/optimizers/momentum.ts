import * as tf from '@tensorflow/tfjs-core';
import { numberIn } from '../checks';
import { SlotOptimizer, type GradientEntry, type Optimizer, type OptimizerConfig } from './optimizer';
import { coupledDecay } from './sgd';

/** Options of {@link momentum}. */
export interface MomentumOptions {
  /** Step size. */
  readonly learningRate: number;
  /** How much of the previous velocity carries over, in [0, 1). Default 0.9. */
  readonly momentum?: number;
  /** Nesterov's variant: step along `g + μ·b` instead of `b`. Default false. */
  readonly nesterov?: boolean;
  /** L2 penalty added to the gradient, `g + weightDecay · w`. Default 0. */
  readonly weightDecay?: number;
}

class Momentum extends SlotOptimizer {
  readonly config: OptimizerConfig;
  private readonly momentum: number;
  private readonly nesterov: boolean;
  private readonly weightDecay: number;

  constructor(options: MomentumOptions) {
    super('momentum', options.learningRate, ['velocity'], false);
    this.momentum = numberIn('momentum', 'momentum', options.momentum ?? 0.9, 0, 1, false, true);
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = numberIn('momentum', 'weightDecay', options.weightDecay ?? 0, 0, Infinity, false, true);
    this.config = {
      name: this.name,
      learningRate: this.learningRate,
      momentum: this.momentum,
      nesterov: this.nesterov,
      weightDecay: this.weightDecay,
    };
  }

  protected update({ name, variable, grad }: GradientEntry): void {
    const g = coupledDecay(grad, variable, this.weightDecay, (v) => this.constant(v));
    const mu = this.constant(this.momentum);
    // PyTorch: the first step's buffer is the gradient itself, later b ← μ·b + g.
    const { variable: buffer, fresh } = this.slot('velocity', { name, variable, grad });
    const b = fresh ? g : tf.add(tf.mul(buffer, mu), g); // [same as w]
    buffer.assign(b);
    const direction = this.nesterov ? tf.add(g, tf.mul(b, mu)) : b;
    variable.assign(tf.sub(variable, tf.mul(direction, this.rate))); // w − lr·d
  }
}

/**
 * SGD with momentum, as PyTorch's `SGD(momentum=μ)` (dampening 0): `b ← μ·b + g`, then
 * `w ← w − lr·b` (or `w ← w − lr·(g + μ·b)` with `nesterov`). State: `velocity.<weight>`.
 */
export function momentum(options: MomentumOptions): Optimizer {
  return new Momentum(options);
}
