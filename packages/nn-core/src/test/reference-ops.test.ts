import { describe, expect, it } from 'vitest';
import { conv2dSame, matMul, maxRelativeError, softmaxRows } from './reference-ops';

// The references are checked on hand-computed cases before they judge any backend.
describe('float64 reference ops', () => {
  it('matMul of [[1,2,3],[4,5,6]] and [[7,8],[9,10],[11,12]]', () => {
    expect(
      Array.from(matMul(Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(7, 8, 9, 10, 11, 12), 2, 3, 2)),
    ).toEqual([58, 64, 139, 154]);
  });

  it('softmax of [0, ln 3] is [1/4, 3/4], and shifting by 1000 changes nothing', () => {
    const p = softmaxRows(Float64Array.of(0, Math.log(3), 1000, 1000 + Math.log(3)), 2, 2);
    expect(p[0]).toBeCloseTo(0.25, 15);
    expect(p[1]).toBeCloseTo(0.75, 15);
    // 1000 + ln 3 is stored to about 1e-13.
    expect(p[2]).toBeCloseTo(0.25, 12);
    expect(p[3]).toBeCloseTo(0.75, 12);
  });

  it('conv2d "same" of a 3×3 ones image with a 3×3 ones kernel counts neighbours', () => {
    const out = conv2dSame(new Float64Array(9).fill(1), new Float64Array(9).fill(1), 3, 3, 1, 3, 3, 1);
    expect(Array.from(out)).toEqual([4, 6, 4, 6, 9, 6, 4, 6, 4]);
  });

  it('maxRelativeError sees NaN as infinitely wrong', () => {
    expect(maxRelativeError([1, Number.NaN], [1, 2])).toBe(Infinity);
    expect(maxRelativeError([1, 2.5], [1, 2])).toBeCloseTo(0.5 / 3, 12);
  });
});
