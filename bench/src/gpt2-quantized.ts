// `pnpm bench gpt2-quantized [--smoke] [--json] [--model=DIR]`: what 8- and 4-bit weights cost the shipped default
// model in prediction quality and what they save in memory and time, beside its float32 weights, on
// the wasm backend (bench/configs/gpt2-quantized.json):
// - held-out bits per byte of each weight format on the text the model never trained on;
// - how far the next-token distributions move from float32's, position by position: mean and largest
//   total variation distance ½Σ|p − q|, largest |Δp| of any token, mean KL(p‖q) in bits, and how often
//   the most likely token stays the same;
// - bytes of weights in memory, and greedy decode tokens/s (KV cache, batch 1).
// Exits 1 when the float32 run does not reproduce the model's logged held-out figure (to 1e-3) or
// tensors leak.
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  bitsPerByte,
  createKvCache,
  gpt2FromCheckpoint,
  holdOutTail,
  joinDocuments,
  loadCheckpoint,
  type Gpt2,
} from '@chatgpt-explained/gpt2';
import { directorySource } from '@chatgpt-explained/gpt2/node';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { isSmoke, markdownTable, median, readConfig, ROOT } from './harness';
import { machineLine } from './tokenizer/report';

interface Plan {
  /** Held-out tokens per book (0: all). */
  readonly heldOutTokensPerBook: number;
  readonly contextLength: number;
  readonly stride: number;
  /** Held-out windows whose every position's distribution is compared. */
  readonly distributionWindows: number;
  readonly decodePrompt: number;
  readonly decodeTokens: number;
  readonly decodeRounds: number;
}

interface Config {
  readonly model: string;
  readonly corpus: string;
  readonly bits: ReadonlyArray<32 | 8 | 4>;
  readonly full: Plan;
  readonly smoke: Plan;
}

interface Row {
  readonly bits: 32 | 8 | 4;
  readonly weightBytes: number;
  readonly bitsPerByte: number;
  readonly decodeTokensPerSecond: number;
  /** Against float32; absent for float32 itself. */
  readonly change?: {
    readonly positions: number;
    readonly meanTotalVariation: number;
    readonly maxTotalVariation: number;
    readonly maxProbabilityChange: number;
    readonly meanKlBits: number;
    readonly top1Agreement: number;
  };
}

const log = (line: string) => process.stderr.write(`bench gpt2-quantized: ${line}\n`);

/** Softmax rows of the logits at every position of `windows` ([count, T] ids), float64, row-major [count·T, V]. */
function distributions(gpt: Gpt2, windows: Int32Array, count: number, length: number): Float64Array {
  const V = gpt.config.vocabSize;
  const out = new Float64Array(count * length * V);
  for (let w = 0; w < count; w++) {
    const probs = tf.tidy(() => {
      const x = tf.tensor2d(windows.subarray(w * length, (w + 1) * length), [1, length], 'int32'); // [1, T]
      return tf.softmax(gpt.model.forward(x).logits); // [1, T, V]
    });
    out.set(probs.dataSync(), w * length * V);
    probs.dispose();
  }
  return out;
}

function compare(p: Float64Array, q: Float64Array, V: number): NonNullable<Row['change']> {
  const positions = p.length / V;
  let tvSum = 0;
  let tvMax = 0;
  let dpMax = 0;
  let klSum = 0;
  let agree = 0;
  for (let r = 0; r < positions; r++) {
    let tv = 0;
    let kl = 0;
    let ap = 0;
    let aq = 0;
    for (let i = r * V; i < (r + 1) * V; i++) {
      const d = Math.abs(p[i]! - q[i]!);
      tv += d;
      if (d > dpMax) dpMax = d;
      if (p[i]! > 0) kl += p[i]! * Math.log2(p[i]! / Math.max(q[i]!, 1e-30));
      if (p[i]! > p[r * V + ap]!) ap = i - r * V;
      if (q[i]! > q[r * V + aq]!) aq = i - r * V;
    }
    tvSum += tv / 2;
    tvMax = Math.max(tvMax, tv / 2);
    klSum += kl;
    if (ap === aq) agree++;
  }
  return {
    positions,
    meanTotalVariation: tvSum / positions,
    maxTotalVariation: tvMax,
    maxProbabilityChange: dpMax,
    meanKlBits: klSum / positions,
    top1Agreement: agree / positions,
  };
}

