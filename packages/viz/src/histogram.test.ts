import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binCounts } from './histogram';
import { toVegaSpec } from './to-vega';

describe('binCounts', () => {
  it('puts each value in its half-open bin, the maximum in the last', () => {
    expect([...binCounts([0, 0.1, 0.25, 0.5, 0.99, 1], 0, 1, 4)]).toEqual([2, 1, 1, 2]);
    expect([...binCounts([-1, 2], 0, 1, 2)]).toEqual([0, 0]);
  });

  it('counts every value inside the range exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1 }),
        fc.integer({ min: 1, max: 50 }),
        (values, bins) => {
          const lo = Math.min(...values);
          const hi = Math.max(...values) + 1;
          const counts = binCounts(values, lo, hi, bins);
          expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
        },
      ),
    );
  });
});

describe('histogram normalisation', () => {
  /** The bin rows Vega receives for one series. */
  function rows(normalize: 'count' | 'fraction' | 'density'): { x0: number; x1: number; y: number }[] {
    const spec = toVegaSpec({
      kind: 'histogram',
      series: [{ name: 's', values: [0, 0.5, 1, 1.5, 2, 2, 3, 4] }],
      bins: 4,
      domain: [0, 4],
      normalize,
      xLabel: 'v',
    });
    const data = (spec.data ?? []).find((d) => 'values' in d && Array.isArray(d.values));
    return (data as unknown as { values: { x0: number; x1: number; y: number }[] }).values;
  }

  it('gives counts, fractions that sum to 1, and densities whose area is 1', () => {
    expect(rows('count').map((r) => r.y)).toEqual([2, 2, 2, 2]);
    expect(rows('fraction').reduce((a, r) => a + r.y, 0)).toBeCloseTo(1, 12);
    expect(rows('density').reduce((a, r) => a + r.y * (r.x1 - r.x0), 0)).toBeCloseTo(1, 12);
  });
});
