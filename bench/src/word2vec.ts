// `pnpm bench word2vec [--smoke] [--only=ours,gensim,…] [--seeds=1,2] [--budget-minutes=N] [--wordsim=PATH]`: skip-gram word2vec with
// negative sampling, ours (@chatgpt-explained/embeddings: single-threaded, and its worker_threads
// trainer where it exists) beside gensim's Word2Vec (Debian python3-gensim) and fastText (Debian
// fasttext, as word2vec without subwords, and with its default subwords as an extra row), each in its
// own process, one after another, seed by seed, on one pre-tokenised corpus file and the pinned
// settings of bench/configs/word2vec.json. Reports training words/s and Spearman's ρ of cosine
// similarity with WordSim-353 over the pairs both ours and gensim cover, computed by one Spearman
// (ours) on the vectors every tool saved, and checks issue 7's targets against gensim. In a smoke run
// (a few thousand words of each file, one epoch, one seed) a tool that is not installed is a one-line
// note; in a full run it fails the run. `--wordsim=PATH` reads the pairs from PATH instead of
// data/wordsim353/combined.csv (development only). Exits 1 when a run fails.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { ROOT, isSmoke, readConfig } from './harness';
import { machineLine } from './tokenizer/report';
import type { ChildResult } from './train/spawn';
import type { Word2VecConfig, Word2VecImplementation, Word2VecRunResult, Word2VecSettings } from './word2vec-types';
import { prepareCorpus } from './word2vec/corpus';
import { wordIndex, cosine } from './word2vec/evaluate';
import { runFasttext } from './word2vec/fasttext';
import { runGensim } from './word2vec/gensim';
import { oursParallelAvailable, runOurs } from './word2vec/ours';
import { commonPairs, resultsTable, runSpearman, summarise, type ScoredRun, type Summary } from './word2vec/report';
import { readWord2VecFile } from './word2vec/vectors-file';
import { readWordSim } from './word2vec/wordsim';

const log = (line: string) => process.stderr.write(`bench word2vec: ${line}\n`);
const argv = process.argv.slice(2);
const config = readConfig<Word2VecConfig>('word2vec');
const smoke = isSmoke(argv);
const onlyArg = argv.find((a) => a.startsWith('--only='));
const only = onlyArg === undefined ? undefined : onlyArg.slice('--only='.length).split(',');
const wordsimArg = argv.find((a) => a.startsWith('--wordsim='))?.slice('--wordsim='.length);
const settings: Word2VecSettings = smoke ? { ...config.settings, epochs: config.smoke.epochs } : config.settings;
const budgetArg = argv.find((a) => a.startsWith('--budget-minutes='))?.slice('--budget-minutes='.length);
/** With --budget-minutes=N, a run is skipped (and said so) when it would likely end after N minutes. */
const budgetMs = budgetArg === undefined ? Infinity : Number(budgetArg) * 60_000;
const seedsArg = argv.find((a) => a.startsWith('--seeds='))?.slice('--seeds='.length);
const seeds = seedsArg !== undefined ? seedsArg.split(',').map(Number) : smoke ? config.smoke.seeds : config.seeds;
const implementations = config.implementations.filter(
  (i) => (only === undefined || only.includes(i)) && !(smoke && only === undefined && config.smoke.skip.includes(i)),
);

const problems: string[] = [];
const notes: string[] = [];
// --budget-minutes only skips runs (each skip is a note of its own), so alone it leaves the run pinned.
if (onlyArg !== undefined || seedsArg !== undefined || wordsimArg !== undefined)
  notes.push(
    `not the pinned run: ${[onlyArg, seedsArg && `--seeds=${seedsArg}`, wordsimArg && `--wordsim=${wordsimArg}`].filter(Boolean).join(' ')}`,
  );

const wordsimPath = wordsimArg ?? join(ROOT, config.wordSimilarity);
if (!existsSync(wordsimPath)) {
  log(`no word-similarity file at ${wordsimPath} (pass --wordsim=PATH in development)`);
  process.exit(1);
}
const pairs = readWordSim(wordsimPath);

