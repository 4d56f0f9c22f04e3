import { describe, expect, it } from 'vitest';
import { plantedCorpus } from '../test/planted-corpus';
import { EmbeddingsError } from './errors';
import { trainWord2Vec } from './train-word2vec';
import type { Word2VecProgress } from './word2vec-options';

const OPTIONS = { dimensions: 16, window: 3, minCount: 1, sample: 0, epochs: 5, progressInterval: 2000 } as const;

describe('trainWord2Vec', () => {
  it('learns planted structure: every neighbour comes from the word’s own group', async () => {
    const { documents, groups } = plantedCorpus();
    const vectors = await trainWord2Vec(documents, OPTIONS);
    expect(vectors.size).toBe(20);
    for (const group of groups) {
      for (const word of group) {
        const neighbors = vectors.neighbors(word, 5).map((n) => n.word);
        expect(neighbors.every((n) => group.includes(n))).toBe(true);
      }
    }
    // Across groups the cosine is lower than within.
    expect(vectors.similarity('cata', 'catb')).toBeGreaterThan(vectors.similarity('cata', 'toola') + 0.3);
  });

  for (const kernel of ['js', 'wasm'] as const) {
    it(`is deterministic with the ${kernel} kernel: the same seed gives bit-identical vectors, another seed different ones`, async () => {
      const { documents, groups } = plantedCorpus(100);
      const a = await trainWord2Vec(documents, { ...OPTIONS, kernel, seed: 3 });
      const b = await trainWord2Vec(documents, { ...OPTIONS, kernel, seed: 3 });
      const c = await trainWord2Vec(documents, { ...OPTIONS, kernel, seed: 4 });
      expect(Buffer.from(a.vectors.data.buffer).equals(Buffer.from(b.vectors.data.buffer))).toBe(true);
      expect(Buffer.from(a.vectors.data.buffer).equals(Buffer.from(c.vectors.data.buffer))).toBe(false);
      for (const word of groups[1]!) expect(a.neighbors(word, 5).every((n) => groups[1]!.includes(n.word))).toBe(true);
    });
  }

  it('runs both kernels on the same random choices: the vectors agree to float32 rounding', async () => {
    const { documents } = plantedCorpus(20);
    const js = await trainWord2Vec(documents, { ...OPTIONS, epochs: 1, kernel: 'js' });
    const wasm = await trainWord2Vec(documents, { ...OPTIONS, epochs: 1, kernel: 'wasm' });
    const diff = js.vectors.data.reduce((m, x, i) => Math.max(m, Math.abs(x - wasm.vectors.data[i]!)), 0);
    expect(diff).toBeLessThan(1e-4);
    await expect(trainWord2Vec(documents, { ...OPTIONS, dimensions: 6, kernel: 'wasm' })).rejects.toThrow(
      /kernel 'wasm' needs dimensions a multiple of 4; got 6/,
    );
  });

  it('reports progress with a falling loss, counting every corpus word', async () => {
    const { documents } = plantedCorpus(200);
    const reports: Word2VecProgress[] = [];
    await trainWord2Vec(documents, { ...OPTIONS, onProgress: (p) => reports.push(p) });
    const total = 200 * 50 * OPTIONS.epochs;
    expect(reports.at(-1)!.wordsDone).toBe(total);
    expect(reports.at(-1)!.fraction).toBe(1);
    expect(reports.length).toBeGreaterThanOrEqual(total / 2000);
    reports.slice(1).forEach((r, i) => expect(r.wordsDone).toBeGreaterThan(reports[i]!.wordsDone));
    // Untrained loss is 6·log 2 ≈ 4.16 per pair (σ = ½ for the positive and 5 negatives); it must fall.
    expect(reports[0]!.loss).toBeLessThan(6 * Math.LN2 + 0.01);
    expect(reports[0]!.loss).toBeGreaterThan(2);
    expect(reports.at(-1)!.loss).toBeLessThan(reports[0]!.loss - 0.3);
    expect(reports[0]!.alpha).toBeLessThanOrEqual(0.025);
    expect(reports.at(-1)!.alpha).toBeCloseTo(1e-4, 4);
  });

  it('leaves out words below minCount and counts the rest', async () => {
    const vectors = await trainWord2Vec('the cat and the dog and the bird the', {
      minCount: 2,
      dimensions: 4,
      epochs: 1,
    });
    expect(vectors.words).toEqual(['the', 'and']);
    expect(Array.from(vectors.counts!)).toEqual([4, 2]);
  });

  it('names bad options and their values', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ dimensions: 0 }, /dimensions must be an integer in \[1, 10000\]; got 0/],
      [{ window: 2.5 }, /window must be .*; got 2.5/],
      [{ alpha: -1 }, /alpha must be a finite number > 0; got -1/],
      [{ minAlpha: 0.5 }, /minAlpha must be a number >= 0 and <= 0.025; got 0.5/],
      [{ sample: 2 }, /sample .*; got 2/],
      [{ epoch: 3 }, /unknown option epoch/],
      [{ kernel: 'gpu' }, /kernel must be 'auto', 'wasm' or 'js'; got gpu/],
    ];
    for (const [options, message] of cases) {
      await expect(trainWord2Vec('a b c', options)).rejects.toThrow(message);
    }
    await expect(trainWord2Vec('a b c', { minCount: 5 })).rejects.toSatisfy(
      (e) => EmbeddingsError.isInstance(e) && e.argument === 'corpus',
    );
  });

  it('stops when aborted', async () => {
    const { documents } = plantedCorpus(400);
    const controller = new AbortController();
    const run = trainWord2Vec(documents, {
      ...OPTIONS,
      epochs: 200,
      signal: controller.signal,
      onProgress: (p) => p.fraction > 0.01 && controller.abort(new Error('enough')),
    });
    await expect(run).rejects.toThrow('enough');
  });
});
