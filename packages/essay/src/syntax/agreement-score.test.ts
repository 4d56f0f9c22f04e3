// Scoring of margins (log P(agreeing) − log P(other)) against counts done by hand.
import { describe, expect, it } from 'vitest';
import { pairedComparison, preferenceScore } from './agreement-score';

describe('preferenceScore', () => {
  it('counts wins, ties as halves, and tests the untied comparisons', () => {
    const s = preferenceScore([0.3, -0.1, 0, 2, 1e-9]);
    // Wins 0.3, 2, 1e-9; loss −0.1; tie 0: correct 3.5 of 5; sign test of 3 wins in 4 = 2·5/16.
    expect(s).toEqual({ correct: 3.5, ties: 1, total: 5, accuracy: 0.7, p: 10 / 16 });
    expect(preferenceScore([0, 0, 0])).toEqual({ correct: 1.5, ties: 3, total: 3, accuracy: 0.5, p: 1 });
    expect(preferenceScore([1, 1, 1, 1, 1, 1]).p).toBeCloseTo(2 / 64, 15);
    expect(preferenceScore([]).total).toBe(0);
  });
});

describe('pairedComparison', () => {
  it('counts the discordant comparisons and tests them', () => {
    // GPT:   + + − + − 0 +
    // 3-gram: − − − + + − +
    const r = pairedComparison([1, 2, -1, 3, -2, 0, 1], [-1, -2, -3, 4, 1, -1, 1]);
    // first wins where second loses: indices 0, 1; second wins where first loses: index 4; index 5 is a tie.
    expect(r.firstOnly).toBe(2);
    expect(r.secondOnly).toBe(1);
    expect(r.p).toBe(1); // 2 of 3: two-sided 2·(3+1)/8 ≥ 1
    expect(() => pairedComparison([1], [1, 2])).toThrow(/second must have first's 1 margins/);
  });
});