const labels = new Map<Word2VecImplementation, string>([
  ['ours', 'ours, 1 thread'],
  ['ours-parallel', `ours, ${settings.workers} worker threads`],
  ['gensim', `gensim, ${settings.workers} workers`],
  ['fasttext', `fastText, ${settings.workers} threads, no subwords`],
  ['fasttext-subwords', `fastText, ${settings.workers} threads, subwords 3–6`],
]);

/**
 * A hash of ours' sources (every run bundles them afresh): if they change during the run, the runs
 * measured different code.
 */
function oursSourceHash(): string {
  const hash = createHash('sha256');
  const src = join(ROOT, 'packages/embeddings/src');
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' }).sort())
    if (file.endsWith('.ts') && !file.endsWith('.test.ts')) hash.update(file).update(readFileSync(join(src, file)));
  return hash.digest('hex').slice(0, 12);
}
const sourceAtStart = oursSourceHash();

const dir = mkdtempSync(join(tmpdir(), 'bench-word2vec-'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}
const runs: ScoredRun[] = [];
const unavailable = new Map<Word2VecImplementation, string>();
const versions = new Map<Word2VecImplementation, string>();
const timings = new Map<Word2VecImplementation, string>();
const loads: string[] = [];
let corpusLine = '';
try {
  const corpus = prepareCorpus(config, dir, smoke ? config.smoke.wordsPerFile : undefined);
  corpusLine =
    `${corpus.words.toLocaleString('en')} words (${corpus.types.toLocaleString('en')} distinct) in ` +
    `${corpus.lines.toLocaleString('en')} lines from ${config.corpus.length} files`;
  log(`corpus: ${corpusLine}`);
  if (!oursParallelAvailable())
    unavailable.set('ours-parallel', '@chatgpt-explained/embeddings/node has no parallel trainer');

  const run = (impl: Word2VecImplementation, seed: number): Promise<ChildResult<Word2VecRunResult>> => {
    const out = join(dir, `${impl}-${seed}`);
    switch (impl) {
      case 'ours':
      case 'ours-parallel':
        return runOurs(impl === 'ours' ? 'single' : 'parallel', settings, corpus.path, `${out}.bin`, seed, dir, !smoke);
      case 'gensim':
        return runGensim(config.python, settings, corpus.path, `${out}.bin`, seed, dir);
      case 'fasttext':
      case 'fasttext-subwords':
        return runFasttext(config.fasttext, settings, corpus.path, out, seed, impl === 'fasttext-subwords');
    }
  };
  const vectorsFile = (impl: Word2VecImplementation, seed: number) =>
    impl.startsWith('fasttext')
      ? { path: join(dir, `${impl}-${seed}.vec`), format: 'text' as const }
      : { path: join(dir, `${impl}-${seed}.bin`), format: 'binary' as const };

  /**
   * The runs, seed by seed; those config.seedsOf limits to the first seeds (never in smoke or --seeds
   * runs; `ours` only while `ours-parallel` runs too) go last, after every full-seed run.
   */
  const limitOf = (impl: Word2VecImplementation): number | undefined => {
    if (smoke || seedsArg !== undefined) return undefined;
    if (impl === 'ours' && (unavailable.has('ours-parallel') || !implementations.includes('ours-parallel')))
      return undefined;
    return config.seedsOf[impl];
  };
  const jobs: Array<{ impl: Word2VecImplementation; seed: number }> = [];
  const extra: typeof jobs = [];
  for (const [position, seed] of seeds.entries()) {
    for (const impl of implementations) {
      const limit = limitOf(impl);
      if (limit === undefined) jobs.push({ impl, seed });
      else if (position < limit) extra.push({ impl, seed });
    }
  }
  const began = performance.now();
  /** Seconds a run of `impl` is likely to take: its earlier runs', else twice ours-parallel's for ours. */
  const estimate = (impl: Word2VecImplementation): number => {
    const seconds = (i: Word2VecImplementation) =>
      runs.filter((r) => r.implementation === i).map((r) => r.result.trainSeconds! + (r.result.vocabSeconds ?? 0));
    const own = seconds(impl);
    if (own.length > 0) return Math.max(...own);
    const parallel = seconds('ours-parallel');
    return impl === 'ours' && parallel.length > 0 ? 2 * Math.max(...parallel) : 0;
  };
  for (const { impl, seed } of [...jobs, ...extra]) {
    if (unavailable.has(impl)) continue;
    if (performance.now() - began + 1000 * estimate(impl) > budgetMs) {
      notes.push(`${labels.get(impl)}, seed ${seed}: not run, it would likely end after --budget-minutes=${budgetArg}`);
      continue;
    }
    log(`seed ${seed}: ${labels.get(impl)}, in its own process…`);
    const before = loadavg()[0]!;
    const outcome = await run(impl, seed);
    loads.push(`${impl}/${seed} ${before.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`);
    if (!outcome.ok) {
      problems.push(`${labels.get(impl)}, seed ${seed}, failed: ${outcome.error}`);
      continue;
    }
    const result = outcome.value;
    if (result.unavailable !== undefined) {
      unavailable.set(impl, result.unavailable);
      continue;
    }
    if (result.version !== undefined) versions.set(impl, result.version);
    if (result.timing !== undefined) timings.set(impl, result.timing);
    const file = vectorsFile(impl, seed);
    const vectors = readWord2VecFile(file.path, file.format);
    for (const f of [file.path, join(dir, `${impl}-${seed}.bin`)]) rmSync(f, { force: true });
    const index = wordIndex(vectors);
    const cosines = new Map<number, number>();
    pairs.forEach((p, k) => {
      const i = index.get(p.a);
      const j = index.get(p.b);
      if (i !== undefined && j !== undefined) cosines.set(k, cosine(vectors, i, j));
    });
    const wordsPerSecond = (corpus.words * settings.epochs) / result.trainSeconds!;
    runs.push({ implementation: impl, seed, result, wordsPerSecond, cosines });
    const own = [...cosines.keys()];
    log(
      `  ${result.trainSeconds!.toFixed(1)} s training, ${Math.round(wordsPerSecond).toLocaleString('en')} words/s, ` +
        `${vectors.words.length.toLocaleString('en')} vectors, ${cosines.size} pairs covered, Spearman on those ` +
        (own.length > 1 ? runSpearman(runs.at(-1)!, pairs, own).toFixed(3) : '–'),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const sourceAtEnd = oursSourceHash();
if (sourceAtEnd !== sourceAtStart)
  problems.push(
    `packages/embeddings/src changed during the run (${sourceAtStart} → ${sourceAtEnd}): ours' runs measured different code`,
  );

for (const [impl, why] of unavailable) {
  const line = `${labels.get(impl)}: not run (${why})`;
  // A missing parallel trainer or fastText's extra subword row is a note; any other tool missing in a
  // full run means the comparison did not happen.
  if (smoke || impl === 'ours-parallel' || impl === 'fasttext-subwords') notes.push(line);
  else problems.push(line);
}

// The common pairs: those both ours (single-threaded, else parallel) and the reference cover in every run.
const ranImpls = implementations.filter((i) => runs.some((r) => r.implementation === i));
const oursImpl = (['ours', 'ours-parallel'] as const).find((i) => ranImpls.includes(i));
const basis = runs.filter((r) => r.implementation === oursImpl || r.implementation === config.reference);
const common = commonPairs(basis, pairs.length);
const basisLine =
  oursImpl !== undefined && ranImpls.includes(config.reference)
    ? `pairs both ${labels.get(oursImpl)} and ${labels.get(config.reference)} cover`
    : `pairs ${
        [oursImpl, config.reference]
          .filter((i) => i !== undefined && ranImpls.includes(i))
          .map((i) => labels.get(i!))
          .join(' and ') || 'no model'
      } covers (the other did not run)`;
const summaries: Summary[] = ranImpls.map((impl) =>
  summarise(
    impl,
    runs.filter((r) => r.implementation === impl),
    pairs,
    common,
  ),
);
const reference = summaries.find((s) => s.implementation === config.reference);

const lines = [resultsTable(summaries, reference, labels, common.length, pairs.length), ''];
lines.push(
  `- corpus: ${corpusLine}: ${config.corpus.map((c) => c.file.replace(/^data\//, '')).join(', ')}; words as ` +
    `@chatgpt-explained/tokenizer's splitWords gives them (lower-cased), one line per paragraph` +
    (smoke ? ` (smoke: the first ${config.smoke.wordsPerFile} words of each file)` : ''),
  `- settings: skip-gram, negative sampling; dim ${settings.dimensions}, window ${settings.window}, negative ` +
    `${settings.negative}, min count ${settings.minCount}, sample ${settings.sample}, alpha ${settings.alpha} → ` +
    `${settings.minAlpha} (fastText → 0), ${settings.epochs} epoch(s), seeds ${seeds.join(', ')}`,
  `- Spearman: ρ of cosine similarity with the mean human score of WordSim-353 (${pairs.length} pairs, words ` +
    `lower-cased), over the ${common.length} ${basisLine}; mean ± sample sd over the seeds; one Spearman ` +
    `(ours, ties averaged) on the vectors each tool saved (word2vec binary; fastText's .vec text)`,
  `- words/s: ${corpusLine.split(' ')[0]} corpus words × ${settings.epochs} epoch(s) ÷ training seconds ` +
    '(wall clock; vocabulary building and saving excluded):',
  ...ranImpls.map(
    (i) => `  - ${labels.get(i)}${versions.has(i) ? ` (${versions.get(i)})` : ''}: ${timings.get(i) ?? '?'}`,
  ),
);
for (const impl of ranImpls) {
  const details = runs.filter((r) => r.implementation === impl && r.result.detail !== undefined);
  if (details.length > 0)
    lines.push(`- ${labels.get(impl)}: ${details.map((r) => `seed ${r.seed}: ${r.result.detail}`).join('; ')}`);
}
if (reference !== undefined) {
  const { spearmanGap, speedRatio } = config.targets;
  for (const s of summaries.filter((x) => x.implementation.startsWith('ours'))) {
    const quality = s.meanSpearman >= reference.meanSpearman - spearmanGap;
    const ratio = s.meanWordsPerSecond / reference.meanWordsPerSecond;
    lines.push(
      `- target ${labels.get(s.implementation)}: Spearman ${s.meanSpearman.toFixed(3)} vs ${labels.get(reference.implementation)} ` +
        `${reference.meanSpearman.toFixed(3)} − ${spearmanGap} (${quality ? 'met' : 'MISSED'}); words/s ${ratio.toFixed(2)}× ` +
        `(≥ ${speedRatio}×: ${ratio >= speedRatio ? 'met' : 'MISSED'})`,
    );
  }
} else lines.push(`- targets: not checked, ${labels.get(config.reference)} did not run`);
lines.push(
  `- ours: packages/embeddings/src ${sourceAtStart}${sourceAtEnd === sourceAtStart ? ' (unchanged during the run)' : ` → ${sourceAtEnd}`}`,
);
lines.push(...notes.map((n) => `- ${n}`), machineLine());
if (!smoke) lines.push(`- load average (1 min) before → after each process: ${loads.join('; ')}`);
lines.push(...problems.map((p) => `- FAILED: ${p}`));
if (smoke) lines.push('(smoke run: a few thousand words, one epoch, one seed: the numbers mean nothing)');
process.stdout.write(`${lines.join('\n')}\n`);
for (const p of problems) log(p);
// exitCode, not exit(): the source runner deletes its bundle once this module has finished.
if (problems.length > 0) process.exitCode = 1;
