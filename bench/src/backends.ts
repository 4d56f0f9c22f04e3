// `pnpm bench backends [--smoke]`: matMul on every tfjs backend nn-core starts here, each in its own
// process, side by side with the baseline (wasm, what `auto` picks on a machine without a hardware
// GPU). It measures the rule `auto` follows: a software GPU adapter is slower than wasm.
import type { BackendsConfig, BackendTiming } from './backends-types';
import { isSmoke, markdownTable, readConfig, runWorker } from './harness';

const config = readConfig<BackendsConfig>('backends');
const smoke = isSmoke();
const timings: BackendTiming[] = [];
const failed: string[] = [];
for (const backend of config.backends) {
  process.stderr.write(`bench backends: ${backend}…\n`);
  const result = runWorker<BackendTiming>('bench/src/backends-worker.ts', [backend, ...(smoke ? ['--smoke'] : [])]);
  if (result.ok) timings.push(result.value);
  else failed.push(`${backend}: ${result.error}`);
}

const baseline = timings.find((t) => t.backend === config.baseline);
if (baseline === undefined)
  throw new Error(`bench backends: the baseline ${config.baseline} did not run (${failed.join('; ')})`);
const rows = timings.flatMap((t) =>
  t.shapes.map((s, i) => {
    const base = baseline.shapes[i]!.ms;
    return [t.backend, s.name, s.ms.toFixed(3), s.gflops.toFixed(2), `${(s.ms / base).toFixed(2)}×`];
  }),
);
process.stdout.write(
  `${markdownTable(['backend', 'matMul', 'ms (median)', 'GFLOP/s', `time ÷ ${config.baseline}`], rows)}\n\n`,
);
for (const t of timings) process.stdout.write(`- ${t.backend}: ${t.detail}\n`);
for (const f of failed) process.stdout.write(`- did not run: ${f}\n`);
if (smoke) process.stdout.write('(smoke run: too few iterations for the numbers to mean anything)\n');
