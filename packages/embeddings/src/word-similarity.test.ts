import { describe, expect, it } from 'vitest';
import { EmbeddingsError } from './errors';
import { evaluateWordSimilarity, parseWordSimilarity } from './word-similarity';
import { WordVectors } from './word-vectors';

const CSV =
  'Word 1,Word 2,Human (mean)\nTiger,cat,7.35\r\nking,queen,8.58\nking,cabbage,0.23\nqueen,cabbage,1.0\n\nfoo,cat,3\n';

describe('word similarity', () => {
  it('parses WordSim-353 CSV, lower-casing words', () => {
    expect(parseWordSimilarity(CSV)).toEqual([
      { a: 'tiger', b: 'cat', score: 7.35 },
      { a: 'king', b: 'queen', score: 8.58 },
      { a: 'king', b: 'cabbage', score: 0.23 },
      { a: 'queen', b: 'cabbage', score: 1 },
      { a: 'foo', b: 'cat', score: 3 },
    ]);
    try {
      parseWordSimilarity('a,b,1\nc,d\n');
      expect.unreachable();
    } catch (e) {
      expect(EmbeddingsError.isInstance(e) && e.code).toBe('INVALID_SIMILARITY_FILE');
      expect((e as Error).message).toMatch(/line 2/);
    }
  });

  it('scores covered pairs only: Spearman of cosine against human scores', () => {
    // 2-D vectors with cosines chosen by hand: tiger·cat = 0.8, king·queen = 0.6, king·cabbage = 0,
    // queen·cabbage = 0.8 → model order differs from human order in one place.
    const v = new WordVectors(
      ['tiger', 'cat', 'king', 'queen', 'cabbage'],
      Float32Array.from([0.6, 0.8, 0, 1, 1, 0, 0.6, 0.8, 0, 1]),
      2,
    );
    const r = evaluateWordSimilarity(v, CSV);
    expect(r.total).toBe(5);
    expect(r.covered).toBe(4); // foo is unknown
    // model [0.8, 0.6, 0, 0.8] → ranks [3.5, 2, 1, 3.5]; human [7.35, 8.58, 0.23, 1] → ranks [3, 4, 1, 2].
    // Pearson of ranks: mx = my = 2.5; dx = [1, −.5, −1.5, 1], dy = [.5, 1.5, −1.5, −.5] → cov = 1.5, var x = 4.5, var y = 5.
    expect(r.spearman).toBeCloseTo(1.5 / Math.sqrt(4.5 * 5), 6);
  });
});
