// Our GPT-2 (@chatgpt-explained/gpt2 on nn-core) decoding the random-weight checkpoint on one backend,
// in its own process (its memory is measured): the checkpoint directory through loadCheckpoint and
// directorySource, gpt2FromCheckpoint, then greedy decoding with model.forward(ids, { cache }), the
// greedy pick read back from tf.topk of the last position's logits.
//   node scripts/run-ts.mjs bench/src/gpt2/ours-worker.ts <checkpoint dir> <cpu|wasm|webgpu> <variant> --plan=<json>
// Prints one JSON line (Gpt2WorkerResult).
import {
  Gpt2Error,
  createKvCache,
  gpt2FromCheckpoint,
  loadCheckpoint,
  type Gpt2,
  type Gpt2FromCheckpointOptions,
} from '@chatgpt-explained/gpt2';
import { directorySource } from '@chatgpt-explained/gpt2/node';
import { createBackendRegistry, initBackend, type BackendAdapter, type TfCore } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { webgpuBackend } from '@chatgpt-explained/nn-core/backends/webgpu';
import { getEncoding } from '@chatgpt-explained/tokenizer';
import { readConfig } from '../harness';
import { timeGreedy, type GreedyModel } from './greedy';
import { markBaseline, peakRss } from './rss';
import type { Gpt2BenchConfig, Gpt2Variant, Gpt2WorkerResult } from './types';
import { readPlanArgument } from './worker-args';

const adapters: Record<string, () => BackendAdapter> = { cpu: cpuBackend, wasm: wasmBackend, webgpu: webgpuBackend };
const [checkpointDir, backend = '', variantId = ''] = process.argv.slice(2);
const make = adapters[backend];
const config = readConfig<Gpt2BenchConfig>('gpt2');
const variant = config.variants.find((v) => v.id === variantId);
if (checkpointDir === undefined || make === undefined || variant === undefined)
  throw new Error(
    `gpt2 ours worker: usage: ours-worker.ts <checkpoint dir> <${Object.keys(adapters).join('|')}> ` +
      `<${config.variants.map((v) => v.id).join('|')}> --plan=<json>`,
  );
const plan = readPlanArgument(process.argv);
const implementation = `ours-${backend}-${variant.id}`;
const log = (line: string) => process.stderr.write(`gpt2 ours worker (${backend}, ${variant.id}): ${line}\n`);
const emit = (result: Gpt2WorkerResult) => process.stdout.write(`${JSON.stringify(result)}\n`);

/**
 * gpt2FromCheckpoint's options for a variant: fp32, or every matrix product's weights kept 8- or
 * 4-bit quantised in memory (nn-core's WebAssembly kernel), widened from the checkpoint one tensor at
 * a time.
 */
function loadOptions(v: Gpt2Variant, encoding: Gpt2FromCheckpointOptions['encoding']): Gpt2FromCheckpointOptions {
  return v.quantize === undefined ? { encoding } : { encoding, quantize: v.quantize };
}

/** The greedy loop's view of a loaded model: forward through a KV cache, top-2 of the last logits. */
function greedyModel(tf: TfCore, gpt: Gpt2): GreedyModel & { dispose(): void } {
  const vocab = gpt.config.vocabSize;
  let cache = createKvCache(gpt.model);
  return {
    reset() {
      cache.dispose();
      cache = createKvCache(gpt.model);
    },
    async step(ids) {
      const t = ids.length;
      const input = tf.tensor2d([...ids], [1, t], 'int32'); // [1, T]
      const { logits } = gpt.model.forward(input, { cache }); // [1, T, V]
      const top = tf.tidy(() => tf.topk(tf.reshape(tf.slice(logits, [0, t - 1, 0], [1, 1, vocab]), [vocab]), 2));
      input.dispose();
      logits.dispose();
      try {
        const [values, indices] = await Promise.all([top.values.data(), top.indices.data()]);
        return { id: indices[0]!, gap: values[0]! - values[1]! };
      } finally {
        top.values.dispose();
        top.indices.dispose();
      }
    },
    dispose() {
      cache.dispose();
    },
  };
}

const probe = await make().probe();
if (!probe.available) {
  emit({ implementation, label: `ours ${backend}`, kind: 'ours', unavailable: probe.reason });
} else {
  const ctx = await initBackend(createBackendRegistry([make()]), make().name);
  const tf = ctx.tf;
  tf.env().set('PROD', true);
  const label = `ours ${backend}${backend === 'webgpu' && !ctx.hardware ? ' (software adapter)' : ''}, ${variant.label}`;
  // A vocabulary other than GPT-2's (the smoke model) has no tokenizer of its own; nothing here decodes text.
  const encoding = await getEncoding('gpt2');
  const marks = markBaseline();
  const loadStart = performance.now();
  // No vocab.json / merges.txt: random weights, ids in and ids out.
  const checkpoint = await loadCheckpoint(directorySource(checkpointDir), { tokenizer: false });
  let gpt: Gpt2;
  try {
    gpt = await gpt2FromCheckpoint(checkpoint, loadOptions(variant, encoding));
  } catch (error) {
    // A device that cannot hold a weight (WebGPU's binding limit) is a fact about this machine.
    if (!Gpt2Error.isInstance(error) || error.code !== 'BACKEND_LIMIT') throw error;
    emit({ implementation, label, kind: 'ours', unavailable: error.message });
    process.exit(0);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  log(`model ready in ${loadSeconds.toFixed(1)} s`);
  const model = greedyModel(tf, gpt);
  // One untimed pass first: the model may keep tensors made on first use (a constant, say); what
  // counts as leaked is what the timed rounds leave behind beyond that.
  await model.step(plan.prompt.slice(0, 1));
  await model.reset();
  const before = tf.memory().numTensors;
  const timing = await timeGreedy(model, plan);
  const leakedTensors = tf.memory().numTensors - before;
  const result: Gpt2WorkerResult = {
    implementation,
    label,
    kind: 'ours',
    timing,
    loadSeconds,
    peakRss: peakRss(),
    baselineRss: marks.baselineRss,
    peakReset: marks.peakReset,
    leakedTensors,
    detail: ctx.reason,
  };
  model.dispose();
  gpt.dispose();
  emit(result);
}
