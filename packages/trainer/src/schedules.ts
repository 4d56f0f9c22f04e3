/**
 * Learning-rate schedules. A schedule is a function `(step, baseLearningRate) => learningRate`:
 * `step` is the number of updates already taken (0 for the first update) and `baseLearningRate`
 * the optimizer's `learningRate`; it returns the learning rate (not a multiplier) for that update.
 */
import { nonNegativeInteger, numberIn, positiveInteger } from './checks';
import { TrainerError } from './errors';

/** `(step, baseLearningRate) => learningRate`; `step` counts updates already taken, from 0. */
export type LearningRateSchedule = (step: number, baseLearningRate: number) => number;

/** The base rate at every step. */
export function constantSchedule(): LearningRateSchedule {
  return (_step, base) => base;
}

/** Options of {@link stepSchedule}. */
export interface StepScheduleOptions {
  /** Multiply the rate by `gamma` every `stepSize` steps. */
  readonly stepSize: number;
  /** The factor, in (0, 1]. Default 0.1 (PyTorch's `StepLR`). */
  readonly gamma?: number;
}

/** `base · gamma^⌊step / stepSize⌋`, as PyTorch's `StepLR` (counted in updates, not epochs). */
export function stepSchedule(options: StepScheduleOptions): LearningRateSchedule {
  const stepSize = positiveInteger('stepSchedule', 'stepSize', options.stepSize);
  const gamma = numberIn('stepSchedule', 'gamma', options.gamma ?? 0.1, 0, 1, true);
  return (step, base) => base * gamma ** Math.floor(step / stepSize);
}

/** Options of {@link linearWarmup}. */
export interface LinearWarmupOptions {
  /** Steps over which the rate climbs to the base rate. */
  readonly warmupSteps: number;
  /** The schedule used from `warmupSteps` on (its own step count starts there). Default constant. */
  readonly then?: LearningRateSchedule;
}

/**
 * `base · (step + 1) / warmupSteps` for the first `warmupSteps` updates (so the first update already
 * moves, as in llm.c and nanoGPT), then `then` (default: the base rate).
 */
export function linearWarmup(options: LinearWarmupOptions): LearningRateSchedule {
  const warmupSteps = nonNegativeInteger('linearWarmup', 'warmupSteps', options.warmupSteps);
  const then = options.then ?? constantSchedule();
  return (step, base) => (step < warmupSteps ? (base * (step + 1)) / warmupSteps : then(step - warmupSteps, base));
}

/** Options of {@link cosineSchedule}. */
export interface CosineScheduleOptions {
  /** Linear warmup steps before the decay (see {@link linearWarmup}). Default 0. */
  readonly warmupSteps?: number;
  /** The step at which the decay reaches `minLearningRate`; it stays there afterwards. */
  readonly totalSteps: number;
  /** The rate at the end of the decay. Default 0. */
  readonly minLearningRate?: number;
}

/**
 * Linear warmup to the base rate, then half a cosine down to `minLearningRate` at `totalSteps`
 * (nanoGPT's `get_lr`): `min + ½(1 + cos(π·r))·(base − min)`, `r = (step − warmup) / (total − warmup)`.
 */
export function cosineSchedule(options: CosineScheduleOptions): LearningRateSchedule {
  const warmupSteps = nonNegativeInteger('cosineSchedule', 'warmupSteps', options.warmupSteps ?? 0);
  const totalSteps = positiveInteger('cosineSchedule', 'totalSteps', options.totalSteps);
  const minLearningRate = numberIn(
    'cosineSchedule',
    'minLearningRate',
    options.minLearningRate ?? 0,
    0,
    Infinity,
    false,
    true,
  );
  if (warmupSteps > totalSteps) {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `cosineSchedule: warmupSteps (${warmupSteps}) must not exceed totalSteps (${totalSteps})`,
      { argument: 'warmupSteps', value: warmupSteps, expected: `an integer ≤ ${totalSteps}` },
    );
  }
  return (step, base) => {
    if (step < warmupSteps) return (base * (step + 1)) / warmupSteps;
    if (step >= totalSteps) return minLearningRate;
    const ratio = (step - warmupSteps) / (totalSteps - warmupSteps);
    return minLearningRate + 0.5 * (1 + Math.cos(Math.PI * ratio)) * (base - minLearningRate);
  };
}
