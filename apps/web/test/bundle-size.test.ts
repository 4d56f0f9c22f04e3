/**
 * The performance budget of issue 9: the JavaScript a browser downloads for the page, gzipped, stays
 * within size-budget.json, measured on the production build the browser tests use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { bundleGroups } from '../scripts/bundle-size';

const budget = JSON.parse(readFileSync(join(import.meta.dirname, '../size-budget.json'), 'utf8')) as {
  page: number;
  worker: number;
  lazyChunk: number;
};

describe('bundle size budget (gzipped KiB, size-budget.json)', () => {
  const groups = bundleGroups(inject('webDist'));
  const kib = (name: string): number => groups.find((g) => g.name === name)!.gzipBytes / 1024;

  it('finds the page, its worker and the backends loaded on demand', () => {
    expect(groups.map((g) => g.name).slice(0, 2)).toEqual(['page', 'worker']);
    expect(groups.length).toBeGreaterThan(2);
  });

  it(`the page's own script is at most ${budget.page} KiB: no tfjs, Vega or models on the main thread`, () => {
    expect(kib('page')).toBeLessThanOrEqual(budget.page);
  });

  it(`the compute worker is at most ${budget.worker} KiB`, () => {
    expect(kib('worker')).toBeLessThanOrEqual(budget.worker);
  });

  it(`every chunk loaded on demand is at most ${budget.lazyChunk} KiB`, () => {
    for (const g of groups.filter((x) => x.name.startsWith('lazy:'))) {
      expect(g.gzipBytes / 1024, g.name).toBeLessThanOrEqual(budget.lazyChunk);
    }
  });
});
