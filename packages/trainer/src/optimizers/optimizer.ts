/**
 * The optimizer contract and the bookkeeping every optimizer shares: per-weight state tensors
 * ("slots", e.g. Adam's `m.0.weight`) created on first use, copied out by `state()` and back in by
 * `loadState()`, so a checkpoint can hold them by name.
 */
import * as tf from '@tensorflow/tfjs-core';
import { numberIn, shapeText, show } from '../checks';
import { TrainerError } from '../errors';

/** One weight's gradient, as {@link Optimizer.step} receives it. */
export interface GradientEntry {
  /** The weight's dotted name in the model (`0.weight`); slots are keyed by it. */
  readonly name: string;
  /** The weight, updated in place with `assign`. */
  readonly variable: tf.Variable;
  /** d loss / d weight, the weight's shape. */
  readonly grad: tf.Tensor;
}

/** The hyperparameters of an optimizer, as written into checkpoints. */
export type OptimizerConfig = Readonly<Record<string, number | boolean | string>>;

/**
 * An optimizer: turns gradients into weight updates. Our own implementations on tfjs-core ops
 * (PyTorch's update rules), so their state is plain named tensors.
 */
export interface Optimizer {
  /** `sgd`, `momentum`, `adam` or `adamw`. */
  readonly name: string;
  /** The base learning rate; {@link step} uses it when given none (a schedule scales from it). */
  readonly learningRate: number;
  /** The name and every hyperparameter, for checkpoints and logs. */
  readonly config: OptimizerConfig;
  /**
   * Applies one update to every weight in `grads` (weights without a gradient are left alone), with
   * `learningRate` (default {@link learningRate}). Creates no lasting tensors besides its slots.
   */
  step(grads: ReadonlyArray<GradientEntry>, learningRate?: number): void;
  /**
   * The optimizer's state by name (`m.0.weight`, `v.0.weight`, `step`, …): copies that the caller
   * owns and disposes (they share storage with the live tensors, so copying is cheap).
   */
  state(): Record<string, tf.Tensor>;
  /**
   * Replaces the state with copies of `state` (as {@link state} returned it). Every name is checked
   * before anything changes; the caller keeps ownership of the tensors given.
   */
  loadState(state: Readonly<Record<string, tf.Tensor>>): void;
  /** Disposes the state tensors. The optimizer can keep training afterwards, from fresh state. */
  dispose(): void;
}

/** The shared part of our optimizers: slots, the step counter, constants, state in and out. */
export abstract class SlotOptimizer implements Optimizer {
  abstract readonly config: OptimizerConfig;
  readonly name: string;
  readonly learningRate: number;
  /** Updates taken so far (Adam's `t`); in the state as `step` when {@link countsSteps}. */
  protected stepCount = 0;
  /** The current step's learning rate as a scalar, valid inside {@link update}. */
  protected rate!: tf.Scalar;
  private readonly slots = new Map<string, tf.Variable>();
  private readonly constants = new Map<number, tf.Scalar>();

  /**
   * @param name the optimizer's name (`adam`).
   * @param learningRate the base learning rate, finite and ≥ 0.
   * @param slotKinds the prefixes of this optimizer's slots (`['m', 'v']`).
   * @param countsSteps whether the state holds the step counter.
   */
  protected constructor(
    name: string,
    learningRate: number,
    private readonly slotKinds: readonly string[],
    private readonly countsSteps: boolean,
  ) {
    this.name = name;
    this.learningRate = numberIn(name, 'learningRate', learningRate, 0, Infinity, false, true);
  }

