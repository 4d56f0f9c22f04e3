// `pnpm bench quant-kernel [--smoke]`: ms per y = x · W on GPT-2 124M shapes (bench/configs/quant-kernel.json),
// nn-core's quantised WebAssembly kernel (createQuantKernel: 8-bit and 4-bit weight codes kept in its
// memory, blocks of 32) beside tfjs-wasm's float32 matMul and nn-core's quantizedMatMul on tfjs-wasm
// (8-bit per-channel codes widened to float32 on every call). Every call returns the product in a
// Float32Array (tfjs: matMul, then dataSync). One process, implementations alternating round by
// round, a full GC before each round, median of the rounds. Before timing, every product is checked
// against the float64 product of the unquantised values; exits 1 when an error is above the config's.
import {
  createBackendRegistry,
  createQuantKernel,
  initBackend,
  quantLinear,
  quantizeWeights,
  quantizedMatMul,
} from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { isSmoke, markdownTable, median, readConfig } from './harness';
import type { QuantKernelConfig, QuantKernelShape } from './quant-kernel-types';
import { collectGarbage } from './tokenizer/gc';
import { machineLine } from './tokenizer/report';
import { createRng } from './tokenizer/rng';

const log = (line: string) => process.stderr.write(`bench quant-kernel: ${line}\n`);
const config = readConfig<QuantKernelConfig>('quant-kernel');
const smoke = isSmoke();
const plan = smoke ? config.smoke : config.full;
const ctx = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
const { tf } = ctx;
tf.env().set('PROD', true);
log(`tfjs backend: ${ctx.reason}`);

const kernel = createQuantKernel();
const rng = createRng(config.seed);
const uniform = (count: number, scale: number) => {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (2 * rng.next() - 1) * scale;
  return out;
};

