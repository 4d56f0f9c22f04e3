// Where one greedy decode step of the GPT-2 124M shape spends its time on the wasm backend, for
// float32 and 8-bit weights: the matrix products through nn-core's quantised kernel (timed around
// each call), tfjs kernels by name (tf.profile), and the rest (tfjs's per-op bookkeeping and our
// JavaScript). Not a benchmark of ours against another (that is `pnpm bench gpt2`): an analysis,
// quoted in BENCHMARKS.md.
//   node scripts/run-ts.mjs bench/src/gpt2/decode-profile.ts [--tokens=N]
// Uses the random-weight checkpoint `pnpm bench gpt2` writes (made here if missing).
import * as tf from '@tensorflow/tfjs-core';
import { createKvCache, gpt2FromCheckpoint, loadCheckpoint, type Gpt2 } from '@chatgpt-explained/gpt2';
import { directorySource } from '@chatgpt-explained/gpt2/node';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { getEncoding } from '@chatgpt-explained/tokenizer';
import { markdownTable, readConfig } from '../harness';
import { machineLine } from '../tokenizer/report';
import type { Gpt2BenchConfig } from './types';
import { ensureWeights, weightSpec } from './weights';

type Kernel = (x: tf.Tensor2D) => tf.Tensor2D;

const tokensArg = process.argv.find((a) => a.startsWith('--tokens='));
const tokens = tokensArg === undefined ? 64 : Number(tokensArg.slice('--tokens='.length));
const config = readConfig<Gpt2BenchConfig>('gpt2');
const plan = config.full;
const log = (line: string) => process.stderr.write(`decode-profile: ${line}\n`);

tf.env().set('PROD', true);
const compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
const files = await ensureWeights(config.python, weightSpec(plan, config.opset), log);
const checkpoint = await loadCheckpoint(directorySource(files.checkpointDir), { tokenizer: false });
const encoding = await getEncoding('gpt2');

interface Profile {
  readonly bits: number;
  readonly msPerToken: number;
  readonly quantizedMs: number;
  readonly kernels: ReadonlyArray<readonly [string, number, number]>;
}

async function profile(gpt: Gpt2, bits: number): Promise<Profile> {
  // Time every quantised product (the model's linear kernels) from outside.
  let quantizedMs = 0;
  const overrides = (gpt.model as unknown as { overrides: Map<string, Kernel> }).overrides;
  for (const [name, kernel] of overrides) {
    overrides.set(name, (x) => {
      const start = performance.now();
      const y = kernel(x);
      quantizedMs += performance.now() - start;
      return y;
    });
  }
  const cache = createKvCache(gpt.model);
  const step = (ids: readonly number[]): void => {
    const logits = tf.tidy(
      () => gpt.model.forward(tf.tensor2d([[...ids]], [1, ids.length], 'int32'), { cache, lastOnly: true }).logits,
    );
    logits.dataSync();
    logits.dispose();
  };
  step(plan.prompt);
  for (let i = 0; i < 8; i++) step([464]); // warm-up
  quantizedMs = 0;
  const start = performance.now();
  for (let i = 0; i < tokens; i++) step([464]);
  const msPerToken = (performance.now() - start) / tokens;
  const perToken = quantizedMs / tokens;
  const profiled = 8;
  const info = await tf.profile(() => {
    for (let i = 0; i < profiled; i++) step([464]);
  });
  const byName = new Map<string, [number, number]>();
  for (const k of info.kernels) {
    const entry = byName.get(k.name) ?? [0, 0];
    entry[0] += Number(k.kernelTimeMs) / profiled;
    entry[1] += 1 / profiled;
    byName.set(k.name, entry);
  }
  cache.dispose();
  const kernels = [...byName.entries()].map(([name, [ms, calls]]) => [name, ms, calls] as const);
  return { bits, msPerToken, quantizedMs: perToken, kernels: kernels.sort((a, b) => b[1] - a[1]) };
}

const profiles: Profile[] = [];
for (const bits of [32, 8] as const) {
  const gpt = await gpt2FromCheckpoint(checkpoint, bits === 32 ? { encoding } : { encoding, quantize: { bits } });
  profiles.push(await profile(gpt, bits));
  gpt.dispose();
}

const rows = profiles.map((p) => {
  const tfjs = p.kernels.reduce((s, k) => s + k[1], 0);
  const calls = p.kernels.reduce((s, k) => s + k[2], 0);
  const matmul = p.kernels.find((k) => k[0] === 'BatchMatMul');
  const concat = p.kernels.find((k) => k[0] === 'Concat');
  return [
    p.bits === 32 ? 'float32' : `${p.bits}-bit`,
    p.msPerToken.toFixed(1),
    p.quantizedMs.toFixed(1),
    `${(matmul?.[1] ?? 0).toFixed(1)} (${matmul?.[2] ?? 0} calls)`,
    (concat?.[1] ?? 0).toFixed(1),
    `${(tfjs - (matmul?.[1] ?? 0) - (concat?.[1] ?? 0)).toFixed(1)}`,
    String(calls),
    Math.max(0, p.msPerToken - p.quantizedMs - tfjs).toFixed(1),
  ];
});
process.stdout.write(
  `${markdownTable(
    [
      'weights',
      'ms per token',
      'quantised products (our kernel)',
      'tfjs BatchMatMul',
      'tfjs Concat (KV cache)',
      'other tfjs kernels',
      'tfjs kernel calls',
      'rest (per-op bookkeeping, JavaScript)',
    ],
    rows,
  )}\n\n- GPT-2 124M shape (random weights), prompt of ${plan.prompt.length} tokens then ${tokens} single-token steps through the KV cache (after 8 warm-up steps); ms per token: wall clock over those steps; quantised products: summed around each call; tfjs kernels: tf.profile of 8 more steps, per step (a profiled step runs a little slower than an unprofiled one, so the rest is a lower bound)\n- backend: ${compute.reason}\n${machineLine()}\n`,
);
