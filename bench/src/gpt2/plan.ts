import type { GreedyPlan } from './greedy';
import type { Gpt2BenchConfig, Gpt2BenchPlan, Gpt2Variant } from './types';

/** Command-line options of `pnpm bench gpt2`. */
export interface Gpt2BenchArgs {
  /** `--smoke`: the tiny model, a few tokens, every implementation at once (CI). */
  readonly smoke: boolean;
  /** `--json`: one JSON document on stdout instead of the table. */
  readonly json: boolean;
  /** `--only=a,b`: run only the implementations whose id starts with one of these (e.g. onnxruntime, ours-wasm). */
  readonly only?: readonly string[];
}

/** The usage line. */
export const USAGE = 'usage: pnpm bench gpt2 [--smoke] [--json] [--only=onnxruntime-2t,ours-wasm,…]';

/** Parses the benchmark's argv; throws with the usage line on anything else. */
export function parseArgs(argv: readonly string[]): Gpt2BenchArgs {
  let smoke = false;
  let json = false;
  let only: string[] | undefined;
  for (const arg of argv) {
    if (arg === '--smoke') smoke = true;
    else if (arg === '--json') json = true;
    else if (arg.startsWith('--only=')) {
      only = arg
        .slice('--only='.length)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      if (only.length === 0) throw new Error(`bench gpt2: --only needs implementation ids; got "${arg}"\n${USAGE}`);
    } else throw new Error(`bench gpt2: unknown argument "${arg}"\n${USAGE}`);
  }
  return only === undefined ? { smoke, json } : { smoke, json, only };
}

/** onnxruntime-node on some threads. */
export interface OnnxJob {
  readonly id: string;
  readonly kind: 'onnxruntime';
  readonly threads: number;
  readonly plan: GreedyPlan;
}

/** Ours on one backend with one weight variant. */
export interface OursJob {
  readonly id: string;
  readonly kind: 'ours';
  readonly backend: string;
  readonly variant: Gpt2Variant;
  readonly plan: GreedyPlan;
}

export type Gpt2Job = OnnxJob | OursJob;

/** Checks a plan against its model; throws naming the field. */
export function checkPlan(plan: Gpt2BenchPlan, name: string): void {
  const m = plan.model;
  if (m.embedDim % m.heads !== 0) throw new Error(`bench gpt2: ${name}.model embedDim must divide by heads`);
  const bad = plan.prompt.find((id) => !Number.isInteger(id) || id < 0 || id >= m.vocabSize);
  if (bad !== undefined) throw new Error(`bench gpt2: ${name}.prompt id ${bad} is outside [0, ${m.vocabSize})`);
  const longest = plan.prompt.length + Math.max(plan.decodeTokens, plan.warmupDecodeTokens, plan.checkTokens) + 1;
  if (longest > m.contextLength)
    throw new Error(`bench gpt2: ${name}: ${longest} positions do not fit the context of ${m.contextLength}`);
}

/**
 * The jobs of a run, in order (onnxruntime first, its reference thread count first), and notes on
 * what is left out: disabled variants, backends skipped in full runs (`--only` naming them brings
 * them back), onnxruntime beyond the reference thread count in a smoke run.
 */
export function planJobs(config: Gpt2BenchConfig, args: Gpt2BenchArgs): { jobs: Gpt2Job[]; notes: string[] } {
  const base = args.smoke ? config.smoke : config.full;
  const greedy: GreedyPlan = {
    prompt: base.prompt,
    decodeTokens: base.decodeTokens,
    warmupDecodeTokens: base.warmupDecodeTokens,
    rounds: base.rounds,
    maxSecondsPerImplementation: base.maxSecondsPerImplementation,
  };
  const named = (id: string) => args.only?.some((p) => id.startsWith(p)) ?? false;
  const wanted = (id: string) => args.only === undefined || named(id);
  const notes: string[] = [];
  const jobs: Gpt2Job[] = [];
  const threads = args.smoke ? config.onnxThreads.slice(0, 1) : config.onnxThreads;
  for (const t of threads) {
    const id = `onnxruntime-${t}t`;
    if (wanted(id)) jobs.push({ id, kind: 'onnxruntime', threads: t, plan: greedy });
  }
  for (const v of config.variants.filter((v) => !v.enabled))
    notes.push(`${v.label} (${v.id}): disabled in bench/configs/gpt2.json`);
  for (const run of config.ours) {
    const variants = config.variants.filter((v) => v.enabled && (run.variants ?? [v.id]).includes(v.id));
    for (const variant of variants) {
      const id = `ours-${run.backend}-${variant.id}`;
      if (!wanted(id)) continue;
      if (!args.smoke && run.skipFull !== undefined && !named(id)) {
        notes.push(`ours ${run.backend}: left out (${run.skipFull})`);
        continue;
      }
      const plan: GreedyPlan = args.smoke
        ? greedy
        : {
            ...greedy,
            decodeTokens: run.decodeTokens ?? greedy.decodeTokens,
            warmupDecodeTokens: run.warmupDecodeTokens ?? greedy.warmupDecodeTokens,
            rounds: run.rounds ?? greedy.rounds,
          };
      jobs.push({ id, kind: 'ours', backend: run.backend, variant, plan });
    }
  }
  return { jobs, notes: [...new Set(notes)] };
}
