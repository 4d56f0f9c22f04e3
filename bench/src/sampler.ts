// `pnpm bench sampler [--smoke]`: µs per sample() on 50,257 logits with top-k 50 and top-p 0.9,
// ours (@chatgpt-explained/sampler) beside the plain baseline below, in one process, alternating
// rounds, median reported (bench/configs/sampler.json). Before timing, both must return the same id
// for the same draw on every vector, and keep the same tokens with the same probabilities. Exits 1
// when they disagree.
import { sample, samplingDistribution, type SampleOptions } from '@chatgpt-explained/sampler';
import { isSmoke, markdownTable, median, readConfig } from './harness';
import { generateLogits } from './sampler/logits';
import type { SamplerConfig } from './sampler-types';
import { collectGarbage } from './tokenizer/gc';
import { machineLine } from './tokenizer/report';
import { createRng } from './tokenizer/rng';

// ---------------------------------------------------------------------------------------------
// The baseline, as issue 4 states it: softmax over all, sort all indices, cut by k then p,
// renormalise, draw. Plain float64 code, the way one would first write it. Ties at the k-th
// probability are all kept and equal probabilities go by lower id, as in ours, so the two can be
// compared id for id.
// ---------------------------------------------------------------------------------------------

/** The kept tokens, most probable first, and their renormalised probabilities. */
function baselineDistribution(
  logits: Float32Array,
  temperature: number,
  topK: number,
  topP: number,
): { indices: number[]; probabilities: number[] } {
  const n = logits.length;
  // Softmax over all.
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i]! > max) max = logits[i]!;
  const probs = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    probs[i] = Math.exp((logits[i]! - max) / temperature);
    sum += probs[i]!;
  }
  for (let i = 0; i < n; i++) probs[i]! /= sum;
  // Sort all indices by descending probability.
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => probs[b]! - probs[a]! || a - b);
  // Cut by k (keeping ties with the k-th).
  let k = Math.min(topK, n);
  while (k < n && probs[order[k]!] === probs[order[k - 1]!]) k++;
  // Then by p, over the renormalised survivors of top-k.
  let massK = 0;
  for (let j = 0; j < k; j++) massK += probs[order[j]!]!;
  let kept = 0;
  let cum = 0;
  while (kept < k) {
    cum += probs[order[kept]!]!;
    kept++;
    if (cum >= topP * massK) break;
  }
  // Renormalise.
  const indices = order.slice(0, kept);
  return { indices, probabilities: indices.map((i) => probs[i]! / cum) };
}

/** One sample by the baseline: its distribution, then inverse CDF with the draw `u`. */
function baselineSample(logits: Float32Array, temperature: number, topK: number, topP: number, u: number): number {
  const { indices, probabilities } = baselineDistribution(logits, temperature, topK, topP);
  let cum = 0;
  for (let j = 0; j < indices.length; j++) {
    cum += probabilities[j]!;
    if (cum > u) return indices[j]!;
  }
  return indices.at(-1)!;
}

// ---------------------------------------------------------------------------------------------

const log = (line: string) => process.stderr.write(`bench sampler: ${line}\n`);
const config = readConfig<SamplerConfig>('sampler');
const smoke = isSmoke();
const plan = smoke ? config.smoke : config.full;
const { temperature, topK, topP } = config.options;
const problems: string[] = [];

const rng = createRng(config.seed);
const vectors = generateLogits(config.logits, rng);
const n = config.logits.vocabulary;
log(
  `${vectors.length} vectors of ${n} logits, seed ${config.seed}; temperature ${temperature}, topK ${topK}, topP ${topP}`,
);

/** An rng for ours that hands out the given draw: both implementations see the same u. */
let nextU = 0;
const options: SampleOptions = { temperature, topK, topP, rng: () => nextU };
const ours = (logits: Float32Array, u: number): number => {
  nextU = u;
  return sample(logits, options);
};

