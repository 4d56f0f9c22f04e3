// `pnpm bench train-gpt [--smoke] [--json]`: training tokens/s of nanoGPT's CPU shakespeare_char
// config (bench/configs/train-gpt.json: 4 layers, 4 heads, C = 128, T = 64, batch 12, character
// vocabulary of tinyshakespeare, AdamW, clipping, tied head) in createGpt2Model + the trainer's
// trainStep on each configured nn-core backend, beside the same model, weights, windows and optimizer
// in PyTorch on the CPU (bench/src/train-gpt/torch_gpt.py, Debian's python3-torch,
// torch.set_num_threads(2); also 1 thread, and 2 threads on the netlib reference BLAS), each in its own
// process, one after another, with the ratio. The first losses must agree before the times mean
// anything. Exits 1 when a side fails, losses disagree or tensors leak; in a smoke run a missing
// PyTorch is a one-line note.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, isSmoke, readConfig } from './harness';
import { machineLine } from './tokenizer/report';
import type { TrainGptConfig, TrainGptWorkerResult } from './train-gpt-types';
import { resultsTable, rowName, tokensPerSecond } from './train-gpt/report';
import { lossGap } from './train/report';
import { type ChildResult, runChildren, runJson, runTsWorker } from './train/spawn';

const log = (line: string) => process.stderr.write(`bench train-gpt: ${line}\n`);
const argv = process.argv.slice(2);
const config = readConfig<TrainGptConfig>('train-gpt');
const smoke = isSmoke(argv);
const run = smoke ? config.smoke : config.full;
const pass = smoke ? ['--smoke'] : [];

/**
 * PyTorch on `threads` threads in its own process (OpenMP and OpenBLAS told the same count, since
 * Debian's torch does not tell OpenBLAS); `libraryPath` puts another libblas.so.3 first. A missing
 * interpreter or torch gives `unavailable`.
 */
async function runTorch(
  threads: number,
  implementation: string,
  libraryPath?: string,
): Promise<ChildResult<TrainGptWorkerResult>> {
  const script = join(ROOT, 'bench/src/train-gpt/torch_gpt.py');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OMP_NUM_THREADS: String(threads),
    OPENBLAS_NUM_THREADS: String(threads),
    ...(libraryPath === undefined ? {} : { LD_LIBRARY_PATH: libraryPath }),
  };
  const result = await runJson<TrainGptWorkerResult>(
    config.python,
    [
      script,
      join(ROOT, 'bench/configs/train-gpt.json'),
      String(threads),
      `--implementation=${implementation}`,
      ...pass,
    ],
    { env, echo: !smoke },
  );
  if (!result.ok && result.missing === true) {
    const why = `${config.python}: not found`;
    return { ok: true, value: { implementation, detail: why, hardware: false, unavailable: why } };
  }
  return result;
}

interface Job {
  readonly name: string;
  readonly torch: boolean;
  run(): Promise<ChildResult<TrainGptWorkerResult>>;
}
const threadCounts = [config.torchThreads, ...(config.torchSingleThread && !smoke ? [1] : [])];
const netlib = config.referenceBlasLibraryPath;
const jobs: Job[] = [
  ...threadCounts.map((threads) => ({
    name: `PyTorch, ${threads} thread(s)`,
    torch: true,
    run: () => runTorch(threads, threads === 1 ? 'torch-1t' : 'torch'),
  })),
  ...(netlib === undefined || smoke || !existsSync(netlib.split(':')[0]!)
    ? []
    : [
        {
          name: `PyTorch, ${config.torchThreads} thread(s), netlib BLAS`,
          torch: true,
          run: () => runTorch(config.torchThreads, 'torch-netlib', netlib),
        },
      ]),
  ...config.backends.map((backend) => ({
    name: `ours ${backend}`,
    torch: false,
    run: () => runTsWorker<TrainGptWorkerResult>('bench/src/train-gpt/worker.ts', [backend, ...pass], !smoke),
  })),
];

// Timed runs go one at a time; a smoke run (its one timed step means nothing) starts them all at once.
const { outcomes, loads } = await runChildren(jobs, smoke, log);

const results: TrainGptWorkerResult[] = [];
const notes: string[] = [];
const problems: string[] = [];
for (const [i, outcome] of outcomes.entries()) {
  const job = jobs[i]!;
  if (!outcome.ok) problems.push(`${job.name} failed: ${outcome.error}`);
  else if (outcome.value.unavailable === undefined) results.push(outcome.value);
  else if (job.torch && smoke) {
    if (!notes.some((n) => n.startsWith('PyTorch'))) notes.push(`PyTorch side skipped (${outcome.value.unavailable})`);
  } else if (job.torch) problems.push(`${job.name} unavailable: ${outcome.value.unavailable}`);
  else notes.push(`${job.name}: not available here (${outcome.value.unavailable})`);
}

