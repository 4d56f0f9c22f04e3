import { describe, expect, it } from 'vitest';
import { hashUnits, PieceCache } from './piece-cache';

function lookup(cache: PieceCache, key: string): number[] | undefined {
  const entry = cache.find(key, 0, key.length, hashUnits(key, 0, key.length));
  if (entry < 0) return undefined;
  const start = cache.valueStartOf(entry);
  return Array.from(cache.values.subarray(start, start + cache.valueLengthOf(entry)));
}

function add(cache: PieceCache, key: string, ids: number[]): void {
  const hash = hashUnits(key, 0, key.length);
  expect(cache.find(key, 0, key.length, hash)).toBe(-1);
  cache.add(key, 0, key.length, hash, Int32Array.from(ids), ids.length);
}

describe('PieceCache', () => {
  it('finds what was added, by content, including keys inside a longer text', () => {
    const cache = new PieceCache(100);
    add(cache, ' the', [262]);
    add(cache, 'ing', [278]);
    add(cache, '😀', [47249, 222]);
    expect(lookup(cache, ' the')).toEqual([262]);
    expect(lookup(cache, '😀')).toEqual([47249, 222]);
    expect(lookup(cache, ' thE')).toBeUndefined();
    const text = 'xx ing';
    expect(cache.find(text, 3, 6, hashUnits(text, 3, 6))).toBeGreaterThanOrEqual(0);
  });

  it('empties itself when full and stays correct', () => {
    const cache = new PieceCache(8);
    for (let i = 0; i < 30; i++) {
      add(cache, `k${i}`, [i, i + 1]);
      expect(lookup(cache, `k${i}`)).toEqual([i, i + 1]);
    }
    // Only entries added since the last emptying remain.
    expect(lookup(cache, 'k0')).toBeUndefined();
    expect(lookup(cache, 'k29')).toEqual([29, 30]);
  });

  it('keeps long keys and many ids (its pools grow)', () => {
    const cache = new PieceCache(1000);
    for (let i = 0; i < 500; i++)
      add(
        cache,
        `${'long key '.repeat(20)}${i}`,
        Array.from({ length: 150 }, (_, j) => i + j),
      );
    expect(lookup(cache, `${'long key '.repeat(20)}499`)?.slice(0, 3)).toEqual([499, 500, 501]);
  });
});
