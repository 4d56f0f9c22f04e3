import * as tf from '@tensorflow/tfjs-core';
import { numberIn } from '../checks';
import { SlotOptimizer, type GradientEntry, type Optimizer, type OptimizerConfig } from './optimizer';
import { coupledDecay } from './sgd';

/** Options of {@link adam}. */
export interface AdamOptions {
  /** Step size. */
  readonly learningRate: number;
  /** Decay of the running mean of gradients, in [0, 1). Default 0.9. */
  readonly beta1?: number;
  /** Decay of the running mean of squared gradients, in [0, 1). Default 0.999. */
  readonly beta2?: number;
  /** Added to √v̂ so a step never divides by zero. Default 1e-8. */
  readonly epsilon?: number;
  /** L2 penalty added to the gradient, `g + weightDecay · w` (PyTorch `Adam`'s). Default 0. */
  readonly weightDecay?: number;
}

/** Options of {@link adamw}: Adam's, with decoupled weight decay. */
export interface AdamWOptions extends Omit<AdamOptions, 'weightDecay'> {
  /** Each step multiplies every decayed weight by `1 − lr · weightDecay`. Default 0.01. */
  readonly weightDecay?: number;
  /**
   * Which weights decay, by dotted name and shape. Default: every weight (as PyTorch's `AdamW` over
   * one parameter group). nanoGPT decays matrices only: `(_name, shape) => shape.length >= 2`.
   */
  readonly decay?: (name: string, shape: readonly number[]) => boolean;
}

class Adam extends SlotOptimizer {
  readonly config: OptimizerConfig;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private readonly decoupled: boolean;
  private readonly decays: (name: string, shape: readonly number[]) => boolean;
  private stepScale!: tf.Scalar;
  private epsilonScaled!: tf.Scalar;
  private shrink: tf.Scalar | undefined;

  constructor(name: 'adam' | 'adamw', options: AdamWOptions, weightDecay: number, decoupled: boolean) {
    super(name, options.learningRate, ['m', 'v'], true);
    this.beta1 = numberIn(name, 'beta1', options.beta1 ?? 0.9, 0, 1, false, true);
    this.beta2 = numberIn(name, 'beta2', options.beta2 ?? 0.999, 0, 1, false, true);
    this.epsilon = numberIn(name, 'epsilon', options.epsilon ?? 1e-8, 0, Infinity, false, true);
    this.weightDecay = numberIn(name, 'weightDecay', weightDecay, 0, Infinity, false, true);
    this.decoupled = decoupled;
    this.decays = options.decay ?? (() => true);
    this.config = {
      name,
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
    };
  }

  protected override beforeUpdates(learningRate: number): void {
    // PyTorch: w ← w − (lr / bc1) · m / (√v / √bc2 + ε), bc_i = 1 − β_i^t. Multiplied through by
    // √bc2: w ← w − (lr·√bc2 / bc1) · m / (√v + ε·√bc2), one op fewer per weight.
    const t = this.stepCount;
    const bc1 = 1 - this.beta1 ** t;
    const sqrtBc2 = Math.sqrt(1 - this.beta2 ** t);
    this.stepScale = tf.scalar((learningRate * sqrtBc2) / bc1, 'float32');
    this.epsilonScaled = tf.scalar(this.epsilon * sqrtBc2, 'float32');
    this.shrink =
      this.decoupled && this.weightDecay > 0 ? tf.scalar(1 - learningRate * this.weightDecay, 'float32') : undefined;
  }

  protected update(entry: GradientEntry): void {
    const { name, variable } = entry;
    const decay = this.weightDecay > 0 && this.decays(name, variable.shape);
    const g =
      !this.decoupled && decay
        ? coupledDecay(entry.grad, variable, this.weightDecay, (v) => this.constant(v))
        : entry.grad;
    const m = this.slot('m', entry).variable;
    const v = this.slot('v', entry).variable;
    const mNew = tf.add(tf.mul(m, this.constant(this.beta1)), tf.mul(g, this.constant(1 - this.beta1))); // β1·m + (1−β1)·g
    const vNew = tf.add(tf.mul(v, this.constant(this.beta2)), tf.mul(tf.square(g), this.constant(1 - this.beta2))); // β2·v + (1−β2)·g²
    m.assign(mNew);
    v.assign(vNew);
    const step = tf.mul(tf.div(mNew, tf.add(tf.sqrt(vNew), this.epsilonScaled)), this.stepScale); // [same as w]
    // AdamW decays the weight before the Adam step, from its value before this update.
    const base = this.decoupled && decay && this.shrink ? tf.mul(variable, this.shrink) : variable;
    variable.assign(tf.sub(base, step));
  }
}

/**
 * Adam (Kingma & Ba), as PyTorch's `Adam`: `m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`,
 * `w ← w − lr · m̂ / (√v̂ + ε)` with bias corrections `m̂ = m / (1−β1^t)`, `v̂ = v / (1−β2^t)`.
 * State: `step`, `m.<weight>`, `v.<weight>`.
 */
export function adam(options: AdamOptions): Optimizer {
  return new Adam('adam', options, options.weightDecay ?? 0, false);
}

/**
 * AdamW (Loshchilov & Hutter), as PyTorch's `AdamW`: Adam with decoupled weight decay,
 * `w ← w · (1 − lr·weightDecay)` before each Adam step (default weight decay 0.01).
 */
export function adamw(options: AdamWOptions): Optimizer {
  return new Adam('adamw', options, options.weightDecay ?? 0.01, true);
}
