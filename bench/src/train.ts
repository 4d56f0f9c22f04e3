// `pnpm bench train [--smoke] [--json] [--models=id,…]`: examples/s of a training step
// (forward, loss, backward with tf.variableGrads, plain SGD, loss read back) of a 2-layer MLP and of
// one GPT-2 transformer block built with nn-core, on every nn-core backend that starts here, each
// in its own process, beside the same models in PyTorch on the CPU (Debian's python3-torch,
// torch.set_num_threads from bench/configs/train.json), run in the same invocation. Both sides start
// from the same weights and batch (bench/src/train/fill.ts), and the losses of the first steps must
// agree before the times mean anything. Exits 1 when a worker fails, losses disagree, or tensors
// leak; in a smoke run a missing PyTorch is a one-line note.
import { isSmoke, readConfig } from './harness';
import { machineLine } from './tokenizer/report';
import type { TrainConfig, TrainWorkerResult } from './train-types';
import { lossGap, resultsTable, rowName } from './train/report';
import { type ChildResult, runChildren, runTsWorker } from './train/spawn';
import { runTorch } from './train/torch';

const log = (line: string) => process.stderr.write(`bench train: ${line}\n`);
const argv = process.argv.slice(2);
const config = readConfig<TrainConfig>('train');
const smoke = isSmoke(argv);
const only = argv.find((a) => a.startsWith('--models='));
const pass = [...(smoke ? ['--smoke'] : []), ...(only === undefined ? [] : [only])];
const models = (smoke ? config.smokeModels : config.models).filter(
  (m) => only === undefined || only.slice('--models='.length).split(',').includes(m.id),
);

const results: TrainWorkerResult[] = [];
const notes: string[] = [];
const problems: string[] = [];

/** One implementation in its own process: PyTorch on some threads, or one nn-core backend. */
interface Job {
  readonly name: string;
  readonly torch: boolean;
  run(): Promise<ChildResult<TrainWorkerResult>>;
}
// In a smoke run one PyTorch process is enough (its thread count is what the table compares with).
const threadCounts = [config.torchThreads, ...(config.torchSingleThread && !smoke ? [1] : [])];
const jobs: Job[] = [
  ...threadCounts.map((threads) => ({
    name: `PyTorch, ${threads} thread(s)`,
    torch: true,
    run: () => runTorch(config.python, threads, pass, !smoke),
  })),
  ...config.backends.map((backend) => ({
    name: backend,
    torch: false,
    run: () => runTsWorker<TrainWorkerResult>('bench/src/train/worker.ts', [backend, ...pass], !smoke),
  })),
];
// Timed runs go one at a time on the quiet machine; a smoke run starts them all at once.
const { outcomes, loads } = await runChildren(jobs, smoke, log);
let torchSkipped = false;
for (const [i, outcome] of outcomes.entries()) {
  const job = jobs[i]!;
  if (!outcome.ok) problems.push(`${job.name} failed: ${outcome.error}`);
  else if (outcome.value.unavailable === undefined) results.push(outcome.value);
  else if (!job.torch) notes.push(`${job.name}: not available here (${outcome.value.unavailable})`);
  else if (!torchSkipped) {
    torchSkipped = true;
    const line = `PyTorch side skipped (${outcome.value.unavailable})`;
    if (smoke) notes.push(line);
    else problems.push(line);
  }
}

// The reference: PyTorch on the configured threads; without it (CI) the first backend that ran, so
// the backends are still checked against each other.
const reference =
  results.find((r) => r.implementation === 'torch') ?? results.find((r) => !r.implementation.startsWith('torch'));
for (const r of results) {
  for (const f of r.failures ?? []) problems.push(`${r.implementation} ${f.id} failed: ${f.error}`);
  for (const t of r.models) {
    if ((t.leakedTensors ?? 0) !== 0) problems.push(`${r.implementation} ${t.id}: ${t.leakedTensors} tensors leaked`);
    const ref = reference?.models.find((m) => m.id === t.id);
    if (ref === undefined || r === reference) continue;
    const gap = lossGap(t.losses, ref.losses);
    if (!(gap <= config.parity.relativeTolerance))
      problems.push(
        `${r.implementation} ${t.id}: losses [${t.losses.join(', ')}] differ from ${reference!.implementation}'s ` +
          `[${ref.losses.join(', ')}] by ${gap.toExponential(2)} (tolerance ${config.parity.relativeTolerance})`,
      );
  }
}

if (argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ config, results, notes, problems })}\n`);
} else {
  const lines = [resultsTable(config, models, results, reference), ''];
  for (const m of models) {
    const parameters = results.flatMap((r) => r.models).find((t) => t.id === m.id)?.parameters;
    lines.push(
      `- ${m.id}: ${m.label}${parameters === undefined ? '' : `, ${parameters.toLocaleString('en')} parameters`}`,
    );
  }
  lines.push(
    `- step: forward, loss, gradients of every weight, SGD w ← w − ${config.learningRate}·grad, loss read back ` +
      `(ours: one tf.tidy with tf.variableGrads and await loss.data(); PyTorch: loss.backward(), w.sub_(grad), ` +
      `loss.item()); examples are rows (MLP) or sequences (block); median of up to ${config.full.rounds} rounds of ` +
      `about ${config.full.roundSeconds} s after ${config.parity.steps} parity and ${config.full.warmupSteps} warm-up steps; ` +
      `loss gap: the largest relative difference of the first ${config.parity.steps} losses from the reference's (same weights and batch)`,
  );
  const torchReference = reference?.implementation === 'torch' ? reference : undefined;
  if (torchReference !== undefined) {
    for (const m of models) {
      const ref = torchReference.models.find((t) => t.id === m.id);
      if (ref === undefined) continue;
      const ours = results
        .filter((r) => !r.implementation.startsWith('torch'))
        .flatMap((r) => r.models.filter((t) => t.id === m.id).map((t) => ({ r, ratio: ref.msPerStep / t.msPerStep })))
        .sort((a, b) => b.ratio - a.ratio)[0];
      if (ours === undefined) continue;
      lines.push(
        `- target ${m.id}: best of ours (${rowName(ours.r, config.torchThreads)}) ${ours.ratio.toFixed(2)}× PyTorch ` +
          `(≥ ${config.target}×: ${ours.ratio >= config.target ? 'met' : 'MISSED'})`,
      );
    }
  }
  for (const r of results) lines.push(`- ${rowName(r, config.torchThreads)}: ${r.detail}`);
  lines.push(...notes.map((n) => `- ${n}`), machineLine());
  if (loads.length > 0) lines.push(`- load average (1 min) before → after each process: ${loads.join('; ')}`);
  lines.push(...problems.map((p) => `- FAILED: ${p}`));
  if (smoke) lines.push('(smoke run: tiny models, one timed step each, the numbers mean nothing)');
  const torch = results.find((r) => r.torchConfig !== undefined);
  if (torch !== undefined && !smoke) {
    const where = `in the ${config.torchThreads}-thread process`;
    lines.push('', `PyTorch build (torch.__config__.show() and parallel_info(), ${where}):`, '```');
    lines.push(`${torch.torchConfig ?? ''}${torch.torchParallel ?? ''}`.trimEnd(), '```');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
for (const p of problems) log(p);
// exitCode, not exit(): the source runner deletes its bundle once this module has finished.
if (problems.length > 0) process.exitCode = 1;
