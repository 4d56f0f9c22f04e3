// One nn-core backend of `pnpm bench train-gpt`, in its own process: createGpt2Model with the
// benchmark's config, weights from bench/src/train/fill.ts, trained with the step trainGpt2 runs
// (the trainer's trainStep: cross-entropy over every position, global-norm clipping, AdamW with
// decay on gpt2DecaysWeight's matrices) on the pinned windows: the parity steps (losses reported),
// warm-up, then timed rounds. Prints one JSON line (TrainGptWorkerResult).
//   node scripts/run-ts.mjs bench/src/train-gpt/worker.ts <wasm|cpu|webgpu> [--smoke]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGpt2Model, gpt2Config, gpt2DecaysWeight, tokenWindows } from '@chatgpt-explained/gpt2';
import { createBackendRegistry, initBackend, type BackendAdapter } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { webgpuBackend } from '@chatgpt-explained/nn-core/backends/webgpu';
import { adamw, lossFunction, trainStep } from '@chatgpt-explained/trainer';
import { ROOT, isSmoke, readConfig } from '../harness';
import type { TrainGptConfig, TrainGptWorkerResult } from '../train-gpt-types';
import { weightValues } from '../train/fill';
import { timeSteps } from '../train/timing';
import { charCorpus, windowStarts } from './batches';

const adapters: Record<string, () => BackendAdapter> = { cpu: cpuBackend, wasm: wasmBackend, webgpu: webgpuBackend };
const name = process.argv[2] ?? '';
const make = adapters[name];
if (make === undefined)
  throw new Error(`train-gpt worker: unknown backend "${name}"; known: ${Object.keys(adapters).join(', ')}`);

const config = readConfig<TrainGptConfig>('train-gpt');
const run = isSmoke() ? config.smoke : config.full;
const emit = (result: TrainGptWorkerResult) => process.stdout.write(`${JSON.stringify(result)}\n`);

const probe = await make().probe();
if (!probe.available) {
  emit({ implementation: name, detail: probe.reason, hardware: false, unavailable: probe.reason });
} else {
  const ctx = await initBackend(createBackendRegistry([make()]), make().name);
  const { tf } = ctx;
  tf.env().set('PROD', true);
  const corpus = charCorpus(readFileSync(join(ROOT, config.corpus), 'utf8'));
  const { layers, heads, embedDim, contextLength, batch } = run.model;
  const model = createGpt2Model(gpt2Config({ vocabSize: corpus.chars.length, contextLength, embedDim, layers, heads }));
  model.initialize({ seed: 0 });
  const values: Record<string, Float32Array> = {};
  for (const w of model.namedWeights()) values[w.name] = weightValues(w.name, w.variable.shape);
  model.setWeights(values);
  const data = tokenWindows(corpus.ids, { contextLength });
  const starts = Array.from({ length: run.batches }, (_, b) =>
    windowStarts(b, batch, corpus.ids.length, contextLength, config.startsSeedName),
  );
  const o = config.optimizer;
  const optimizer = adamw({
    learningRate: o.learningRate,
    beta1: o.beta1,
    beta2: o.beta2,
    epsilon: o.epsilon,
    weightDecay: o.weightDecay,
    decay: gpt2DecaysWeight,
  });
  // trainGpt2's loss: the ids are known to be in range, so the labels are not read back each step.
  const loss = lossFunction('crossEntropy', { checkLabels: false });
  let stepIndex = 0;
  /** One full step, as the trainer's loop runs it: the batch made, trained on, freed; the loss read back. */
  const step = async (): Promise<number> => {
    const b = data.batch(starts[stepIndex++ % run.batches]!); // x, y: int32 [B, T]
    try {
      return await trainStep(model, b, { loss, optimizer, learningRate: o.learningRate, clipNorm: o.clipNorm });
    } finally {
      tf.dispose([b.x, b.y]);
    }
  };
  try {
    const losses = [await step()];
    // The first step made AdamW's m and v; from here on the count of tensors must not grow.
    const before = tf.memory().numTensors;
    for (let i = 1; i < config.parity.steps; i++) losses.push(await step());
    const timed = await timeSteps(step, run.plan);
    emit({
      implementation: name,
      detail: ctx.reason,
      hardware: ctx.hardware,
      vocabSize: corpus.chars.length,
      parameters: model.parameterCount(),
      losses,
      ...timed,
      leakedTensors: tf.memory().numTensors - before,
    });
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
