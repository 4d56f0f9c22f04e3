import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepTopWithTies, OrderedIds, selectFirst } from './select';

const valuesArb = fc.oneof(
  fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 400 }),
  fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
);

/** The order of the package, the slow way. */
const sortedIds = (values: readonly number[]) =>
  values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);

describe('selectFirst and OrderedIds', () => {
  it('selectFirst puts exactly the first k in front (fast-check)', () => {
    fc.assert(
      fc.property(valuesArb, fc.nat(), (values, kRaw) => {
        const k = kRaw % (values.length + 1);
        const ids = Int32Array.from(values, (_, i) => i);
        selectFirst(ids, 0, ids.length, k, Float64Array.from(values));
        expect([...ids.subarray(0, k)].sort((a, b) => a - b)).toEqual(
          sortedIds(values)
            .slice(0, k)
            .sort((a, b) => a - b),
        );
        expect([...ids].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
      }),
    );
  });

  it('OrderedIds grows a sorted prefix that equals the full sort, in any order of requests (fast-check)', () => {
    fc.assert(
      fc.property(valuesArb, fc.array(fc.nat(), { maxLength: 6 }), (values, requests) => {
        const ids = Int32Array.from(values, (_, i) => i);
        const ordered = new OrderedIds(ids, ids.length, Float64Array.from(values));
        const want = sortedIds(values);
        for (const r of requests) {
          const m = r % (values.length + 1);
          ordered.ensure(m);
          expect([...ids.subarray(0, m)]).toEqual(want.slice(0, m));
        }
        ordered.ensure(values.length);
        expect([...ids]).toEqual(want);
      }),
    );
  });

  it('keepTopWithTies keeps every value ≥ the k-th largest, in order (fast-check)', () => {
    fc.assert(
      fc.property(valuesArb, fc.nat(), (values, kRaw) => {
        const k = 1 + (kRaw % values.length);
        const ids = Int32Array.from(values, (_, i) => i * 10);
        const vals = Float64Array.from(values);
        const kept = keepTopWithTies(ids, vals, values.length, k, new Float64Array(values.length));
        const kth = [...values].sort((a, b) => b - a)[k - 1]!;
        const want = values.map((v, i) => [v, i * 10] as const).filter(([v]) => v >= kth);
        expect(kept).toBe(want.length);
        expect([...ids.subarray(0, kept)]).toEqual(want.map(([, id]) => id));
        expect([...vals.subarray(0, kept)]).toEqual(want.map(([v]) => v));
      }),
    );
  });
});
