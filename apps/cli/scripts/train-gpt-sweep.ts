/**
 * GPT from scratch (essay section 10.1): small GPT-2s trained on the bundled corpus, byte-level and
 * BPE, at three sizes on the same number of tokens, in held-out bits per byte beside Kneser–Ney
 * n-gram models on the same held-out text. Results, figures, samples and the kept models (Hugging
 * Face layout) go to `docs/gpt-from-scratch/`.
 *
 *   node scripts/run-ts.mjs apps/cli/scripts/train-gpt-sweep.ts [--smoke] [--out DIR] [--work DIR] [--time N]
 *
 * --smoke: the whole pipeline on a sliver of the corpus, a few steps per run (seconds); its outputs
 * go to node_modules/.cache/train-gpt-sweep-smoke/ unless --out says otherwise. --time N: time N
 * training steps of every run, write nothing. --only NAME: train just that run (its results.json in
 * --out), e.g. in a second process on the second core; --merge FILE (repeatable): take the runs of
 * such a results.json as done. The sweep is resumable: runs already in `results.json` (same settings,
 * weights in --work, default node_modules/.cache/train-gpt-sweep) are not trained again, so running
 * the command again only rewrites the outputs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { runSweep, type SweepSettings } from './train-gpt-sweep-core';
import { SMOKE_SETTINGS, SWEEP_SETTINGS, timeRuns } from './train-gpt-sweep-settings';

const COMMAND = 'node scripts/run-ts.mjs apps/cli/scripts/train-gpt-sweep.ts';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    work: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    time: { type: 'string' },
    only: { type: 'string' },
    merge: { type: 'string', multiple: true },
  },
});

const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  tf.env().set('PROD', true);
  const backend = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
  say(`backend: ${backend.reason}`);
  const settings: SweepSettings = args.smoke ? SMOKE_SETTINGS : SWEEP_SETTINGS;
  if (args.time !== undefined) {
    await timeRuns(settings, Number(args.time), say);
    return;
  }
  const out = args.out ?? (args.smoke ? 'node_modules/.cache/train-gpt-sweep-smoke/out' : 'docs/gpt-from-scratch');
  const work =
    args.work ??
    (args.smoke ? 'node_modules/.cache/train-gpt-sweep-smoke/work' : 'node_modules/.cache/train-gpt-sweep');
  const command = COMMAND + (args.smoke ? ' --smoke' : '') + (args.out === undefined ? '' : ` --out ${args.out}`);
  await runSweep(settings, {
    out,
    work,
    command,
    onLog: say,
    ...(args.only === undefined ? {} : { only: args.only }),
    ...(args.merge === undefined ? {} : { merge: args.merge }),
  });
}

await main();
