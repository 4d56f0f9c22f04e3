import { describe, expect, it } from 'vitest';
import { plantedCorpus } from '../../test/planted-corpus';
import { trainWord2Vec } from '../train-word2vec';
import type { Word2VecProgress } from '../word2vec-options';
import { trainWord2VecParallel } from './train-parallel';

const OPTIONS = { dimensions: 16, window: 3, minCount: 1, sample: 0, epochs: 5, progressInterval: 2000 } as const;

describe('trainWord2VecParallel', () => {
  it('learns the planted structure on two worker threads', async () => {
    const { documents, groups } = plantedCorpus();
    const reports: Word2VecProgress[] = [];
    const vectors = await trainWord2VecParallel(documents, {
      ...OPTIONS,
      workers: 2,
      onProgress: (p) => reports.push(p),
    });
    for (const group of groups) {
      for (const word of group) {
        expect(vectors.neighbors(word, 5).every((n) => group.includes(n.word))).toBe(true);
      }
    }
    expect(reports.at(-1)!.wordsDone).toBe(400 * 50 * OPTIONS.epochs);
  });

  it('runs the JavaScript kernel too', async () => {
    const { documents, groups } = plantedCorpus();
    const vectors = await trainWord2VecParallel(documents, { ...OPTIONS, workers: 2, kernel: 'js' });
    for (const word of groups[0]!)
      expect(vectors.neighbors(word, 5).every((n) => groups[0]!.includes(n.word))).toBe(true);
    await expect(trainWord2VecParallel(documents, { kernel: 'gpu' as 'js' })).rejects.toThrow(
      /kernel must be 'auto', 'wasm' or 'js'; got gpu/,
    );
  });

  it('with one worker is deterministic and has the single-thread vocabulary', async () => {
    const { documents } = plantedCorpus(100);
    const a = await trainWord2VecParallel(documents, { ...OPTIONS, workers: 1, seed: 9 });
    const b = await trainWord2VecParallel(documents, { ...OPTIONS, workers: 1, seed: 9 });
    const single = await trainWord2Vec(documents, { ...OPTIONS, seed: 9 });
    expect(Array.from(a.vectors.data)).toEqual(Array.from(b.vectors.data));
    expect(a.words).toEqual(single.words);
  });

  it('stops when aborted and names a bad worker count', async () => {
    const { documents } = plantedCorpus(400);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('halt')), 200);
    await expect(
      trainWord2VecParallel(documents, { ...OPTIONS, epochs: 2000, workers: 2, signal: controller.signal }),
    ).rejects.toThrow('halt');
    await expect(trainWord2VecParallel(documents, { workers: 0 })).rejects.toThrow(
      /workers must be an integer in \[1, 256\]; got 0/,
    );
  });
});
