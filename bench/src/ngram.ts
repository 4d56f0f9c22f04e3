// `pnpm bench ngram [--smoke]`: word 3-gram counting speed and peak memory of ours
// (@chatgpt-explained/ngram's streaming WordNgramCounter) against a plain Map<string, number>
// counter, on ≥ 60 MB of text made by shuffling and repeating the lines of the public-domain corpus
// (bench/configs/ngram.json). Each implementation counts the same temporary file in its own process;
// their totals, distinct counts and top n-grams must be equal before ratios are reported. Exits 1
// when they differ, a worker fails, or (full run) a target is missed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSmoke, markdownTable, readConfig, runWorker } from './harness';
import { writeShuffledText } from './ngram/shuffled-text';
import { machineLine } from './tokenizer/report';
import type { NgramBenchConfig, NgramImplementationName, NgramWorkerResult } from './ngram-types';

const log = (line: string) => process.stderr.write(`bench ngram: ${line}\n`);
const config = readConfig<NgramBenchConfig>('ngram');
const smoke = isSmoke();
const plan = smoke ? config.smoke : config.full;
const problems: string[] = [];
const implementations: NgramImplementationName[] = ['ours', 'map-baseline'];
const MB = 1e6;

const dir = mkdtempSync(join(tmpdir(), 'bench-ngram-'));
const results = new Map<NgramImplementationName, NgramWorkerResult>();
let text;
try {
  const path = join(dir, 'shuffled.txt');
  text = writeShuffledText(path, config.text, plan.bytes);
  log(
    `text: ${text.bytes} bytes, ${text.lines} lines (${text.corpusLines} distinct corpus lines, ${text.passes} shuffled passes), seed ${config.text.seed}`,
  );
  for (const name of implementations) {
    log(`${name}: counting word ${config.n}-grams in its own process…`);
    const result = runWorker<NgramWorkerResult>(`bench/src/ngram/workers/${name}.ts`, [
      path,
      String(config.n),
      String(config.topCompared),
    ]);
    if (result.ok) results.set(name, result.value);
    else problems.push(`${name} worker failed: ${result.error}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const ours = results.get('ours');
const base = results.get('map-baseline');
let same = false;
if (ours !== undefined && base !== undefined) {
  const differences: string[] = [];
  for (const field of ['total', 'distinct', 'words'] as const) {
    if (ours[field] !== base[field]) differences.push(`${field}: ours ${ours[field]}, map-baseline ${base[field]}`);
  }
  const at = ours.top.findIndex((entry, i) => entry[0] !== base.top[i]?.[0] || entry[1] !== base.top[i]?.[1]);
  if (at >= 0 || ours.top.length !== base.top.length)
    differences.push(
      `top ${config.topCompared} differ at rank ${at + 1}: ours ${JSON.stringify(ours.top[at])}, map-baseline ${JSON.stringify(base.top[at])}`,
    );
  for (const d of differences) problems.push(`counts differ: ${d}`);
  same = differences.length === 0;
}

const mbps = (r: NgramWorkerResult) => r.bytes / MB / r.seconds;
const above = (r: NgramWorkerResult) => r.peakRss - r.baselineRss;
const rows = implementations.flatMap((name) => {
  const r = results.get(name);
  if (r === undefined) return [];
  return [
    [
      name,
      same ? 'yes' : 'no',
      r.seconds.toFixed(2),
      mbps(r).toFixed(2),
      base === undefined ? '–' : `${(mbps(r) / mbps(base)).toFixed(2)}×`,
      (r.peakRss / MB).toFixed(1),
      (r.baselineRss / MB).toFixed(1),
      (above(r) / MB).toFixed(1),
      base === undefined ? '–' : `${(above(r) / above(base)).toFixed(3)}×`,
    ],
  ];
});
const lines = [
  markdownTable(
    [
      'implementation',
      'same counts',
      'seconds',
      'MB/s',
      'speed ÷ map',
      'peak RSS MB',
      'baseline RSS MB',
      'peak − baseline MB',
      'memory ÷ map',
    ],
    rows,
  ),
  '',
];
if (text !== undefined && ours !== undefined) {
  lines.push(
    `- text: ${(text.bytes / MB).toFixed(2)} MB of UTF-8, ${text.lines} lines: the ${text.corpusLines} non-blank lines of data/corpus shuffled anew on each of ${text.passes} passes (seed ${config.text.seed}); ` +
      `${ours.total} word ${config.n}-grams, ${ours.distinct} distinct, ${ours.words} distinct words`,
    `- top ${config.topCompared}: ${ours.top
      .slice(0, 5)
      .map(([gram, count]) => `"${gram}" ${count}`)
      .join(', ')}, …`,
  );
}
lines.push(
  '- method: each implementation in a fresh process reads the same file as a stream (ours: 64 KiB byte chunks into ' +
    'WordNgramCounter; map-baseline: node:readline lines, splitWords, words joined by a space as the Map key), the peak-RSS mark reset to the ' +
    'RSS just before counting; MB = 10^6 bytes of the file; total, distinct, distinct words and the top n-grams with counts must be equal',
);
if (ours !== undefined && base !== undefined && same) {
  const speed = mbps(ours) / mbps(base);
  const memory = above(ours) / above(base);
  const speedMet = speed >= config.targets.speed;
  const memoryMet = memory <= config.targets.memory;
  lines.push(
    `- targets: speed ${speed.toFixed(2)}× the map (≥ ${config.targets.speed}×: ${speedMet ? 'met' : 'missed'}); ` +
      `memory above baseline ${memory.toFixed(3)}× the map's (≤ ${config.targets.memory}×: ${memoryMet ? 'met' : 'missed'})`,
  );
  if (!smoke && !speedMet) problems.push(`speed target missed: ${speed.toFixed(2)}× < ${config.targets.speed}×`);
  if (!smoke && !memoryMet) problems.push(`memory target missed: ${memory.toFixed(3)}× > ${config.targets.memory}×`);
}
for (const r of results.values())
  if (!r.peakReset)
    lines.push(`- ${r.implementation}: the peak RSS mark could not be reset, so its peak includes startup`);
lines.push(machineLine(), ...problems.map((p) => `- FAILED: ${p}`));
if (smoke) lines.push('(smoke run: a 1 MB text, the numbers mean nothing)');
for (const p of problems) log(p);
process.stdout.write(`${lines.join('\n')}\n`);
// exitCode, not exit(): the source runner deletes its bundle once this module has finished.
if (problems.length > 0) process.exitCode = 1;
