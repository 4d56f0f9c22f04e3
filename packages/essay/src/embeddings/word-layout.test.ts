import { fromWord2VecBinary, pca, WordVectors } from '@chatgpt-explained/embeddings';
import { describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import { repoDataDir } from '../testing/repo-data';
import type { TourContext } from '../tour';
import { EMBEDDING_STEPS } from './tour-steps';
import { countWords, WORD_LAYOUT_GROUPS, wordLayoutExperiment, type WordLayoutResult } from './word-layout';

// Hand-made 3-D vectors: two tight groups along x and y, and one word the vectors lack.
const WORDS = ['cat', 'dog', 'fish', 'red', 'blue', 'green'];
const DATA = Float32Array.from(
  [
    [1, 0.1, 0],
    [1, 0.2, 0.1],
    [0.9, 0, 0.1],
    [0, 1, 0.1],
    [0.1, 1, 0],
    [0.2, 0.9, 0.1],
  ].flat(),
);
const vectors = new WordVectors(WORDS, DATA, 3);
const GROUPS = { animals: ['cat', 'dog', 'fish', 'turnip'], colours: ['red', 'blue', 'green'] };
const CORPUS = ["The cat and the dog. A Cat's fish; red, RED and blue!", 'green green turnip-free'];

describe('wordLayoutExperiment', () => {
  it('counts the words as the embedding splits them', () => {
    const counts = countWords(CORPUS, ['cat', "cat's", 'red', 'turnip', 'free', 'green']);
    expect(Object.fromEntries(counts)).toEqual({ cat: 1, "cat's": 1, red: 2, turnip: 1, free: 1, green: 2 });
  });

  it('lays the known words out by PCA of their unit vectors, reporting counts and missing words', async () => {
    const r = await wordLayoutExperiment(vectors, CORPUS, { groups: GROUPS, umap: false });
    expect(r.words.map((w) => [w.word, w.group, w.count])).toEqual([
      ['cat', 'animals', 1],
      ['dog', 'animals', 1],
      ['fish', 'animals', 1],
      ['red', 'colours', 2],
      ['blue', 'colours', 1],
      ['green', 'colours', 2],
    ]);
    expect(r.missing).toEqual([{ word: 'turnip', count: 1 }]);
    const ref = pca(vectors.subset(WORDS, { normalised: true }));
    r.words.forEach((w, i) => {
      expect(w.pca[0]).toBeCloseTo(ref.points.data[2 * i]!, 6);
      expect(w.pca[1]).toBeCloseTo(ref.points.data[2 * i + 1]!, 6);
    });
    // The groups fall on opposite sides of the first axis.
    const xs = r.words.map((w) => w.pca[0]);
    expect(Math.sign(xs[0]!)).toBe(-Math.sign(xs[3]!));
    expect(r.cosine.withinGroups).toBeGreaterThan(r.cosine.betweenGroups);
    expect(r.figures.map((f) => f.name)).toEqual(['8.1-word-layout-pca']);
    expect(r.figures[0]!.spec.kind).toBe('scatter');
  });

  it('adds a seeded UMAP layout', async () => {
    const a = await wordLayoutExperiment(vectors, CORPUS, { groups: GROUPS, seed: 2 });
    const b = await wordLayoutExperiment(vectors, CORPUS, { groups: GROUPS, seed: 2 });
    expect(a.words.map((w) => w.umap)).toEqual(b.words.map((w) => w.umap));
    expect(a.figures.map((f) => f.name)).toEqual(['8.1-word-layout-pca', '8.1-word-layout-umap']);
  });
});

describe('tour step 8.1', () => {
  const step = EMBEDDING_STEPS.find((s) => s.item === '8.1')!;
  const { fs, dir } = repoDataDir();
  const shipped = `${dir}/models/corpus-word2vec/vectors.bin`;

  it('is skipped when the app has no word embedding', async () => {
    const data = { corpus: async () => [], article: async () => '' } as unknown as EssayData;
    const r = await step.run({ data, quick: true } as unknown as TourContext);
    expect(r.data).toEqual({ skipped: 'no word embedding' });
  });

  it.skipIf(!fs.existsSync(shipped))(
    'lays out the essay groups from the shipped embedding, every word well attested',
    async () => {
      const books = [
        'pg2701-moby-dick',
        'pg1342-pride-and-prejudice',
        'pg84-frankenstein',
        'pg2641-a-room-with-a-view',
        'pg37106-little-women',
        'tinyshakespeare',
      ];
      const data = {
        corpus: async () => books.map((name) => ({ name, text: fs.readFileSync(`${dir}/corpus/${name}.txt`, 'utf8') })),
        article: async (name: string) => fs.readFileSync(`${dir}/wikipedia/${name}.txt`, 'utf8'),
        wordVectors: async () => fs.readFileSync(shipped) as Uint8Array,
      } as unknown as EssayData;
      const r = await step.run({ data, quick: true } as unknown as TourContext);
      const result = r.data as Omit<WordLayoutResult, 'figures'>;
      expect(result.missing).toEqual([]);
      expect(result.words).toHaveLength(Object.values(WORD_LAYOUT_GROUPS).flat().length);
      expect(Math.min(...result.words.map((w) => w.count))).toBeGreaterThanOrEqual(30);
      expect(result.cosine.withinGroups).toBeGreaterThan(result.cosine.betweenGroups);
      expect(r.figures!.map((f) => f.name)).toEqual(['8.1-word-layout-pca']);
      expect(fromWord2VecBinary(fs.readFileSync(shipped) as Uint8Array).size).toBeGreaterThan(10_000);
    },
  );
});