  step(grads: ReadonlyArray<GradientEntry>, learningRate: number = this.learningRate): void {
    if (!(Number.isFinite(learningRate) && learningRate >= 0)) {
      throw new TrainerError(
        'INVALID_ARGUMENT',
        `${this.name}.step: learningRate must be a finite number ≥ 0, got ${show(learningRate)}`,
        {
          argument: 'learningRate',
          value: learningRate,
          expected: 'a finite number ≥ 0',
        },
      );
    }
    // Everything is checked before anything changes: a bad entry leaves weights and state alone.
    for (const entry of grads) {
      if (entry.grad == null) continue;
      if (!tf.util.arraysEqual(entry.grad.shape, entry.variable.shape)) {
        throw new TrainerError(
          'SHAPE_MISMATCH',
          `${this.name}.step: gradient of ${entry.name} has shape ${shapeText(entry.grad.shape)}, the weight ${shapeText(entry.variable.shape)}`,
          { argument: entry.name, value: [...entry.grad.shape], expected: shapeText(entry.variable.shape) },
        );
      }
      for (const kind of this.slotKinds) {
        const key = `${kind}.${entry.name}`;
        const found = this.slots.get(key);
        if (found && !tf.util.arraysEqual(found.shape, entry.variable.shape)) {
          throw new TrainerError(
            'SHAPE_MISMATCH',
            `${this.name}.step: state ${key} has shape ${shapeText(found.shape)}, the weight ${shapeText(entry.variable.shape)}`,
            { argument: key, value: [...found.shape], expected: shapeText(entry.variable.shape) },
          );
        }
      }
    }
    this.stepCount += 1;
    tf.tidy(() => {
      this.rate = tf.scalar(learningRate, 'float32');
      this.beforeUpdates(learningRate);
      for (const entry of grads) if (entry.grad != null) this.update(entry, learningRate);
    });
  }

  /** Per-step preparation (scalars shared by every weight), inside the step's tidy. */
  protected beforeUpdates(_learningRate: number): void {}

  /** Updates one weight, inside the step's tidy. */
  protected abstract update(entry: GradientEntry, learningRate: number): void;

  /** The slot `kind.name` for `entry`, created as zeros on first use (`fresh` then). */
  protected slot(kind: string, entry: GradientEntry): { variable: tf.Variable; fresh: boolean } {
    const key = `${kind}.${entry.name}`;
    const found = this.slots.get(key);
    if (found) return { variable: found, fresh: false };
    const variable = tf.variable(tf.zerosLike(entry.variable), false);
    this.slots.set(key, variable);
    return { variable, fresh: true };
  }

  /** A scalar constant kept across steps (created on first use, on the active backend). */
  protected constant(value: number): tf.Scalar {
    let c = this.constants.get(value);
    if (!c) {
      c = tf.keep(tf.scalar(value, 'float32'));
      this.constants.set(value, c);
    }
    return c;
  }

  state(): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    if (this.countsSteps) out['step'] = tf.scalar(this.stepCount, 'int32');
    for (const [key, variable] of this.slots) out[key] = tf.clone(variable);
    return out;
  }

  loadState(state: Readonly<Record<string, tf.Tensor>>): void {
    let steps = 0;
    for (const [key, tensor] of Object.entries(state)) {
      if (!(tensor instanceof tf.Tensor)) {
        throw new TrainerError('INVALID_ARGUMENT', `${this.name}.loadState: ${key} is not a tensor`, {
          argument: key,
          value: tensor,
          expected: 'a tf.Tensor',
        });
      }
      if (key === 'step' && this.countsSteps) {
        const value = tensor.size === 1 ? tensor.dataSync()[0]! : NaN;
        steps = nonNegativeCount(this.name, value);
        continue;
      }
      const dot = key.indexOf('.');
      if (dot <= 0 || !this.slotKinds.includes(key.slice(0, dot)) || dot === key.length - 1) {
        const known = [...(this.countsSteps ? ['step'] : []), ...this.slotKinds.map((k) => `${k}.<weight>`)];
        throw new TrainerError(
          'INVALID_ARGUMENT',
          `${this.name}.loadState: unknown state "${key}"; ${this.name} keeps ${known.join(', ') || 'no state'}`,
          {
            argument: 'state',
            value: key,
            expected: known.join(', '),
          },
        );
      }
    }
    this.disposeSlots();
    this.stepCount = steps;
    tf.tidy(() => {
      for (const [key, tensor] of Object.entries(state)) {
        if (key === 'step' && this.countsSteps) continue;
        // A variable shares the tensor's storage (reference counted) and outlives the tidy.
        this.slots.set(key, tf.variable(tensor.dtype === 'float32' ? tensor : tf.cast(tensor, 'float32'), false));
      }
    });
  }

  dispose(): void {
    this.disposeSlots();
    for (const c of this.constants.values()) c.dispose();
    this.constants.clear();
    this.stepCount = 0;
  }

  private disposeSlots(): void {
    for (const v of this.slots.values()) v.dispose();
    this.slots.clear();
  }
}

function nonNegativeCount(op: string, value: number): number {
  if (Number.isSafeInteger(value) && value >= 0) return value;
  throw new TrainerError('INVALID_ARGUMENT', `${op}.loadState: step must be an integer ≥ 0, got ${show(value)}`, {
    argument: 'step',
    value,
    expected: 'an integer ≥ 0',
  });
}
