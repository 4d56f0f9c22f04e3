// One nn-core backend of `pnpm bench train`, in its own process: for every model of the plan, the
// parity steps (losses reported), warm-up, then timed rounds of training steps. Prints one JSON line.
//   node scripts/run-ts.mjs bench/src/train/worker.ts <cpu|wasm|webgpu> [--smoke] [--models=id,…]
import { createBackendRegistry, initBackend, type BackendAdapter, type TfCore } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { webgpuBackend } from '@chatgpt-explained/nn-core/backends/webgpu';
import { isSmoke, readConfig } from '../harness';
import type { ModelTiming, TrainConfig, TrainModelConfig, TrainWorkerResult } from '../train-types';
import { buildTask, makeStep } from './models';
import { timeSteps } from './timing';

const adapters: Record<string, () => BackendAdapter> = { cpu: cpuBackend, wasm: wasmBackend, webgpu: webgpuBackend };
const name = process.argv[2] ?? '';
const make = adapters[name];
if (make === undefined)
  throw new Error(`train worker: unknown backend "${name}"; known: ${Object.keys(adapters).join(', ')}`);

const config = readConfig<TrainConfig>('train');
const smoke = isSmoke();
const plan = smoke ? config.smoke : config.full;
const only = process.argv
  .find((a) => a.startsWith('--models='))
  ?.slice('--models='.length)
  .split(',');
const models = (smoke ? config.smokeModels : config.models).filter((m) => only === undefined || only.includes(m.id));

/** Parity steps, warm-up and timed rounds of one model on the active backend. */
async function measure(tf: TfCore, model: TrainModelConfig): Promise<ModelTiming> {
  const task = buildTask(tf, model);
  const { step, dispose } = makeStep(tf, task, config.learningRate);
  try {
    // Tensors alive before the steps; the same number must be alive after them.
    const before = tf.memory().numTensors;
    const losses: number[] = [];
    for (let i = 0; i < config.parity.steps; i++) losses.push(await step());
    const timed = await timeSteps(step, plan);
    const leakedTensors = tf.memory().numTensors - before;
    return { id: model.id, parameters: task.parameters, losses, ...timed, leakedTensors };
  } finally {
    dispose();
    task.dispose();
  }
}

const emit = (result: TrainWorkerResult) => process.stdout.write(`${JSON.stringify(result)}\n`);
const probe = await make().probe();
if (!probe.available) {
  emit({ implementation: name, detail: probe.reason, hardware: false, unavailable: probe.reason, models: [] });
} else {
  const ctx = await initBackend(createBackendRegistry([make()]), make().name);
  ctx.tf.env().set('PROD', true);
  const timings: ModelTiming[] = [];
  const failures: Array<{ id: string; error: string }> = [];
  for (const model of models) {
    process.stderr.write(`train worker ${name}: ${model.id}…\n`);
    try {
      timings.push(await measure(ctx.tf, model));
    } catch (error) {
      failures.push({ id: model.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  emit({ implementation: name, detail: ctx.reason, hardware: ctx.hardware, models: timings, failures });
}
