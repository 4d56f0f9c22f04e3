// The benchmark scores every tool with one Spearman (ours); these pin it to scipy's. Expected values
// are scipy.stats.spearmanr(x, y).statistic from Debian's python3-scipy 1.10.1, computed with the
// Python lines in each comment (same inputs, float64), never from our own output.
import { describe, expect, it } from 'vitest';
import { spearman } from './spearman';

describe('spearman (the one every tool is scored with) against scipy.stats.spearmanr', () => {
  it('agrees on small lists, with and without ties', () => {
    // spearmanr([1,2,3,4,5], [5,6,7,8,7])
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    // spearmanr([0.3,0.1,0.3,0.9,-0.2,0.1,0.5], [6.77,7.35,10,7.46,7.62,7.58,6.77])
    expect(spearman([0.3, 0.1, 0.3, 0.9, -0.2, 0.1, 0.5], [6.77, 7.35, 10, 7.46, 7.62, 7.58, 6.77])).toBeCloseTo(
      -0.3945120158369459,
      12,
    );
    // spearmanr([3,1,2], [1,2,3])
    expect(spearman([3, 1, 2], [1, 2, 3])).toBeCloseTo(-0.5, 12);
  });

  it('agrees on 60 pairs with many ties on one side, and on both (WordSim-like scores)', () => {
    // n=60; s=[round(10*abs(math.cos(0.7*i)))/2 for i in range(n)]; x=[math.sin(1.3*i) for i in range(n)]
    // spearmanr(x, s) → 0.03632937697305044 (s has 10 distinct values);
    // xt=[round(4*math.sin(1.3*i))/4 for i in range(n)]; spearmanr(xt, s) → 0.041908723078580214
    const n = 60;
    const s = Array.from({ length: n }, (_, i) => Math.round(10 * Math.abs(Math.cos(0.7 * i))) / 2);
    const x = Array.from({ length: n }, (_, i) => Math.sin(1.3 * i));
    const xt = Array.from({ length: n }, (_, i) => Math.round(4 * Math.sin(1.3 * i)) / 4);
    expect(new Set(s).size).toBe(10);
    expect(spearman(x, s)).toBeCloseTo(0.03632937697305044, 12);
    expect(spearman(xt, s)).toBeCloseTo(0.041908723078580214, 12);
  });

  it('is 1 for any increasing map of the same values and −1 for a decreasing one', () => {
    const x = [0.2, -1, 3, 0.5, 7];
    expect(
      spearman(
        x,
        x.map((v) => Math.exp(v)),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      spearman(
        x,
        x.map((v) => -(v ** 3)),
      ),
    ).toBeCloseTo(-1, 12);
  });
});
