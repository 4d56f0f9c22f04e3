import { describe, expect, it } from 'vitest';
import { EmbeddingsError } from './errors';
import { WordVectors } from './word-vectors';

// Hand-made 3-D vectors: royalty along x, gender along y, a fruit direction along z.
const WORDS = ['king', 'queen', 'man', 'woman', 'apple', 'prince'];
const DATA = Float32Array.from(
  [
    [2, 1, 0], // king = man + royal
    [2, -1, 0], // queen = woman + royal
    [0, 2, 0.1], // man (scaled: cosine ignores length)
    [0, -1, 0.05], // woman
    [0, 0, 3], // apple
    [1.5, 1.2, 0], // prince
  ].flat(),
);

const vectors = new WordVectors(WORDS, DATA, 3, Int32Array.from([10, 9, 50, 40, 5, 3]));

function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((s, x, i) => s + x * b[i]!, 0);
  return dot / Math.hypot(...a) / Math.hypot(...b);
}

describe('WordVectors', () => {
  it('computes cosine similarity as by hand', () => {
    expect(vectors.similarity('king', 'queen')).toBeCloseTo(cosine([2, 1, 0], [2, -1, 0]), 6); // 3/5
    expect(vectors.similarity('king', 'queen')).toBeCloseTo(0.6, 6);
    expect(vectors.similarity('apple', 'apple')).toBeCloseTo(1, 6);
  });

  it('ranks neighbours by cosine, leaving the word out', () => {
    const n = vectors.neighbors('king', 3);
    expect(n.map((x) => x.word)).toEqual(['prince', 'queen', 'man']);
    expect(n[0]!.similarity).toBeCloseTo(cosine([2, 1, 0], [1.5, 1.2, 0]), 6);
    expect(vectors.neighbors('king', 100)).toHaveLength(5);
  });

  it('solves king − man + woman = queen with 3CosAdd, excluding the inputs', () => {
    const [best] = vectors.analogy('man', 'king', 'woman');
    expect(best!.word).toBe('queen');
    // Query unit(king) − unit(man) + unit(woman), by hand.
    const unit = (v: number[]): number[] => v.map((x) => x / Math.hypot(...v));
    const [k, m, w] = [unit([2, 1, 0]), unit([0, 2, 0.1]), unit([0, -1, 0.05])];
    const query = k.map((x, i) => x - m[i]! + w[i]!);
    expect(best!.similarity).toBeCloseTo(cosine(query, [2, -1, 0]), 6);
  });

  it('names the unknown word', () => {
    try {
      vectors.neighbors('turnip');
      expect.unreachable();
    } catch (e) {
      expect(EmbeddingsError.isInstance(e)).toBe(true);
      expect((e as EmbeddingsError).code).toBe('UNKNOWN_WORD');
      expect((e as EmbeddingsError).value).toBe('turnip');
      expect((e as Error).message).toMatch(/"turnip" is not in the vocabulary/);
    }
    expect(() => vectors.analogy('man', 'king', 'turnip')).toThrow(/turnip/);
  });

  it('gives vectors, counts and subsets', () => {
    expect(Array.from(vectors.vector('apple'))).toEqual([0, 0, 3]);
    expect(Array.from(vectors.unitVector('apple'))).toEqual([0, 0, 1]);
    expect(vectors.count('man')).toBe(50);
    const s = vectors.subset(['queen', 'apple']);
    expect(s.rows).toBe(2);
    expect(Array.from(s.data)).toEqual([2, -1, 0, 0, 0, 3]);
    expect(() => new WordVectors(['a', 'a'], new Float32Array(2), 1)).toThrow(/appears twice/);
    expect(() => new WordVectors(['a'], new Float32Array(3), 2)).toThrow(/data has 3 values/);
  });
});
