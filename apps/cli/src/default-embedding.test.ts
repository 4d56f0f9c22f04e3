// The shipped embedding (data/models/corpus-word2vec): the first points of its training log replay
// exactly (single-thread trainWord2Vec with the logged settings and seed is deterministic), and the
// shipped vectors load and agree with human similarity judgements at least as well as stated.
import {
  evaluateWordSimilarity,
  fromWord2VecBinary,
  trainWord2Vec,
  type Word2VecOptions,
  type Word2VecProgress,
} from '@chatgpt-explained/embeddings';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EMBEDDING_RECIPE,
  DEFAULT_LOSSES_PATH,
  DEFAULT_VECTORS_PATH,
  DEFAULT_VOCAB_PATH,
} from './commands/embed/recipe';
import { dataDir } from './data-dir';

/** Logged loss points replayed (10,000 corpus words each). */
const REPLAY_POINTS = 5;
/**
 * Allowed difference between a replayed and a logged loss. The recipe pins the WebAssembly kernel,
 * whose float32 SIMD arithmetic is exactly specified (no relaxed SIMD, no fused multiply-add), in a
 * fixed order with a seeded generator; the JavaScript around it (vocabulary, tables, schedule, loss
 * sums in float64) is too, so a replay gives the same losses bit for bit; the margin only absorbs a
 * last-bit difference in a V8 Math function. Any change to the data, tokenisation, vocabulary,
 * subsampling, sampling, initialisation or update moves them far more.
 */
const TOLERANCE = 1e-9;
/**
 * WordSim-353 Spearman the shipped vectors must reach on the pairs they cover: the model card reports
 * ρ = 0.353 on 192 pairs (gensim 4.2, same settings: 0.355); the bar sits a little below.
 */
const MIN_SPEARMAN = 0.33;

const data = dataDir();
const lossesPath = join(data, DEFAULT_LOSSES_PATH);

interface LogHeader {
  readonly settings: Word2VecOptions;
  readonly files: readonly { readonly file: string; readonly sha256: string }[];
}
interface LogPoint {
  readonly wordsDone: number;
  readonly epoch: number;
  readonly alpha: number;
  readonly loss: number;
}

describe.skipIf(!existsSync(lossesPath))('the shipped word embedding', () => {
  const [headerLine, ...pointLines] = readFileSync(lossesPath, 'utf8').trim().split('\n');
  const header = JSON.parse(headerLine!) as LogHeader;
  const points = pointLines.map((l) => JSON.parse(l) as LogPoint);

  it('was trained with the pinned recipe on the bundled files as they are now', () => {
    expect(header.settings).toEqual(DEFAULT_EMBEDDING_RECIPE);
    for (const { file, sha256 } of header.files) {
      const text = readFileSync(join(data, file.replace(/^data\//, '')), 'utf8');
      expect(createHash('sha256').update(text).digest('hex'), file).toBe(sha256);
    }
    expect(points.at(-1)!.wordsDone % header.settings.epochs!).toBe(0);
  });

  it(`replays the first ${REPLAY_POINTS} logged losses`, async () => {
    const texts = header.files.map(({ file }) => readFileSync(join(data, file.replace(/^data\//, '')), 'utf8'));
    const replayed: Word2VecProgress[] = [];
    const controller = new AbortController();
    const done = trainWord2Vec(texts, {
      ...header.settings,
      signal: controller.signal,
      onProgress: (p) => {
        replayed.push(p);
        if (replayed.length === REPLAY_POINTS) controller.abort(new Error('replayed enough'));
      },
    });
    await expect(done).rejects.toThrow('replayed enough');
    expect(replayed).toHaveLength(REPLAY_POINTS);
    replayed.forEach((p, i) => {
      const logged = points[i]!;
      expect(p.wordsDone).toBe(logged.wordsDone);
      expect(p.epoch).toBe(logged.epoch);
      expect(Math.abs(p.alpha - logged.alpha)).toBeLessThanOrEqual(1e-15);
      expect(Math.abs(p.loss - logged.loss), `loss at ${p.wordsDone} words`).toBeLessThanOrEqual(TOLERANCE);
    });
  });

  it('ships vectors that load, match the vocabulary file and score on WordSim-353', () => {
    const bytes = readFileSync(join(data, DEFAULT_VECTORS_PATH));
    const vectors = fromWord2VecBinary(new Uint8Array(bytes), {
      counts: readFileSync(join(data, DEFAULT_VOCAB_PATH), 'utf8'),
    });
    expect(vectors.dimensions).toBe(DEFAULT_EMBEDDING_RECIPE.dimensions);
    expect(bytes.length).toBeLessThan(10 * 1024 * 1024);
    expect(Math.min(...vectors.counts!)).toBeGreaterThanOrEqual(DEFAULT_EMBEDDING_RECIPE.minCount);
    const score = evaluateWordSimilarity(vectors, readFileSync(join(data, 'wordsim353/combined.csv'), 'utf8'));
    expect(score.total).toBe(353);
    expect(score.covered).toBeGreaterThanOrEqual(180);
    expect(score.spearman).toBeGreaterThanOrEqual(MIN_SPEARMAN);
  });
});