// The reference: PyTorch on the configured threads; without it (CI) the first backend of ours, so
// the others are still checked against it.
const reference =
  results.find((r) => r.implementation === 'torch') ?? results.find((r) => !r.implementation.startsWith('torch'));
for (const r of results) {
  if ((r.leakedTensors ?? 0) !== 0)
    problems.push(`${rowName(r, config.torchThreads)}: ${r.leakedTensors} tensors leaked`);
  if (reference === undefined || r === reference) continue;
  const gap = lossGap(r.losses ?? [], reference.losses ?? []);
  if (!(gap <= config.parity.relativeTolerance))
    problems.push(
      `${rowName(r, config.torchThreads)}: losses [${(r.losses ?? []).join(', ')}] differ from ` +
        `${rowName(reference, config.torchThreads)}'s [${(reference.losses ?? []).join(', ')}] by ` +
        `${gap.toExponential(2)} (tolerance ${config.parity.relativeTolerance})`,
    );
}

if (argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ config, results, notes, problems })}\n`);
} else {
  const { model } = run;
  const first = results[0];
  const lines = [resultsTable(model, results, reference, config.torchThreads), ''];
  const o = config.optimizer;
  lines.push(
    `- model: ${run.label}; vocabulary ${first?.vocabSize ?? '?'} characters (${config.corpus}), ` +
      `${first?.parameters?.toLocaleString('en') ?? '?'} weights, dropout 0, biases, tied output projection`,
    `- step: ${model.batch} windows × ${model.contextLength} tokens = ${model.batch * model.contextLength} tokens: ` +
      `forward, cross-entropy over every position, backward, global-norm clip ${o.clipNorm}, AdamW (lr ${o.learningRate} ` +
      `constant, β ${o.beta1}/${o.beta2}, ε ${o.epsilon}, decay ${o.weightDecay} on the block matrices), loss read back ` +
      `(ours: trainStep + adamw({ decay: gpt2DecaysWeight }); PyTorch: loss.backward(), clip_grad_norm_, ` +
      `AdamW.step(), loss.item()); the batch of pinned window starts (${run.batches} batches, cycled) is built in each step`,
    `- timing: ${config.parity.steps} parity and ${run.plan.warmupSteps} warm-up steps, then up to ` +
      `${run.plan.rounds} rounds of about ${run.plan.roundSeconds} s, the median round; loss gap: the largest relative ` +
      `difference of the first ${config.parity.steps} losses (before each update) from the reference's`,
  );
  const torch = results.find((r) => r.implementation === 'torch');
  if (torch?.msPerStep !== undefined && !smoke) {
    const best = results
      .filter((r) => !r.implementation.startsWith('torch') && r.msPerStep !== undefined)
      .map((r) => ({ r, ratio: torch.msPerStep! / r.msPerStep! }))
      .sort((a, b) => b.ratio - a.ratio)[0];
    if (best !== undefined) {
      lines.push(
        `- target: best of ours (${rowName(best.r, config.torchThreads)}) ${best.ratio.toFixed(2)}× PyTorch on ` +
          `${config.torchThreads} threads (${Math.round(tokensPerSecond(model, best.r.msPerStep!))} against ` +
          `${Math.round(tokensPerSecond(model, torch.msPerStep))} tokens/s; ≥ ${config.target}×: ` +
          `${best.ratio >= config.target ? 'met' : 'MISSED'})`,
      );
      // The configured reference is not always PyTorch's fastest setting here (threads on 2 shared cores).
      const fastest = results
        .filter((r) => r.implementation.startsWith('torch') && r.msPerStep !== undefined)
        .sort((a, b) => a.msPerStep! - b.msPerStep!)[0]!;
      if (fastest !== torch)
        lines.push(
          `- against the fastest PyTorch row (${rowName(fastest, config.torchThreads)}, ` +
            `${Math.round(tokensPerSecond(model, fastest.msPerStep!))} tokens/s): ` +
            `${(fastest.msPerStep! / best.r.msPerStep!).toFixed(2)}×`,
        );
    }
  }
  for (const r of results) lines.push(`- ${rowName(r, config.torchThreads)}: ${r.detail}`);
  lines.push(...notes.map((n) => `- ${n}`), machineLine());
  if (loads.length > 0) lines.push(`- load average (1 min) before → after each process: ${loads.join('; ')}`);
  lines.push(...problems.map((p) => `- FAILED: ${p}`));
  if (smoke) lines.push('(smoke run: a tiny model, one timed step each, the numbers mean nothing)');
  process.stdout.write(`${lines.join('\n')}\n`);
}
for (const p of problems) log(p);
// exitCode, not exit(): the source runner deletes its bundle once this module has finished.
if (problems.length > 0) process.exitCode = 1;