/** ||y − exact||₂ / ||exact||₂. */
function relativeError(y: ArrayLike<number>, exact: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < exact.length; i++) {
    num += (y[i]! - exact[i]!) ** 2;
    den += exact[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

interface Implementation {
  readonly name: string;
  /** One product with weight copy `copy`. */
  readonly run: (copy: number) => ArrayLike<number>;
  readonly maxError: number;
}

interface ShapeResult {
  readonly shape: QuantKernelShape;
  /** Median wall-clock ms per call, by implementation. */
  readonly wallMs: Record<string, number>;
  /** Median CPU ms per call (process.cpuUsage), by implementation. */
  readonly cpuMs: Record<string, number>;
  /** Implementations timed by three single calls (slower than slowCallMs). */
  readonly slow: readonly string[];
  readonly errors: Record<string, number>;
  readonly bytes: Record<string, number>;
}

const problems: string[] = [];
const results: ShapeResult[] = [];
let sink = 0;

for (const shape of plan.shapes) {
  const { m, k, n, copies } = shape;
  // `copies` different weight matrices, cycled call after call like the layers of a forward pass,
  // so that the weights stream from memory as they do when decoding rather than staying in cache.
  const weights = Array.from({ length: copies }, () => uniform(k * n, 0.1)); // copies × [k, n]
  const w = weights[0]!;
  const x = uniform(m * k, 1); // [m, k]
  const exact = new Float64Array(m * n); // [m, n], for copy 0
  for (let r = 0; r < m; r++)
    for (let kk = 0; kk < k; kk++) {
      const v = x[r * k + kk]!;
      const row = kk * n;
      for (let c = 0; c < n; c++) exact[r * n + c]! += v * w[row + c]!;
    }

  const xt = tf.tensor2d(x, [m, k]); // [m, k]
  const wt = weights.map((values) => tf.tensor2d(values, [k, n])); // copies × [k, n]
  const perChannel = weights.map((values) => quantizeWeights(values, [k, n], { bits: 8 })); // per output channel
  const q8 = weights.map((values) => kernel.quantize(values, k, n, { bits: 8 }));
  const q4 = weights.map((values) => kernel.quantize(values, k, n, { bits: 4 }));
  weights.length = 0;
  const out = new Float32Array(m * n);
  const read = (t: ReturnType<typeof tf.matMul>) => {
    const values = t.dataSync(); // [m, n]
    t.dispose();
    return values;
  };
  const implementations: Implementation[] = [
    { name: 'tfjs-wasm fp32 matMul', run: (c) => read(tf.matMul(xt, wt[c]!)), maxError: 1e-5 },
    {
      name: 'tfjs-wasm quantizedMatMul 8-bit',
      run: (c) => read(quantizedMatMul(xt, perChannel[c]!)),
      maxError: config.maxRelativeError.q8,
    },
    { name: 'ours 8-bit', run: (c) => kernel.matmul(x, m, q8[c]!, out), maxError: config.maxRelativeError.q8 },
    { name: 'ours 4-bit', run: (c) => kernel.matmul(x, m, q4[c]!, out), maxError: config.maxRelativeError.q4 },
    {
      name: 'ours 8-bit via quantLinear',
      run: (c) => read(quantLinear(xt, q8[c]!)),
      maxError: config.maxRelativeError.q8,
    },
  ];

  // Parity (also the first, untimed call), then one timed call: an implementation slower than
  // slowCallMs per call is timed by that call and two more (median); the others get warm-up calls
  // and the alternating rounds, each call repeated for at least minRoundMs. Wall-clock and CPU time
  // (process.cpuUsage: this process's user + system time, which other jobs on a shared machine do
  // not inflate) are taken together.
  let copy = 0;
  const call = (impl: Implementation) => {
    copy = (copy + 1) % copies;
    sink += impl.run(copy)[0]!;
  };
  const timed = (impl: Implementation, count: number) => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    for (let c = 0; c < count; c++) call(impl);
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - wall) / count, cpu: (used.user + used.system) / 1e3 / count };
  };
  const errors: Record<string, number> = {};
  const single: Array<{ wall: number; cpu: number }> = [];
  for (const impl of implementations) {
    const error = relativeError(impl.run(0), exact);
    errors[impl.name] = error;
    if (!(error <= impl.maxError))
      problems.push(`${shape.name}: ${impl.name} has relative error ${error.toExponential(2)} > ${impl.maxError}`);
    single.push(timed(impl, 1));
  }
  const slow = single.map((t) => t.wall > plan.slowCallMs);
  const times = implementations.map((impl, i) => {
    if (!slow[i]) {
      for (let c = 0; c < plan.warmup; c++) call(impl);
      return [];
    }
    const runs = [single[i]!];
    for (let c = 0; c < 2; c++) {
      collectGarbage();
      runs.push(timed(impl, 1));
    }
    return runs;
  });
  const calls = single.map((t) => Math.max(1, Math.ceil(plan.minRoundMs / Math.max(t.wall, 1e-3))));
  for (let round = 0; round < plan.rounds; round++) {
    const order = implementations.map((_, i) => i).filter((i) => !slow[i]);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      collectGarbage();
      times[i]!.push(timed(implementations[i]!, calls[i]!));
    }
  }
  const wallMs: Record<string, number> = {};
  const cpuMs: Record<string, number> = {};
  implementations.forEach((impl, i) => {
    wallMs[impl.name] = median(times[i]!.map((t) => t.wall));
    cpuMs[impl.name] = median(times[i]!.map((t) => t.cpu));
  });
  results.push({
    shape,
    wallMs,
    cpuMs,
    slow: implementations.filter((_, i) => slow[i]).map((impl) => impl.name),
    errors,
    bytes: { fp32: 4 * k * n, perChannel: perChannel[0]!.byteLength, q8: q8[0]!.bytes, q4: q4[0]!.bytes },
  });
  log(
    `${shape.name}: ${implementations.map((impl) => `${impl.name} ${wallMs[impl.name]!.toFixed(3)} ms (cpu ${cpuMs[impl.name]!.toFixed(3)})`).join(', ')}`,
  );
  tf.dispose([xt, ...wt]);
  for (const q of [...q8, ...q4]) q.free();
}

const fmtMs = (v: number) => (v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1);
const FP32 = 'tfjs-wasm fp32 matMul';
const QUANTIZED = 'tfjs-wasm quantizedMatMul 8-bit';

