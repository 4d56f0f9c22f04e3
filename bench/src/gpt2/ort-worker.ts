// onnxruntime-node (the engine under Transformers.js in Node) decoding the ONNX export of the random
// weights, in its own process (its memory is measured): CPU execution provider, `threads` intra-op
// threads, the KV cache fed back as past_* inputs each step (as Transformers.js does). First checks
// the export: the logits after the prompt against PyTorch's, and PyTorch's greedy ids.
//   node scripts/run-ts.mjs bench/src/gpt2/ort-worker.ts <files dir> <threads> --plan=<json>
// Prints one JSON line (Gpt2WorkerResult).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { greedyPick, timeGreedy, type GreedyModel, type GreedyPlan } from './greedy';
import { markBaseline, peakRss } from './rss';
import type { Gpt2BenchModel, Gpt2WorkerResult } from './types';
import { readPlanArgument } from './worker-args';

const [dir, threadsArg] = process.argv.slice(2);
const threads = Number(threadsArg);
if (dir === undefined || !Number.isInteger(threads) || threads < 1)
  throw new Error('gpt2 ort worker: usage: ort-worker.ts <files dir> <threads ≥ 1> --plan=<json>');
const plan: GreedyPlan = readPlanArgument(process.argv);
const spec = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')) as { model: Gpt2BenchModel };
const reference = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as {
  greedyIds: number[];
  logitsFile: string;
};
const m = spec.model;
const headSize = m.embedDim / m.heads;
const log = (line: string) => process.stderr.write(`gpt2 ort worker (${threads}t): ${line}\n`);

const marks = markBaseline();
const loadStart = performance.now();
const session = await ort.InferenceSession.create(join(dir, 'model.onnx'), {
  executionProviders: ['cpu'],
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
});
const loadSeconds = (performance.now() - loadStart) / 1000;
log(`session ready in ${loadSeconds.toFixed(1)} s`);

const cacheNames = Array.from({ length: m.layers }, (_, i) => ['key', 'value'].map((k) => `${k}_${i}`)).flat();
const emptyPast = () =>
  Object.fromEntries(
    cacheNames.map((n) => [`past_${n}`, new ort.Tensor('float32', new Float32Array(0), [1, m.heads, 0, headSize])]),
  );
let past: Record<string, ort.Tensor> = emptyPast();
/** The logits of the last position of the last run. */
let lastLogits: Float32Array = new Float32Array(0);

const model: GreedyModel = {
  reset() {
    past = emptyPast();
  },
  async step(ids) {
    const inputIds = new ort.Tensor(
      'int64',
      BigInt64Array.from(ids, (id) => BigInt(id)),
      [1, ids.length],
    );
    const out = await session.run({ input_ids: inputIds, ...past });
    // The presents become the next step's past: no copy, the same tensors fed back.
    past = Object.fromEntries(cacheNames.map((n) => [`past_${n}`, out[`present_${n}`]!]));
    const logits = out.logits!.data as Float32Array; // [1, T, V]
    lastLogits = logits.subarray((ids.length - 1) * m.vocabSize, ids.length * m.vocabSize);
    return greedyPick(lastLogits);
  },
};

// The export check: logits after the prompt against PyTorch's, then PyTorch's greedy ids.
const first = await model.step(plan.prompt);
const bytes = readFileSync(join(dir, reference.logitsFile));
const torchLogits = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
let maxAbsDiff = torchLogits.length === lastLogits.length ? 0 : Infinity;
for (let i = 0; i < torchLogits.length; i++)
  maxAbsDiff = Math.max(maxAbsDiff, Math.abs(torchLogits[i]! - lastLogits[i]!));
const checkIds = [first.id];
while (checkIds.length < reference.greedyIds.length) checkIds.push((await model.step([checkIds.at(-1)!])).id);
let torchIdsMatched = 0;
while (torchIdsMatched < checkIds.length && checkIds[torchIdsMatched] === reference.greedyIds[torchIdsMatched])
  torchIdsMatched++;
log(
  `export check: max |ONNX − PyTorch| logit ${maxAbsDiff.toExponential(2)}, ${torchIdsMatched}/${checkIds.length} greedy ids`,
);

const timing = await timeGreedy(model, plan);
const result: Gpt2WorkerResult = {
  implementation: `onnxruntime-${threads}t`,
  label: `onnxruntime-node ${ort.env.versions.node ?? ''}, ${threads} thread${threads === 1 ? '' : 's'}`,
  kind: 'onnxruntime',
  timing,
  loadSeconds,
  peakRss: peakRss(),
  baselineRss: marks.baselineRss,
  peakReset: marks.peakReset,
  exportCheck: { maxAbsDiff, torchIdsMatched, torchIds: reference.greedyIds.length },
  detail:
    `CPU execution provider, intraOpNumThreads ${threads}, graphOptimizationLevel all; ONNX export of the same ` +
    `weights (torch.onnx.export), present_* fed back as past_* each step; export check: max |ONNX − PyTorch| ` +
    `logit ${maxAbsDiff.toExponential(1)}, ${torchIdsMatched}/${reference.greedyIds.length} of PyTorch's greedy ids`,
};
await session.release();
process.stdout.write(`${JSON.stringify(result)}\n`);
