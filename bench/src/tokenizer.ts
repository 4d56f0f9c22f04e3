// `pnpm bench tokenizer [--smoke]`: GPT-2 BPE encode and decode throughput of ours, js-tiktoken and
// gpt-tokenizer on one seeded mixed text (English prose, code, CJK, emoji; bench/configs/tokenizer.json).
// All three run in this process: a parity check first (whole text, every id; it is also the one
// warm-up), then alternating timed rounds, median reported. Peak memory comes from one child process
// per implementation. Exits 1 when any implementation fails to load or disagrees.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSmoke, readConfig, runWorker } from './harness';
import { readCorpus } from './tokenizer/corpus';
import type { Tokenizer } from './tokenizer/implementation';
import { loadTokenizer, memoryWorkerEntry } from './tokenizer/implementations';
import { generateMixedText } from './tokenizer/mixed-text';
import { describeIdMismatch, describeRoundTripMismatch, firstDifference } from './tokenizer/parity';
import { machineLine, repeatLines, resultsTable, targetLines, type ImplementationResult } from './tokenizer/report';
import { timeAlternating } from './tokenizer/timing';
import type { ImplementationName, TokenizerConfig, TokenizerMemory } from './tokenizer-types';

const log = (line: string) => process.stderr.write(`bench tokenizer: ${line}\n`);
const config = readConfig<TokenizerConfig>('tokenizer');
const smoke = isSmoke();
const plan = smoke ? config.smoke : config.full;
const problems: string[] = [];

const mixed = generateMixedText(config.text, readCorpus(config.text.corpus), plan.bytes);
const { text } = mixed;
const shares = Object.entries(mixed.bytesByKind)
  .map(([kind, bytes]) => `${kind} ${((100 * bytes) / mixed.bytes).toFixed(1)}%`)
  .join(', ');
log(`text: ${mixed.bytes} bytes in ${mixed.blocks} blocks (${shares}), seed ${config.text.seed}`);

const tokenizers: Tokenizer[] = [];
for (const name of config.implementations) {
  const loaded = await loadTokenizer(name);
  if (loaded.ok) tokenizers.push(loaded.tokenizer);
  else problems.push(`${name} did not load: ${loaded.error}`);
}

// Parity, which is also each implementation's one warm-up: every id equal to the reference's, and
// decode(encode(text)) === text. An implementation that fails it is still timed (and the run fails).
const outputs = new Map<ImplementationName, { ids: number[]; decoded: string }>();
for (const t of [...tokenizers]) {
  log(`parity check and warm-up: ${t.name}…`);
  try {
    const own = t.encode(text);
    outputs.set(t.name, { ids: own, decoded: t.decode(own) });
  } catch (error) {
    problems.push(`${t.name} threw on the text: ${error instanceof Error ? error.message : String(error)}`);
    tokenizers.splice(tokenizers.indexOf(t), 1);
  }
}
const reference = tokenizers.find((t) => t.name === config.reference);
const referenceIds = outputs.get(config.reference)?.ids;
if (reference === undefined || referenceIds === undefined)
  problems.push(`the reference ${config.reference} did not run`);
const parity = new Map<ImplementationName, boolean>();
for (const t of tokenizers) {
  const { ids, decoded } = outputs.get(t.name)!;
  const roundTrip = describeRoundTripMismatch(t.name, decoded, text);
  if (roundTrip !== undefined) problems.push(roundTrip);
  const sameIds = referenceIds !== undefined && firstDifference(ids, referenceIds) === -1;
  if (!sameIds && reference !== undefined && referenceIds !== undefined)
    problems.push(describeIdMismatch(t.name, ids, reference.name, referenceIds, reference.decode));
  parity.set(t.name, sameIds && roundTrip === undefined);
}
for (const p of problems) log(p);

log(`timing: ${plan.rounds} alternating round(s)…`);
const timings = await timeAlternating(tokenizers, text, plan.rounds, outputs, log);

const dir = mkdtempSync(join(tmpdir(), 'bench-tokenizer-'));
const memory = new Map<ImplementationName, TokenizerMemory>();
try {
  const textPath = join(dir, 'mixed.txt');
  writeFileSync(textPath, text);
  for (const t of tokenizers) {
    log(`peak memory: ${t.name} in its own process…`);
    const result = runWorker<TokenizerMemory>(memoryWorkerEntry(t.name), [textPath]);
    if (!result.ok) problems.push(`${t.name} memory worker failed: ${result.error}`);
    else {
      memory.set(t.name, result.value);
      if (result.value.tokens !== outputs.get(t.name)!.ids.length || (!result.value.roundTrip && parity.get(t.name)))
        problems.push(`${t.name} gave a different result in its memory worker than in this process`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const results: ImplementationResult[] = config.implementations.map((name) => {
  const timing = timings.find((t) => t.name === name);
  const mem = memory.get(name);
  const same = parity.get(name);
  return { name, ...(same !== undefined && { parity: same }), ...(timing && { timing }), ...(mem && { memory: mem }) };
});
const out = [
  resultsTable(results, mixed.bytes),
  '',
  `- text: ${(mixed.bytes / 1e6).toFixed(2)} MB of UTF-8 (${shares}), ${mixed.blocks} blocks, seed ${config.text.seed}; ` +
    `${referenceIds?.length ?? '?'} tokens; MB = 10^6 bytes of the text, for encode and decode alike`,
  `- method: one warm-up (the parity check) per implementation, then the median of ${plan.rounds} rounds, each ` +
    'encoding the whole text and decoding its ids with every implementation in turn (order rotating by round), ' +
    'a full GC before every timed call; every timed encode starts fresh, with no cache holding this text ' +
    "(gpt-tokenizer's merge cache emptied, ours a new encoding from getEncoding); " +
    'peak RSS from one fresh process per implementation (one encode, one decode) with the peak mark reset to the ' +
    'baseline, the RSS just before the library loads',
  ...tokenizers.map((t) => `- ${t.name}: ${t.source}`),
  ...repeatLines(timings, mixed.bytes),
  ...targetLines(config.targets, timings, parity.get('ours') === true),
  ...[...memory.values()]
    .filter((m) => !m.peakReset)
    .map((m) => `- ${m.implementation}: the peak RSS mark could not be reset, so its peak includes startup`),
  machineLine(),
  ...problems.map((p) => `- FAILED: ${p.split('\n')[0]}`),
  ...(smoke ? ['(smoke run: a tiny text and one round, the numbers mean nothing)'] : []),
];
process.stdout.write(`${out.join('\n')}\n`);
// exitCode, not exit(): the source runner deletes its bundle once this module has finished.
if (problems.length > 0) process.exitCode = 1;
