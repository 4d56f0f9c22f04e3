import { describe, expect, it } from 'vitest';
import { findPython, runPython } from '../test/python';
import { averageRanks, spearman } from './spearman';

const { python, unavailable } = findPython(['scipy']);
if (unavailable !== undefined) process.stderr.write(`scipy spearman test skipped: ${unavailable}\n`);

describe('spearman', () => {
  it('uses average ranks for ties (hand computation)', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    // x ranks [1, 2, 3, 4], y = [1, 3, 2, 4]: d² = 0 + 1 + 1 + 0 = 2, ρ = 1 − 6·2 / (4·15) = 0.8.
    expect(spearman([1, 2, 3, 4], [10, 30, 20, 40])).toBeCloseTo(0.8, 12);
    // With ties: x = [1, 2, 2, 3] → ranks [1, 2.5, 2.5, 4]; y ranks [1, 2, 3, 4].
    // Pearson of the ranks: cov = (−1.5·−1.5 + 0·−0.5 + 0·0.5 + 1.5·1.5) = 4.5; var x = 4.5, var y = 5 → 4.5 / √22.5.
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(() => spearman([1, 2], [1])).toThrow(/same length/);
  });

  it.skipIf(unavailable !== undefined)('agrees with scipy.stats.spearmanr on data with many ties', () => {
    const x = Array.from({ length: 60 }, (_, i) => Math.round(Math.sin(i * 1.7) * 4));
    const y = Array.from({ length: 60 }, (_, i) => Math.round(Math.cos(i * 0.9) * 3 + x[i]! * 0.5));
    const ref = runPython<number>(
      python,
      `import json, sys; from scipy.stats import spearmanr; d = json.load(sys.stdin); print(json.dumps(float(spearmanr(d[0], d[1]).correlation)))`,
      JSON.stringify([x, y]),
    );
    expect(spearman(x, y)).toBeCloseTo(ref, 12);
  });
});
