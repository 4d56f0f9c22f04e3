import { describe, expect, it } from 'vitest';
import { countCharacterNgrams, countWordNgrams } from './counters';
import { distinctNgrams, letterPairMatrix } from './tables';

describe('letterPairMatrix', () => {
  it('counts letter pairs inside words, by hand', () => {
    // " aba ab qu " → pairs: ab, ba, ab, qu (and pairs with spaces, left out)
    const m = letterPairMatrix(countCharacterNgrams('Aba ab, qu', 2, { words: true, ignoreCase: true }));
    expect(m.letters).toEqual(['a', 'b', 'q', 'u']);
    expect(m.counts).toEqual([
      [0, 2, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ]);
    expect(m.joint[0]![1]).toBeCloseTo(2 / 4, 15);
    expect(m.conditional[0]).toEqual([0, 1, 0, 0]);
    expect(m.conditional[2]).toEqual([0, 0, 0, 1]);
    expect(m.conditional[3]).toEqual([0, 0, 0, 0]);
    const fixed = letterPairMatrix(countCharacterNgrams('ab', 2), { letters: ['b', 'a', 'z'] });
    expect(fixed.counts).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
  });
});

describe('distinctNgrams', () => {
  it('compares seen with possible n-grams, by hand', () => {
    // the cat sat on the mat: V = 5; 2-grams 5 distinct of 25; 3-grams 4 of 125.
    const rows = distinctNgrams(countWordNgrams('the cat sat on the mat', 3));
    expect(rows).toEqual([
      { n: 1, total: 6, seen: 5, possible: 5, fraction: 1 },
      { n: 2, total: 5, seen: 5, possible: 25, fraction: 0.2 },
      { n: 3, total: 4, seen: 4, possible: 125, fraction: 4 / 125 },
    ]);
  });
});
