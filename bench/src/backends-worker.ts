// One backend of `pnpm bench backends`, in its own process: starts it through nn-core's adapter
// and times matMul on the pinned shapes, reading the result back each time (as a decoder must).
import { createBackendRegistry, initBackend, type BackendAdapter } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { webgpuBackend } from '@chatgpt-explained/nn-core/backends/webgpu';
import type { BackendsConfig, BackendTiming } from './backends-types';
import { isSmoke, median, readConfig } from './harness';

const adapters: Record<string, () => BackendAdapter> = { cpu: cpuBackend, wasm: wasmBackend, webgpu: webgpuBackend };
const name = process.argv[2] ?? '';
const make = adapters[name];
if (make === undefined)
  throw new Error(`backends-worker: unknown backend "${name}"; known: ${Object.keys(adapters).join(', ')}`);

const config = readConfig<BackendsConfig>('backends');
const plan = isSmoke() ? config.smoke : config.full;
const ctx = await initBackend(createBackendRegistry([make()]), make().name);
const { tf } = ctx;
tf.env().set('PROD', true);

const shapes: Array<BackendTiming['shapes'][number]> = [];
for (const shape of config.shapes) {
  const a = tf.randomUniform([shape.m, shape.k], -1, 1, 'float32', 1); // [m, k]
  const b = tf.randomUniform([shape.k, shape.n], -1, 1, 'float32', 2); // [k, n]
  const once = async () => {
    const c = tf.matMul(a, b); // [m, n]
    await c.data();
    c.dispose();
  };
  for (let i = 0; i < plan.warmup; i++) await once();
  const perRun: number[] = [];
  for (let r = 0; r < plan.runs; r++) {
    const start = performance.now();
    for (let i = 0; i < plan.iterations; i++) await once();
    perRun.push((performance.now() - start) / plan.iterations);
  }
  tf.dispose([a, b]);
  const ms = median(perRun);
  shapes.push({ name: shape.name, ms, gflops: (2 * shape.m * shape.k * shape.n) / (ms * 1e6) });
}
const result: BackendTiming = { backend: name, detail: ctx.reason, hardware: ctx.hardware, shapes };
process.stdout.write(`${JSON.stringify(result)}\n`);
