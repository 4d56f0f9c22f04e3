// One training run of ours, in its own process, for `pnpm bench word2vec` (bench/src/word2vec/ours.ts):
//   ours-worker.ts SETTINGS_JSON CORPUS OUT SEED single|parallel
// Trains @chatgpt-explained/embeddings' trainWord2Vec on this thread (single) or its Node entry's
// trainWord2VecParallel on `settings.workers` worker threads (parallel), one document per corpus line,
// writes the vectors to OUT (word2vec binary) and prints one JSON line (Word2VecRunResult).
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  toWord2VecBinary,
  trainWord2Vec,
  type Word2VecOptions,
  type Word2VecProgress,
} from '@chatgpt-explained/embeddings';
import { trainWord2VecParallel } from '@chatgpt-explained/embeddings/node';
import type { Word2VecRunResult, Word2VecSettings } from '../word2vec-types';

const [settingsPath, corpusPath, out, seedArg, mode] = process.argv.slice(2);
if (mode !== 'single' && mode !== 'parallel')
  throw new Error(`ours-worker: mode must be single or parallel, got ${mode}`);
const settings = JSON.parse(readFileSync(settingsPath!, 'utf8')) as Word2VecSettings;
const documents = readFileSync(corpusPath!, 'utf8')
  .split('\n')
  .filter((l) => l !== '');

let last: Word2VecProgress | undefined;
let nextEcho = 0.1;
const started = performance.now();
const options: Word2VecOptions = {
  dimensions: settings.dimensions,
  window: settings.window,
  negative: settings.negative,
  minCount: settings.minCount,
  sample: settings.sample,
  alpha: settings.alpha,
  minAlpha: settings.minAlpha,
  epochs: settings.epochs,
  seed: Number(seedArg),
  onProgress: (p) => {
    last = p;
    if (p.fraction >= nextEcho) {
      process.stderr.write(`  ours: ${Math.round(100 * p.fraction)}%, ${Math.round(p.wordsPerSecond)} words/s\n`);
      while (nextEcho <= p.fraction) nextEcho += 0.1;
    }
  },
};
const vectors =
  mode === 'single'
    ? await trainWord2Vec(documents, options)
    : await trainWord2VecParallel(documents, { ...options, workers: settings.workers });
const total = (performance.now() - started) / 1000;
if (last === undefined || Math.abs(last.fraction - 1) > 1e-9) throw new Error('ours-worker: no final progress report');
// onProgress's wordsPerSecond counts from the start of training (after the vocabulary, tables and
// initial vectors are built), so wordsDone ÷ it is the training time alone.
const trainSeconds = last.wordsDone / last.wordsPerSecond;
writeFileSync(out!, toWord2VecBinary(vectors));
const result: Word2VecRunResult = {
  trainSeconds,
  vocabSeconds: total - trainSeconds,
  corpusWords: last.wordsDone / settings.epochs,
  vocabulary: vectors.size,
  timing:
    mode === 'single'
      ? 'trainWord2Vec from its first SGD step to the end (its final progress report: words done ÷ words/s since ' +
        'training started); tokenising the lines, vocabulary, tables and initial vectors (timed apart) excluded'
      : 'trainWord2VecParallel from starting its worker threads to the end (its final progress report); ' +
        'tokenising, vocabulary, tables and initial vectors (timed apart) excluded',
  detail: `kernel 'auto' (the default); whole call ${total.toFixed(1)} s; last reported loss ${last.loss.toFixed(3)}`,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
