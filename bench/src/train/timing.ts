import { median } from '../harness';
import type { TrainRunPlan } from '../train-types';

/**
 * How many steps per round and how many rounds, from one timed step: a round lasts about
 * `roundSeconds`, and the rounds together about `maxSecondsPerModel` at most (never fewer than
 * `minRounds`). torch_train.py's `timing_shape` is the same rule.
 */
export function timingShape(plan: TrainRunPlan, estimateMs: number): { stepsPerRound: number; rounds: number } {
  const per = Math.max(estimateMs, 1e-3);
  const stepsPerRound = Math.min(plan.maxStepsPerRound, Math.max(1, Math.ceil((plan.roundSeconds * 1000) / per)));
  const fit = Math.floor((plan.maxSecondsPerModel * 1000) / (stepsPerRound * per));
  const rounds = Math.max(Math.min(plan.minRounds, plan.rounds), Math.min(plan.rounds, fit));
  return { stepsPerRound, rounds };
}

/**
 * Runs `step` (one training step that resolves once its loss has been read) for warm-up, one
 * estimate, then timed rounds; returns the ms per step of each round and their median.
 */
export async function timeSteps(
  step: () => Promise<number>,
  plan: TrainRunPlan,
): Promise<{ stepsPerRound: number; roundMs: number[]; msPerStep: number }> {
  for (let i = 0; i < plan.warmupSteps; i++) await step();
  const start = performance.now();
  await step();
  const { stepsPerRound, rounds } = timingShape(plan, performance.now() - start);
  const roundMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let s = 0; s < stepsPerRound; s++) await step();
    roundMs.push((performance.now() - t0) / stepsPerRound);
  }
  return { stepsPerRound, roundMs, msPerStep: median(roundMs) };
}
