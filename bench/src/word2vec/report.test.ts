import { describe, expect, it } from 'vitest';
import { commonPairs, mean, runSpearman, sampleSd, summarise, type ScoredRun } from './report';
import type { SimilarityPair } from './wordsim';

const pairs: SimilarityPair[] = [
  { a: 'a', b: 'b', score: 1 },
  { a: 'c', b: 'd', score: 2 },
  { a: 'e', b: 'f', score: 3 },
  { a: 'g', b: 'h', score: 4 },
];
const run = (seed: number, cosines: Array<[number, number]>, trainSeconds = 2): ScoredRun => ({
  implementation: 'ours',
  seed,
  result: { trainSeconds },
  wordsPerSecond: 100 / trainSeconds,
  cosines: new Map(cosines),
});

describe('word2vec report', () => {
  it('mean and sample sd (n − 1), as numpy.std(ddof=1)', () => {
    expect(mean([0.3, 0.4, 0.5])).toBeCloseTo(0.4, 12);
    // numpy.std([0.3, 0.4, 0.5], ddof=1) = 0.1
    expect(sampleSd([0.3, 0.4, 0.5])).toBeCloseTo(0.1, 12);
    expect(sampleSd([1])).toBeNaN();
  });

  it('common pairs are those every run covers', () => {
    const runs = [
      run(1, [
        [0, 0.1],
        [1, 0.2],
        [3, 0.3],
      ]),
      run(2, [
        [1, 0.5],
        [2, 0.1],
        [3, 0.9],
      ]),
    ];
    expect(commonPairs(runs, pairs.length)).toEqual([1, 3]);
  });

  it('scores a run over the common pairs it covers, and summarises seeds', () => {
    // cosines ranked 2,1,3 against scores 1,2,3 over pairs 0,1,2: ρ = 0.5 by hand (d² = 1+1+0, 1 − 6·2/24)
    const a = run(
      1,
      [
        [0, 0.5],
        [1, 0.2],
        [2, 0.9],
        [3, 0.1],
      ],
      1,
    );
    const b = run(
      2,
      [
        [0, 0.1],
        [1, 0.2],
        [2, 0.3],
      ],
      4,
    );
    expect(runSpearman(a, pairs, [0, 1, 2])).toBeCloseTo(0.5, 12);
    const s = summarise('ours', [a, b], pairs, [0, 1, 2]);
    expect(s.spearmans[0]).toBeCloseTo(0.5, 12);
    expect(s.spearmans[1]).toBeCloseTo(1, 12);
    expect(s.meanSpearman).toBeCloseTo(0.75, 12);
    expect(s.covered).toBe(3);
    expect(s.commonCovered).toBe(3);
    expect(s.meanWordsPerSecond).toBeCloseTo((100 + 25) / 2, 12);
    expect(s.meanTrainSeconds).toBeCloseTo(2.5, 12);
  });
});
