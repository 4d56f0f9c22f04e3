import { describe, expect, it } from 'vitest';
import { findPython, runPython } from '../test/python';
import { keepProbabilities } from './subsampling';
import { unigramTable } from './unigram-table';

const { python, unavailable } = findPython(['gensim']);
if (unavailable !== undefined) process.stderr.write(`gensim subsampling test skipped: ${unavailable}\n`);

describe('keepProbabilities', () => {
  it('follows the formula, computed by hand', () => {
    // counts 1000, 100, 10; sample 1e-3: t = 1e-3 · 1110 = 1.11.
    const p = keepProbabilities([1000, 100, 10], 1e-3);
    expect(p[0]).toBeCloseTo((Math.sqrt(1000 / 1.11) + 1) * (1.11 / 1000), 12); // 0.03443…
    expect(p[0]).toBeCloseTo(0.034428, 5);
    expect(p[1]).toBeCloseTo(0.116457, 5);
    expect(p[2]).toBeCloseTo(0.444167, 5); // (√(10 / 1.11) + 1) · 0.111
    expect(Array.from(keepProbabilities([5, 5], 0.5))).toEqual([1, 1]); // t = 5: capped at 1
    expect(Array.from(keepProbabilities([1000, 3], 0))).toEqual([1, 1]);
  });

  it.skipIf(unavailable !== undefined)("agrees with gensim's sample_int for the same counts", () => {
    const counts = [5000, 1200, 800, 300, 40, 7];
    const code = `
import json, gensim
from gensim.models import Word2Vec
counts = ${JSON.stringify(counts)}
sentences = [[f"w{i}"] * c for i, c in enumerate(counts)]
m = Word2Vec(sg=1, min_count=1, sample=1e-3, vector_size=4)
m.build_vocab(sentences)
print(json.dumps([m.wv.get_vecattr(f"w{i}", "sample_int") / 2**32 for i in range(len(counts))]))
`;
    const gensim = runPython<number[]>(python, code);
    const ours = keepProbabilities(counts, 1e-3);
    gensim.forEach((g, i) => expect(Math.abs(ours[i]! - g)).toBeLessThan(1e-9));
  });
});

describe('unigramTable', () => {
  it('gives each word a share of slots proportional to count^0.75', () => {
    const counts = [1000, 300, 50, 5];
    const size = 1 << 16;
    const table = unigramTable(counts, 0.75, size);
    const z = counts.reduce((s, c) => s + c ** 0.75, 0);
    counts.forEach((c, w) => {
      const share = table.filter((x) => x === w).length / size;
      expect(Math.abs(share - c ** 0.75 / z)).toBeLessThanOrEqual(1 / size);
    });
  });
});