/** Greedy decode tokens/s after a prompt, median over rounds. */
async function decodeSpeed(gpt: Gpt2, prompt: readonly number[], tokens: number, rounds: number): Promise<number> {
  const speeds: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    const cache = createKvCache(gpt.model);
    try {
      const step = (ids: readonly number[]): number => {
        const logits = tf.tidy(
          () => gpt.model.forward(tf.tensor2d([[...ids]], [1, ids.length], 'int32'), { cache, lastOnly: true }).logits,
        );
        const next = tf.tidy(() => tf.argMax(tf.reshape(logits, [-1])).dataSync()[0]!);
        logits.dispose();
        return next;
      };
      let id = step(prompt);
      const start = performance.now();
      for (let i = 0; i < tokens; i++) id = step([id]);
      if (round > 0) speeds.push(tokens / ((performance.now() - start) / 1000)); // round 0 warms up
    } finally {
      cache.dispose();
    }
  }
  return median(speeds);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const smoke = isSmoke(args);
  const config = readConfig<Config>('gpt2-quantized');
  const plan = smoke ? config.smoke : config.full;
  const problems: string[] = [];
  tf.env().set('PROD', true);
  const compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');

  // --model=DIR measures another checkpoint directory trained the same way (with a loss-log.json).
  const modelArg = args.find((a) => a.startsWith('--model='))?.slice('--model='.length);
  const modelDir = modelArg === undefined ? join(ROOT, config.model) : resolve(modelArg);
  const trainingLog = JSON.parse(readFileSync(join(modelDir, 'loss-log.json'), 'utf8')) as {
    recipe: { corpus: { heldOutFraction: number } };
    final: { heldOutBitsPerByte: number; dtype: string };
  };
  const checkpoint = await loadCheckpoint(directorySource(modelDir));
  const encoding = checkpoint.encoding!;
  const eot = encoding.eotToken;

  // The held-out text: the tail of every book (the split the model was trained with).
  const books = readdirSync(join(ROOT, config.corpus))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map(
      (f) =>
        holdOutTail(readFileSync(join(ROOT, config.corpus, f), 'utf8'), {
          fraction: trainingLog.recipe.corpus.heldOutFraction,
        }).heldOut,
    );
  const heldOut = books.map((text) => {
    const all = encoding.encode(text);
    const ids = plan.heldOutTokensPerBook > 0 ? all.slice(0, plan.heldOutTokensPerBook) : all;
    return {
      ids: joinDocuments([ids], eot),
      bytes: new TextEncoder().encode(plan.heldOutTokensPerBook > 0 ? encoding.decode(ids) : text).length,
    };
  });
  const T = plan.contextLength;
  const allIds = joinDocuments(
    heldOut.map((h) => h.ids.subarray(1)),
    eot,
  );
  const windowCount = Math.min(plan.distributionWindows, Math.floor(allIds.length / T));
  const windows = allIds.subarray(0, windowCount * T);
  const prompt = Array.from(allIds.subarray(0, plan.decodePrompt));
  log(
    `held-out: ${heldOut.reduce((n, h) => n + h.ids.length - 1, 0)} tokens, ${heldOut.reduce((n, h) => n + h.bytes, 0)} bytes; distributions at ${windowCount * T} positions`,
  );

  const rows: Row[] = [];
  let reference: Float64Array | undefined;
  const before = tf.memory().numTensors;
  for (const bits of config.bits) {
    const gpt = await gpt2FromCheckpoint(checkpoint, bits === 32 ? {} : { quantize: { bits } });
    try {
      let totalBits = 0;
      let totalBytes = 0;
      for (const h of heldOut) {
        const r = await bitsPerByte(gpt.model, h.ids, h.bytes, { contextLength: T, stride: plan.stride });
        totalBits += r.bits;
        totalBytes += h.bytes;
      }
      const p = distributions(gpt, windows, windowCount, T);
      const change = reference === undefined ? undefined : compare(reference, p, gpt.config.vocabSize);
      reference ??= p;
      const decode = await decodeSpeed(gpt, prompt, plan.decodeTokens, plan.decodeRounds);
      const row: Row = {
        bits,
        weightBytes: gpt.weightBytes,
        bitsPerByte: totalBits / totalBytes,
        decodeTokensPerSecond: decode,
        ...(change ? { change } : {}),
      };
      rows.push(row);
      log(`${bits} bits: ${row.bitsPerByte.toFixed(4)} bits per byte, ${decode.toFixed(0)} tokens/s`);
    } finally {
      gpt.dispose();
    }
  }
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) problems.push(`${leaked} tensors leaked`);
  const f32 = rows[0]!;
  if (
    !smoke &&
    trainingLog.final.dtype === 'F32' &&
    Math.abs(f32.bitsPerByte - trainingLog.final.heldOutBitsPerByte) > 1e-3
  )
    problems.push(
      `float32 held-out ${f32.bitsPerByte.toFixed(4)} bits per byte, the training log says ${trainingLog.final.heldOutBitsPerByte.toFixed(4)}`,
    );
  if (
    !smoke &&
    trainingLog.final.dtype === 'F16' &&
    Math.abs(f32.bitsPerByte - trainingLog.final.heldOutBitsPerByte) > 1e-3
  )
    problems.push(
      `held-out ${f32.bitsPerByte.toFixed(4)} bits per byte from the F16 file, the training log says ${trainingLog.final.heldOutBitsPerByte.toFixed(4)}`,
    );

  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ config, plan, rows, problems })}\n`);
  } else {
    const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
    const table = markdownTable(
      [
        'weights',
        'weight MB',
        'held-out bits/byte',
        'Δ bits/byte',
        'mean TV',
        'max TV',
        'max |Δp|',
        'mean KL bits',
        'top-1 same',
        'decode tok/s',
        'decode ÷ fp32',
      ],
      rows.map((r) => [
        r.bits === 32 ? 'float32' : `${r.bits}-bit`,
        (r.weightBytes / 1e6).toFixed(2),
        r.bitsPerByte.toFixed(4),
        r.bits === 32
          ? '–'
          : `${r.bitsPerByte - f32.bitsPerByte >= 0 ? '+' : ''}${(r.bitsPerByte - f32.bitsPerByte).toFixed(4)}`,
        r.change ? r.change.meanTotalVariation.toPrecision(2) : '–',
        r.change ? r.change.maxTotalVariation.toPrecision(2) : '–',
        r.change ? r.change.maxProbabilityChange.toPrecision(2) : '–',
        r.change ? r.change.meanKlBits.toPrecision(2) : '–',
        r.change ? pct(r.change.top1Agreement) : '–',
        r.decodeTokensPerSecond.toFixed(0),
        `${(r.decodeTokensPerSecond / f32.decodeTokensPerSecond).toFixed(2)}×`,
      ]),
    );
    const lines = [
      table,
      '',
      `- model: ${relative(ROOT, modelDir) || '.'} (${checkpoint.config.layers} layers, ${checkpoint.config.embedDim} dims, vocabulary ${checkpoint.config.vocabSize}, file ${trainingLog.final.dtype}); training log's held-out figure ${trainingLog.final.heldOutBitsPerByte.toFixed(4)} bits per byte`,
      `- held-out text: the last ${100 * trainingLog.recipe.corpus.heldOutFraction}% of each book of ${config.corpus}${plan.heldOutTokensPerBook > 0 ? ` (first ${plan.heldOutTokensPerBook} tokens of each)` : ''}; windows of ${T} tokens, stride ${plan.stride}; distributions at every position of the first ${windowCount} windows (${windowCount * T} positions)`,
      `- decode: greedy, KV cache, batch 1, ${plan.decodeTokens} tokens after a ${plan.decodePrompt}-token prompt, median of ${plan.decodeRounds} rounds after one warm-up; backend ${compute.reason}`,
      machineLine(),
      ...problems.map((p) => `- FAILED: ${p}`),
      ...(smoke ? ['(smoke run: part of the held-out text, a few tokens; the numbers mean little)'] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  for (const p of problems) log(p);
  return problems.length > 0 ? 1 : 0;
}

process.exitCode = await main();
