import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { leaveOneOutNearestCentroid, separationWithPermutations } from './nearest-centroid';

describe('leaveOneOutNearestCentroid', () => {
  it('scores a 1-D example worked by hand', () => {
    // a: 0, 2, 9; b: 10, 12. Left out, 9's own centroid is (0 + 2) / 2 = 1 (distance 8) and b's is 11
    // (distance 2): a miss. 0: a (2 + 9) / 2 = 5.5 (5.5) against 11 (11): a hit. 2: 5.5 → 4.5 (2.5)
    // against 9: a hit. 10: b's centroid without it is 12 (2), a's is 11/3 (6.33): a hit; 12 likewise.
    const score = leaveOneOutNearestCentroid([0, 2, 9, 10, 12], 1, ['a', 'a', 'a', 'b', 'b'], ['a', 'b']);
    expect(score.hits).toEqual([2, 2]);
    expect(score.counts).toEqual([3, 2]);
    expect(score.accuracy).toBeCloseTo(4 / 5, 12);
    expect(score.balancedAccuracy).toBeCloseTo((2 / 3 + 1) / 2, 12);
  });

  it('uses Euclidean distance over all dimensions', () => {
    // 2-D: x alone would put (5, 0) with b (x ≈ 6), y puts it with a far more strongly.
    const data = [0, 0, 1, 0, 5, 0, 6, 9, 7, 9, 6, 10];
    const score = leaveOneOutNearestCentroid(data, 2, ['a', 'a', 'a', 'b', 'b', 'b'], ['a', 'b']);
    expect(score.accuracy).toBe(1);
  });

  it('scores identical vectors exactly at chance, ties shared between the tied classes', () => {
    const same = new Array(7 * 3).fill(0.25);
    const two = leaveOneOutNearestCentroid(same.slice(0, 15), 3, ['x', 'x', 'x', 'y', 'y'], ['x', 'y']);
    expect(two.balancedAccuracy).toBe(0.5);
    expect(two.accuracy).toBe(0.5);
    const three = leaveOneOutNearestCentroid(same, 3, ['x', 'x', 'y', 'y', 'z', 'z', 'z'], ['x', 'y', 'z']);
    expect(three.balancedAccuracy).toBeCloseTo(1 / 3, 12);
  });

  it('refuses a class of one, an unknown label and data of the wrong size', () => {
    expect(() => leaveOneOutNearestCentroid([0, 1, 2], 1, ['a', 'a', 'b'], ['a', 'b'])).toThrow(/class "b" has 1/);
    expect(() => leaveOneOutNearestCentroid([0, 1, 2, 3], 1, ['a', 'a', 'b', 'c'], ['a', 'b'])).toThrow(EssayError);
    expect(() => leaveOneOutNearestCentroid([0, 1, 2], 2, ['a', 'a'], ['a'])).toThrow(/data has 3 numbers/);
  });
});

describe('separationWithPermutations', () => {
  it('gives a small p for well separated classes and p = 1 for identical vectors', () => {
    // Two tight clusters of 6: only the real labelling (and its few near-copies) scores 100%.
    const data = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 10, 10.1, 10.2, 10.3, 10.4, 10.5];
    const labels = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b'];
    const score = separationWithPermutations(data, 1, labels, ['a', 'b'], { permutations: 99, seed: 1 });
    expect(score.balancedAccuracy).toBe(1);
    // C(12, 6) = 924 labellings, 2 of which score 100% (this one and its swap): p ≈ 2/924 + 1/100.
    expect(score.p).toBeLessThan(0.05);
    const same = separationWithPermutations(new Array(12).fill(3), 1, labels, ['a', 'b'], {
      permutations: 20,
      seed: 1,
    });
    expect(same.p).toBe(1);
    expect(separationWithPermutations(data, 1, labels, ['a', 'b'], { permutations: 0, seed: 1 }).p).toBe(1);
  });
});