/** The results table for wall-clock or CPU times, and the lowest fp32 ÷ ours 8-bit at m = 1. */
function table(which: 'wallMs' | 'cpuMs'): { table: string; worstDecode: number } {
  const rows = results.map((result) => {
    const ms = result[which];
    const fp32 = ms[FP32]!;
    return [
      result.shape.name,
      fmtMs(fp32),
      `${fmtMs(ms[QUANTIZED]!)}${result.slow.includes(QUANTIZED) ? ' (3 calls)' : ''}`,
      fmtMs(ms['ours 8-bit']!),
      fmtMs(ms['ours 4-bit']!),
      fmtMs(ms['ours 8-bit via quantLinear']!),
      `${(fp32 / ms['ours 8-bit']!).toFixed(2)}×`,
      `${(fp32 / ms['ours 4-bit']!).toFixed(2)}×`,
      `${result.shape.copies} × ${mb(result.bytes.fp32!)} / ${mb(result.bytes.q8!)} / ${mb(result.bytes.q4!)}`,
      `${(100 * result.errors['ours 8-bit']!).toFixed(2)}% / ${(100 * result.errors['ours 4-bit']!).toFixed(1)}%`,
    ];
  });
  const unit = which === 'wallMs' ? 'ms' : 'CPU ms';
  const decode = results.filter((r) => r.shape.m === 1);
  return {
    table: markdownTable(
      [
        'y = x · W',
        `tfjs-wasm fp32 matMul ${unit}`,
        `quantizedMatMul 8-bit (tfjs-wasm) ${unit}`,
        `ours 8-bit ${unit}`,
        `ours 4-bit ${unit}`,
        `ours 8-bit via quantLinear ${unit}`,
        'fp32 ÷ ours 8-bit',
        'fp32 ÷ ours 4-bit',
        'weights: copies × MB fp32 / 8-bit / 4-bit',
        'rel. error 8-bit / 4-bit',
      ],
      rows,
    ),
    worstDecode: Math.min(...decode.map((r) => r[which][FP32]! / r[which]['ours 8-bit']!)),
  };
}

const wall = table('wallMs');
const cpu = table('cpuMs');
const verdict = (worst: number) =>
  Number.isFinite(worst)
    ? `${worst >= config.target ? 'met' : 'NOT met'} (lowest ${worst.toFixed(2)}×)`
    : 'no m = 1 shape in this run';
const report = [
  'Wall-clock time per call:',
  '',
  wall.table,
  '',
  'CPU time per call (this process):',
  '',
  cpu.table,
  '',
  `- inputs: W uniform in [-0.1, 0.1), x uniform in [-1, 1), seed ${config.seed}; ours quantises W per block of 32 ` +
    `along K (scale per block and column) and x per row and block of 32 to int8; error: ‖y − x·W‖₂ ÷ ‖x·W‖₂ against ` +
    `the float64 product of the unquantised values`,
  `- weights: each shape has \`copies\` different weight matrices, used in turn call after call like the layers ` +
    `of one forward pass (12 blocks of GPT-2 124M; one output head), so the weights stream from memory as when ` +
    `decoding instead of sitting in the CPU's cache; the MB are per copy`,
  `- method: every call returns the product as a Float32Array (tfjs: matMul, dataSync, dispose; quantLinear: ` +
    `tensor in, tensor out); ${plan.warmup} warm-up calls, then ${plan.rounds} rounds alternating the order, each ` +
    `call repeated for ≥ ${plan.minRoundMs} ms, a full GC before each; median of the rounds (an implementation ` +
    `slower than ${plan.slowCallMs} ms per call: median of 3 single calls); CPU time is process.cpuUsage() over ` +
    `the same calls (all single-threaded here), not inflated by other jobs sharing the machine`,
  `- target: fp32 ÷ ours 8-bit ≥ ${config.target}× at m = 1: wall-clock ${verdict(wall.worstDecode)}, CPU time ` +
    verdict(cpu.worstDecode),
  `- tfjs backend: ${ctx.reason}`,
  machineLine(),
  ...problems.map((p) => `- FAILED: ${p}`),
  ...(smoke ? ['(smoke run: tiny shapes and a few calls, the numbers mean nothing)'] : []),
  `(checksum ${sink.toFixed(3)})`,
];
process.stdout.write(`${report.join('\n')}\n`);
// exitCode, not exit(): the source runner deletes its bundle once this module has finished.
if (problems.length > 0) process.exitCode = 1;
