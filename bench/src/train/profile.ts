// Where a training step of ours spends its time, for BENCHMARKS.md's explanation (not part of
// `pnpm bench train`):
//   node scripts/run-ts.mjs bench/src/train/profile.ts <cpu|wasm|webgpu> <model id> [--json]
// Prints, for one backend and one model of bench/configs/train.json: the plain step time; the
// kernels one step runs (tf.profile), their summed kernel time by kernel and matMul shape; the time
// of a lone call of each matMul shape; and the cost of a trivial op (add of two 1-element tensors),
// the floor every kernel pays. torch_profile.py prints the same for PyTorch.
import { createBackendRegistry, initBackend, type BackendAdapter, type TfCore } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { webgpuBackend } from '@chatgpt-explained/nn-core/backends/webgpu';
import type * as tfc from '@tensorflow/tfjs-core';
import { median, readConfig } from '../harness';
import type { TrainConfig } from '../train-types';
import { buildTask, type TrainTask } from './models';

const adapters: Record<string, () => BackendAdapter> = { cpu: cpuBackend, wasm: wasmBackend, webgpu: webgpuBackend };
const [backend = '', modelId = ''] = process.argv.slice(2);
const make = adapters[backend];
const config = readConfig<TrainConfig>('train');
const model = config.models.find((m) => m.id === modelId);
if (make === undefined || model === undefined)
  throw new Error(
    `usage: profile.ts <${Object.keys(adapters).join('|')}> <${config.models.map((m) => m.id).join('|')}>`,
  );

const ctx = await initBackend(createBackendRegistry([make()]), make().name);
const tf: TfCore = ctx.tf;
tf.env().set('PROD', true);

/** The step of models.ts, split so that its synchronous part can run under tf.profile. */
function stepParts(task: TrainTask): { run: () => tfc.Tensor; lr: tfc.Scalar } {
  const variables = task.model.trainableVariables();
  const lr = tf.scalar(config.learningRate);
  return {
    lr,
    run: () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => task.loss(), variables);
        for (const v of variables) v.assign(tf.sub(v, tf.mul(grads[v.name]!, lr)));
        return value;
      }),
  };
}

async function timeMs(fn: () => Promise<void>, minMs = 1500, minRuns = 5): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const task = buildTask(tf, model);
const { run, lr } = stepParts(task);
const stepMs = await timeMs(async () => {
  const loss = run();
  await loss.data();
  loss.dispose();
});

// One profiled step (after the timed ones, so everything is warm).
let profiledLoss: tfc.Tensor | undefined;
const info = await tf.profile(() => {
  profiledLoss = run();
  return profiledLoss;
});
await profiledLoss!.data();
profiledLoss!.dispose();
const byKernel = new Map<string, { count: number; ms: number }>();
const matMuls = new Map<
  string,
  { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean; count: number; ms: number }
>();
let kernelMs = 0;
for (const k of info.kernels) {
  const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  kernelMs += ms;
  const entry = byKernel.get(k.name) ?? { count: 0, ms: 0 };
  entry.count++;
  entry.ms += ms;
  byKernel.set(k.name, entry);
  if (k.name === 'BatchMatMul') {
    const [a, b] = k.inputShapes as [number[], number[]];
    const out = k.outputShapes[0]!;
    // Which operand is transposed is not in the profile; recover it from the output shape.
    const r = a.length;
    const transposeA = a[r - 2] !== out[r - 2];
    const transposeB = b[r - 1] !== out[r - 1];
    const key = `[${a.join(',')}]${transposeA ? 'ᵀ' : ''}×[${b.join(',')}]${transposeB ? 'ᵀ' : ''}`;
    const m = matMuls.get(key) ?? { a, b, transposeA, transposeB, count: 0, ms: 0 };
    m.count++;
    m.ms += ms;
    matMuls.set(key, m);
  }
}

// Each matMul shape alone, result read back.
const lone: Array<{ shape: string; ms: number; gflops: number; count: number; inStepMs: number }> = [];
for (const [key, m] of matMuls) {
  const x = tf.randomUniform(m.a, -1, 1, 'float32', 1);
  const y = tf.randomUniform(m.b, -1, 1, 'float32', 2);
  const ms = await timeMs(
    async () => {
      const z = tf.matMul(x as tfc.Tensor3D, y as tfc.Tensor3D, m.transposeA, m.transposeB);
      await z.data();
      z.dispose();
    },
    400,
    5,
  );
  const r = m.a.length;
  const rows = m.transposeA ? m.a[r - 1]! : m.a[r - 2]!;
  const inner = m.transposeA ? m.a[r - 2]! : m.a[r - 1]!;
  const cols = m.transposeB ? m.b[r - 2]! : m.b[r - 1]!;
  const batch = m.a.slice(0, -2).reduce((p, q) => p * q, 1);
  lone.push({ shape: key, ms, gflops: (2 * batch * rows * inner * cols) / (ms * 1e6), count: m.count, inStepMs: m.ms });
  tf.dispose([x, y]);
}

// The floor: a trivial op, created and disposed inside tidy, no read-back.
const one = tf.scalar(1);
const opUs =
  ((await timeMs(
    async () => {
      for (let i = 0; i < 1000; i++) tf.tidy(() => tf.add(one, one));
    },
    500,
    5,
  )) *
    1e3) /
  1000;
// And a read-back of one number (what every step pays once for its loss).
const readUs =
  (await timeMs(
    async () => {
      const t = tf.add(one, one);
      await t.data();
      t.dispose();
    },
    500,
    20,
  )) * 1e3;
tf.dispose([one, lr]);
task.dispose();

const matMulMs = [...matMuls.values()].reduce((s, m) => s + m.ms, 0);
const result = {
  backend,
  model: model.id,
  stepMs,
  kernels: info.kernels.length,
  kernelMs,
  matMulMs,
  outsideKernelsMs: stepMs - kernelMs,
  trivialOpUs: opUs,
  readBackUs: readUs,
  byKernel: [...byKernel].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.ms - a.ms),
  matMuls: lone.sort((a, b) => b.inStepMs - a.inStepMs),
};
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `${backend} ${model.id}: step ${f(stepMs)} ms; one profiled step ran ${result.kernels} kernels, ${f(kernelMs)} ms in kernels ` +
      `(${f(matMulMs)} ms in BatchMatMul), ${f(result.outsideKernelsMs)} ms outside them; a trivial op ${opUs.toFixed(1)} µs, a read-back ${readUs.toFixed(1)} µs`,
    'kernel | count | ms in step',
    ...result.byKernel.slice(0, 20).map((k) => `${k.name} | ${k.count} | ${f(k.ms)}`),
    'matMul | count in step | ms in step | ms alone | GFLOP/s alone',
    ...result.matMuls.map((m) => `${m.shape} | ${m.count} | ${f(m.inStepMs)} | ${f(m.ms)} | ${m.gflops.toFixed(2)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
