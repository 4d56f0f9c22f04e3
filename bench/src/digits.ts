// `pnpm bench digits [--smoke] [--json]`: LeNet-5 on MNIST (bench/configs/digits.json): training
// steps/s and evaluation images/s of our net and trainer on tfjs-backend-wasm beside the same
// architecture, batch and optimizer in PyTorch on the CPU (/usr/bin/python3, torch.set_num_threads for
// each configured thread count), each in its own process, one after another, printed side by side with
// the ratio. Exits 1 when a side fails or tensors leak; in a smoke run a missing PyTorch is a note.
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { DigitsBenchConfig, DigitsWorkerResult } from './digits-types';
import { ROOT, isSmoke, markdownTable, readConfig } from './harness';
import { machineLine } from './tokenizer/report';
import { runJson, runTsWorker } from './train/spawn';

const log = (line: string) => process.stderr.write(`bench digits: ${line}\n`);
const argv = process.argv.slice(2);
const smoke = isSmoke(argv);
const config = readConfig<DigitsBenchConfig>('digits');
const run = smoke ? config.smoke : config.full;
const pass = smoke ? ['--smoke'] : [];

const problems: string[] = [];
const notes: string[] = [];
const results: DigitsWorkerResult[] = [];
const loads: string[] = [];

async function timed(
  name: string,
  work: () => Promise<{ ok: true; value: DigitsWorkerResult } | { ok: false; error: string }>,
) {
  log(`${name}, in its own process…`);
  const before = loadavg()[0]!;
  const outcome = await work();
  loads.push(`${name} ${before.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`);
  if (!outcome.ok) problems.push(`${name} failed: ${outcome.error}`);
  else if (outcome.value.unavailable !== undefined)
    (smoke ? notes : problems).push(`${name}: ${outcome.value.unavailable}`);
  else results.push(outcome.value);
}

await timed('ours (wasm)', () => runTsWorker<DigitsWorkerResult>('bench/src/digits/worker.ts', pass, !smoke));
for (const threads of config.torchThreads.slice(0, smoke ? 1 : undefined)) {
  await timed(`PyTorch, ${threads} thread(s)`, async () => {
    const r = await runJson<DigitsWorkerResult>(
      config.python,
      [
        join(ROOT, 'bench/src/digits/torch_lenet.py'),
        join(ROOT, 'bench/configs/digits.json'),
        String(threads),
        join(ROOT, 'data/mnist'),
        ...pass,
      ],
      { env: { ...process.env, OMP_NUM_THREADS: String(threads) } },
    );
    if (!r.ok && 'missing' in r && r.missing === true)
      return {
        ok: true as const,
        value: { implementation: `torch-${threads}t`, unavailable: `${config.python}: not found` },
      };
    return r;
  });
}
for (const r of results)
  if ((r.leakedTensors ?? 0) !== 0) problems.push(`${r.implementation}: ${r.leakedTensors} tensors leaked`);

const ours = results.find((r) => r.implementation === 'ours-wasm');
const rows = results.map((r) => [
  r.detail ?? r.implementation,
  (r.stepsPerSecond ?? NaN).toFixed(1),
  ((r.stepsPerSecond ?? NaN) * config.batchSize).toFixed(0),
  (r.evalImagesPerSecond ?? NaN).toFixed(0),
  ours === undefined || r === ours ? '1' : `${((ours.stepsPerSecond ?? NaN) / (r.stepsPerSecond ?? NaN)).toFixed(2)}×`,
  ours === undefined || r === ours
    ? '1'
    : `${((ours.evalImagesPerSecond ?? NaN) / (r.evalImagesPerSecond ?? NaN)).toFixed(2)}×`,
]);

if (argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ smoke, config, results, problems, notes }, null, 2)}\n`);
} else {
  process.stdout.write(
    [
      `LeNet-5 on MNIST: batch ${config.batchSize}, Adam ${config.learningRate}, ${run.timedSteps} timed training steps after ${run.warmupSteps} warm-up; evaluation of ${run.evalImages} test images in batches of ${config.evalBatch} (median of ${run.evalRounds})${smoke ? ' — SMOKE RUN, numbers mean nothing' : ''}`,
      machineLine(),
      '',
      markdownTable(
        [
          'implementation',
          'training steps/s',
          'training images/s',
          'eval images/s',
          'ours ÷ it (training)',
          'ours ÷ it (eval)',
        ],
        rows,
      ),
      '',
      `1-minute load average before → after each process: ${loads.join('; ')}`,
      ...notes.map((n) => `note: ${n}`),
    ].join('\n') + '\n',
  );
}
for (const p of problems) log(`problem: ${p}`);
if (problems.length > 0) process.exit(1);
