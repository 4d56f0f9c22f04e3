import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GramTable, MAX_LOAD, project, SHARDS, SPLIT_AT } from './gram-table';

/** Counts of the windows of `ids` of length `order`, keyed by the joined ids. */
function reference(ids: ArrayLike<number>, order: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + order <= ids.length; i++) {
    const key = Array.from({ length: order }, (_, j) => ids[i + j]!).join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Checks `table` against `expected` both ways: every key's count, and every slot's key. */
function expectSame(table: GramTable, expected: Map<string, number>): void {
  expect(table.size).toBe(expected.size);
  for (const [key, count] of expected) {
    const ids = key.split(',').map(Number);
    const slot = table.find(ids, 0);
    expect(table.keyAt(slot)).toEqual(ids);
    expect(table.countAt(slot)).toBe(count);
  }
  let visited = 0;
  let last = -1;
  table.forEachSlot((slot, data, base) => {
    expect(slot).toBeGreaterThan(last);
    expect(slot).toBeLessThan(table.capacity);
    last = slot;
    visited++;
    const key = table.keyAt(slot);
    expect(Array.from(data.subarray(base, base + table.order))).toEqual(key);
    expect(table.countAt(slot)).toBe(expected.get(key.join(',')));
  });
  expect(visited).toBe(expected.size);
  expect(table.size).toBeLessThanOrEqual(table.capacity * MAX_LOAD + table.shards);
}

describe('GramTable', () => {
  it('counts like a Map keyed by the joined ids, through growth, for add and addWindows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 400 }),
        (order, ids) => {
          const seq = Uint32Array.from(ids);
          const reference = new Map<string, number>();
          for (let i = 0; i + order <= ids.length; i++) {
            const key = ids.slice(i, i + order).join(',');
            reference.set(key, (reference.get(key) ?? 0) + 1);
          }
          const one = new GramTable(order, 1);
          for (let i = 0; i + order <= ids.length; i++) one.add(seq, i);
          const windows = new GramTable(order, 1);
          windows.addWindows(seq, ids.length - order + 1);
          for (const table of [one, windows]) {
            expect(table.size).toBe(reference.size);
            expect(table.total).toBe(Math.max(0, ids.length - order + 1));
            for (const [key, count] of reference) expect(table.get(key.split(',').map(Number))).toBe(count);
            expect(table.get(new Array<number>(order).fill(99))).toBe(0);
          }
        },
      ),
    );
  });

  it('counts like a Map in a table of shards that grow one by one, at high load', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 3000 }),
        fc.boolean(),
        (order, ids, windows) => {
          const seq = Uint32Array.from(ids);
          const table = new GramTable(order, SPLIT_AT + 1); // sharded from the start, small shards
          expect(table.shards).toBe(SHARDS);
          if (windows) table.addWindows(seq, ids.length - order + 1);
          else for (let i = 0; i + order <= ids.length; i++) table.add(seq, i);
          expectSame(table, reference(ids, order));
          expect(table.total).toBe(Math.max(0, ids.length - order + 1));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits into shards past SPLIT_AT keys and keeps every count (add and addWindows)', () => {
    const random = fc.sample(fc.integer({ min: 0, max: 400 }), { numRuns: 3 * SPLIT_AT, seed: 7 });
    const ids = Uint32Array.from(random);
    const expected = reference(ids, 2);
    expect(expected.size).toBeGreaterThan(SPLIT_AT);
    const windows = new GramTable(2);
    for (let at = 0; at + 2 <= ids.length; at += 1000) {
      const piece = ids.subarray(at, Math.min(ids.length, at + 1001));
      windows.addWindows(piece, piece.length - 1);
    }
    const one = new GramTable(2);
    for (let i = 0; i + 2 <= ids.length; i++) one.add(ids, i);
    for (const table of [windows, one]) {
      expect(table.shards).toBe(SHARDS);
      expectSame(table, expected);
      expect(table.get([999, 999])).toBe(0);
    }
  });

  it('keeps counts past 2^32 exact through the split into shards and their growth', () => {
    const table = new GramTable(2);
    table.add([1, 2], 0, 2 ** 32 - 1);
    table.add([1, 2], 0, 5);
    table.add([3, 4], 0, 2 ** 40);
    for (let i = 0; i < 3 * SPLIT_AT; i++) table.add([i + 10, 7], 0);
    table.add([3, 4], 0, 2 ** 33);
    expect(table.shards).toBe(SHARDS);
    expect(table.get([1, 2])).toBe(2 ** 32 + 4);
    expect(table.get([3, 4])).toBe(2 ** 40 + 2 ** 33);
    expect(table.get([12, 7])).toBe(1);
    expect(table.size).toBe(2 + 3 * SPLIT_AT);
    expect(table.total).toBe(2 ** 32 + 4 + 2 ** 40 + 2 ** 33 + 3 * SPLIT_AT);
  });

  it('keeps counts past 2^32 exact', () => {
    const table = new GramTable(2);
    table.add([1, 2], 0, 2 ** 32 - 1);
    table.add([1, 2], 0, 5);
    table.add([3, 4], 0, 2 ** 40);
    for (let i = 0; i < 100; i++) table.add([i + 10, 0], 0); // forces growth with the high part present
    expect(table.get([1, 2])).toBe(2 ** 32 + 4);
    expect(table.get([3, 4])).toBe(2 ** 40);
    expect(table.size).toBe(102);
  });

  it('projects keys onto a part, summing counts or counting distinct keys', () => {
    const table = new GramTable(2);
    table.add([1, 2], 0, 3);
    table.add([5, 2], 0, 1);
    table.add([1, 3], 0, 2);
    const last = project(table, 1, 2, false);
    expect(last.get([2])).toBe(4);
    expect(last.get([3])).toBe(2);
    const distinct = project(table, 1, 2, true);
    expect(distinct.get([2])).toBe(2);
    const empty = project(table, 0, 0, false);
    expect(empty.get([])).toBe(6);
  });
});
