// The timed greedy loop both workers run, so both sides are timed by the same rule.
import { median } from '../harness';
import type { GreedyTiming } from './types';

/** The next token an implementation picked, and how far ahead of the runner-up it was. */
export interface Pick {
  readonly id: number;
  /** Top-1 minus top-2 logit. */
  readonly gap: number;
}

/**
 * One implementation, as the loop drives it: `reset` empties its KV cache; `step(ids)` runs the model
 * on `ids` continuing the cache (the whole prompt first, then one id at a time) and resolves with the
 * greedy pick from the last position's logits once they are read back.
 */
export interface GreedyModel {
  reset(): void | Promise<void>;
  step(ids: readonly number[]): Promise<Pick>;
}

/** How many tokens and rounds. */
export interface GreedyPlan {
  readonly prompt: readonly number[];
  readonly decodeTokens: number;
  readonly warmupDecodeTokens: number;
  readonly rounds: number;
  readonly maxSecondsPerImplementation: number;
}

/** The index of the largest value and its lead over the second largest (first index wins ties). */
export function greedyPick(logits: ArrayLike<number>): Pick {
  let best = 0;
  let top = -Infinity;
  let second = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i]!;
    if (x > top) {
      second = top;
      top = x;
      best = i;
    } else if (x > second) second = x;
  }
  return { id: best, gap: top - second };
}

/**
 * One round: a fresh cache, the prompt (its pass picks the first id), then `steps` single-token
 * passes through the cache, each picking one more id; ms of the prompt and of the steps.
 */
async function round(
  model: GreedyModel,
  prompt: readonly number[],
  steps: number,
): Promise<{ promptMs: number; decodeMs: number; ids: number[]; gaps: number[] }> {
  await model.reset();
  const t0 = performance.now();
  let pick = await model.step(prompt);
  const t1 = performance.now();
  const ids = [pick.id];
  const gaps = [pick.gap];
  for (let i = 0; i < steps; i++) {
    pick = await model.step([pick.id]);
    ids.push(pick.id);
    gaps.push(pick.gap);
  }
  const t2 = performance.now();
  return { promptMs: t1 - t0, decodeMs: t2 - t1, ids, gaps };
}

/**
 * Warm-up (the prompt and `warmupDecodeTokens` steps, untimed), then timed rounds until `rounds` or
 * `maxSecondsPerImplementation` (one at least). Each round generates `decodeTokens + 1` ids: one
 * from the prompt's pass, then one per cached step; decode tokens/s is steps ÷ their time.
 */
export async function timeGreedy(model: GreedyModel, plan: GreedyPlan): Promise<GreedyTiming> {
  if (plan.decodeTokens < 1) throw new Error(`gpt2 bench: decodeTokens must be ≥ 1; got ${plan.decodeTokens}`);
  if (plan.warmupDecodeTokens > 0) await round(model, plan.prompt, plan.warmupDecodeTokens);
  const started = performance.now();
  const rounds: Array<Awaited<ReturnType<typeof round>>> = [];
  while (rounds.length < Math.max(1, plan.rounds)) {
    rounds.push(await round(model, plan.prompt, plan.decodeTokens));
    if (performance.now() - started > plan.maxSecondsPerImplementation * 1000) break;
  }
  await model.reset();
  const first = rounds[0]!;
  return {
    promptTokensPerSecond: median(rounds.map((r) => (plan.prompt.length * 1000) / r.promptMs)),
    decodeTokensPerSecond: median(rounds.map((r) => (plan.decodeTokens * 1000) / r.decodeMs)),
    roundsRun: rounds.length,
    decodeTokens: plan.decodeTokens,
    ids: first.ids,
    gaps: first.gaps,
    deterministic: rounds.every((r) => r.ids.join() === first.ids.join()),
  };
}
