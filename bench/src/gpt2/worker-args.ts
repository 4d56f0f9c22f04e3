import type { GreedyPlan } from './greedy';

/** `--plan=<json>`: the greedy plan a worker runs, as the orchestrator passes it. */
export function planArgument(plan: GreedyPlan): string {
  const { prompt, decodeTokens, warmupDecodeTokens, rounds, maxSecondsPerImplementation } = plan;
  return `--plan=${JSON.stringify({ prompt, decodeTokens, warmupDecodeTokens, rounds, maxSecondsPerImplementation })}`;
}

const count = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min;

/** Reads and checks `--plan=<json>` from a worker's argv; throws naming what is wrong. */
export function readPlanArgument(argv: readonly string[]): GreedyPlan {
  const arg = argv.find((a) => a.startsWith('--plan='));
  if (arg === undefined) throw new Error('gpt2 worker: --plan=<json> is missing');
  let raw: unknown;
  try {
    raw = JSON.parse(arg.slice('--plan='.length));
  } catch {
    throw new Error(`gpt2 worker: --plan is not JSON: ${arg.slice(0, 80)}`);
  }
  const p = raw as Partial<Record<keyof GreedyPlan, unknown>>;
  if (!Array.isArray(p.prompt) || p.prompt.length === 0 || !p.prompt.every((id) => count(id, 0)))
    throw new Error(
      `gpt2 worker: --plan prompt must be a non-empty list of token ids; got ${JSON.stringify(p.prompt)}`,
    );
  for (const [key, min] of [
    ['decodeTokens', 1],
    ['warmupDecodeTokens', 0],
    ['rounds', 1],
  ] as const) {
    if (!count(p[key], min))
      throw new Error(`gpt2 worker: --plan ${key} must be an integer ≥ ${min}; got ${JSON.stringify(p[key])}`);
  }
  const seconds = p.maxSecondsPerImplementation;
  if (typeof seconds !== 'number' || !(seconds >= 0))
    throw new Error(`gpt2 worker: --plan maxSecondsPerImplementation must be ≥ 0; got ${JSON.stringify(seconds)}`);
  return {
    prompt: p.prompt as number[],
    decodeTokens: p.decodeTokens as number,
    warmupDecodeTokens: p.warmupDecodeTokens as number,
    rounds: p.rounds as number,
    maxSecondsPerImplementation: seconds,
  };
}
