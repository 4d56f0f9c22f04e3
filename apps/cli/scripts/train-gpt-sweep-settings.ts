/**
 * The settings of the GPT-from-scratch sweep (`train-gpt-sweep.ts`) and of its smoke check, and a
 * timer that measures a few steps of every run (used to size the sweep to its time budget).
 */
import { byteLevelDefinition } from '@chatgpt-explained/essay';
import { createGpt2Model, gpt2Config, joinDocuments, trainGpt2 } from '@chatgpt-explained/gpt2';
import { createEncoding, parseHuggingFaceVocab } from '@chatgpt-explained/tokenizer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBooks, type SweepRun, type SweepSettings } from './train-gpt-sweep-core';

/** Two blocks; the width doubles from run to run, so the non-embedding parameters grow about ×4 (56k, 222k, 886k). */
const SIZES = [
  { size: 's', layers: 2, embedDim: 48, heads: 3 },
  { size: 'm', layers: 2, embedDim: 96, heads: 6 },
  { size: 'l', layers: 2, embedDim: 192, heads: 12 },
] as const;

/** Cheapest first, so a sweep cut short still has both tokenizations. */
const RUNS: readonly SweepRun[] = SIZES.flatMap(({ size, ...shape }) =>
  (['bytes', 'bpe'] as const).map((tokenizer) => ({ name: `${tokenizer}-${size}`, tokenizer, ...shape })),
);

const STEPS = 360;

/** The real sweep: the default model's split, optimizer and schedule, shorter. */
export const SWEEP_SETTINGS: SweepSettings = {
  corpus: { dir: 'data/corpus', heldOutFraction: 0.05, curveCharsPerBook: 10_000 },
  bpeDir: 'data/models/corpus-gpt2',
  runs: RUNS,
  training: {
    steps: STEPS,
    batchSize: 8,
    contextLength: 128,
    learningRate: 2e-3,
    warmupSteps: 20,
    minLearningRate: 2e-4,
    weightDecay: 0.1,
    beta1: 0.9,
    beta2: 0.95,
    clipNorm: 1,
    seed: 1,
  },
  evaluateAt: [10, 30, 60, 120, 240],
  sampleAt: [30, 120],
  sample: { prompt: '', bytes: 240, temperature: 0.8, seed: 7 },
  evaluation: { contextLength: 128, stride: 128, batch: 16 },
  saveBelowBytes: 2_000_000,
};

/** The same pipeline on a sliver of the corpus, two tiny models, a few steps: seconds. */
export const SMOKE_SETTINGS: SweepSettings = {
  ...SWEEP_SETTINGS,
  corpus: { ...SWEEP_SETTINGS.corpus, trainCharsPerBook: 4000, heldOutCharsPerBook: 600, curveCharsPerBook: 300 },
  runs: [
    { name: 'bytes-xs', tokenizer: 'bytes', layers: 1, embedDim: 16, heads: 2 },
    { name: 'bpe-xs', tokenizer: 'bpe', layers: 1, embedDim: 16, heads: 2 },
  ],
  training: { ...SWEEP_SETTINGS.training, steps: 6, batchSize: 4, contextLength: 32, warmupSteps: 2 },
  evaluateAt: [3],
  sampleAt: [3],
  sample: { ...SWEEP_SETTINGS.sample, bytes: 40 },
  evaluation: { contextLength: 32, stride: 32, batch: 16 },
};

/** Times `steps` training steps of every run (the first left out of the mean; writes nothing). */
export async function timeRuns(settings: SweepSettings, steps: number, say: (line: string) => void): Promise<void> {
  const books = readBooks(settings.corpus);
  const bpe = parseHuggingFaceVocab(
    readFileSync(join(settings.bpeDir, 'vocab.json'), 'utf8'),
    readFileSync(join(settings.bpeDir, 'merges.txt'), 'utf8'),
  );
  for (const run of settings.runs) {
    const encoding = createEncoding(run.tokenizer === 'bytes' ? byteLevelDefinition() : bpe);
    const t0 = performance.now();
    const trainIds = joinDocuments(
      books.map((b) => encoding.encode(b.train.slice(0, 200_000))),
      encoding.eotToken,
    );
    const encodeSeconds = (performance.now() - t0) / 1000;
    const config = gpt2Config({
      contextLength: settings.training.contextLength,
      embedDim: run.embedDim,
      layers: run.layers,
      heads: run.heads,
      vocabSize: encoding.vocabSize,
      eosTokenId: encoding.eotToken,
    });
    const model = createGpt2Model(config);
    const times: number[] = [];
    let last = performance.now();
    await trainGpt2(model, trainIds, {
      ...settings.training,
      untilStep: steps,
      onProgress: () => {
        const now = performance.now();
        times.push((now - last) / 1000);
        last = now;
      },
    });
    const steady = times.slice(1);
    const perStep = steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length);
    say(
      `${run.name}: ${perStep.toFixed(3)} s/step (first ${times[0]?.toFixed(2)}), ${Math.round((settings.training.batchSize * settings.training.contextLength) / perStep)} tokens/s; encoding a part of the corpus ${encodeSeconds.toFixed(1)} s`,
    );
    model.dispose();
  }
}