// Parity: same kept tokens and probabilities, same id for every draw. Also the one warm-up.
let keptSizes: number[] = [];
for (const [v, logits] of vectors.entries()) {
  const want = baselineDistribution(logits, temperature, topK, topP);
  const got = samplingDistribution(logits, { temperature, topK, topP });
  keptSizes.push(want.indices.length);
  const sameSet = got.indices.length === want.indices.length && got.indices.every((id, j) => id === want.indices[j]);
  const worst = sameSet ? Math.max(...got.probabilities.map((p, j) => Math.abs(p - want.probabilities[j]!))) : Infinity;
  if (!sameSet || worst > 1e-12)
    problems.push(
      `vector ${v}: ours keeps [${got.indices.slice(0, 8).join(', ')}…] (${got.indices.length}), ` +
        `the baseline [${want.indices.slice(0, 8).join(', ')}…] (${want.indices.length}), largest probability gap ${worst}`,
    );
  for (let d = 0; d < plan.parityDraws; d++) {
    const u = rng.next();
    const a = ours(logits, u);
    const b = baselineSample(logits, temperature, topK, topP, u);
    if (a !== b) problems.push(`vector ${v}, draw u = ${u}: ours gave ${a}, the baseline ${b}`);
  }
}
keptSizes = keptSizes.sort((a, b) => a - b);
log(
  `parity: ${problems.length === 0 ? 'same kept tokens, probabilities and ids' : `${problems.length} difference(s)`} ` +
    `(${vectors.length} vectors × ${plan.parityDraws} draws); top-p keeps ${keptSizes[0]}–${keptSizes.at(-1)} tokens, ` +
    `median ${median(keptSizes)}`,
);
for (const p of problems.slice(0, 10)) log(p);

// Timing: each round is `callsPerRound` (vector, draw) pairs, the same for both; ours runs them
// `oursRepeats` times. Alternating which goes first, a full GC before each.
let sink = 0;
const oursUs: number[] = [];
const baselineUs: number[] = [];
for (let round = 0; round < plan.rounds; round++) {
  const calls = Array.from({ length: plan.callsPerRound }, (_, i) => ({
    logits: vectors[(round * plan.callsPerRound + i) % vectors.length]!,
    u: rng.next(),
  }));
  const timeOurs = () => {
    collectGarbage();
    const start = performance.now();
    for (let r = 0; r < plan.oursRepeats; r++) for (const c of calls) sink += ours(c.logits, c.u);
    oursUs.push(((performance.now() - start) * 1e3) / (calls.length * plan.oursRepeats));
  };
  const timeBaseline = () => {
    collectGarbage();
    const start = performance.now();
    for (const c of calls) sink += baselineSample(c.logits, temperature, topK, topP, c.u);
    baselineUs.push(((performance.now() - start) * 1e3) / calls.length);
  };
  if (round % 2 === 0) {
    timeOurs();
    timeBaseline();
  } else {
    timeBaseline();
    timeOurs();
  }
  log(
    `round ${round + 1}/${plan.rounds}: ours ${oursUs.at(-1)!.toFixed(2)} µs, baseline ${baselineUs.at(-1)!.toFixed(1)} µs`,
  );
}

const oursMedian = median(oursUs);
const baselineMedian = median(baselineUs);
const ratio = baselineMedian / oursMedian;
const fmt = (us: number) => (us >= 100 ? us.toFixed(0) : us.toFixed(2));
const out = [
  markdownTable(
    ['implementation', 'parity', 'µs per sample (median)', 'fastest round', 'slowest round', 'baseline ÷ it'],
    [
      [
        'ours',
        problems.length === 0 ? 'yes' : 'NO',
        fmt(oursMedian),
        fmt(Math.min(...oursUs)),
        fmt(Math.max(...oursUs)),
        `${ratio.toFixed(1)}×`,
      ],
      [
        'baseline',
        'reference',
        fmt(baselineMedian),
        fmt(Math.min(...baselineUs)),
        fmt(Math.max(...baselineUs)),
        '1.0×',
      ],
    ],
  ),
  '',
  `- logits: ${vectors.length} Float32Array vectors of ${n} (normal noise sd ${config.logits.noiseSd}, ` +
    `${config.logits.head.min}–${config.logits.head.max} lifted tokens each), seed ${config.seed}; ` +
    `options temperature ${temperature}, topK ${topK}, topP ${topP}; top-p keeps ${keptSizes[0]}–${keptSizes.at(-1)} ` +
    `tokens (median ${median(keptSizes)})`,
  `- method: parity first (kept tokens and probabilities to 1e-12, and the id for ${plan.parityDraws} draws per ` +
    `vector, equal), then ${plan.rounds} alternating rounds of ${plan.callsPerRound} calls, the same (vector, draw) ` +
    `pairs for both (ours runs them ${plan.oursRepeats} times), a full GC before each; median of the rounds`,
  `- target: baseline ÷ ours ≥ ${config.target}×: ${ratio >= config.target ? 'met' : 'NOT met'} (${ratio.toFixed(1)}×)`,
  machineLine(),
  ...problems.slice(0, 10).map((p) => `- FAILED: ${p}`),
  ...(smoke ? ['(smoke run: a few calls, the numbers mean nothing)'] : []),
  `(checksum ${sink})`,
];
process.stdout.write(`${out.join('\n')}\n`);
// exitCode, not exit(): the source runner deletes its bundle once this module has finished.
if (problems.length > 0) process.exitCode = 1;
