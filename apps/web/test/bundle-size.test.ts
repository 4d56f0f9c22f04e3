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
  vocabularies: Record<string, number>;
};

/** The vocabulary a lazy chunk holds (`gpt2` for `lazy:gpt2-AbC123.js`), if it is one. */
const vocabularyOf = (name: string): string | undefined =>
  Object.keys(budget.vocabularies).find((v) => new RegExp(`^lazy:${v}-[\\w-]+\\.js$`).test(name));

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

  it(`every code chunk loaded on demand is at most ${budget.lazyChunk} KiB`, () => {
    const code = groups.filter((x) => x.name.startsWith('lazy:') && vocabularyOf(x.name) === undefined);
    expect(code.length).toBeGreaterThan(0);
    for (const g of code) expect(g.gzipBytes / 1024, g.name).toBeLessThanOrEqual(budget.lazyChunk);
  });

  it('each tokenizer vocabulary chunk is within its own budget', () => {
    const vocabularies = groups.filter((x) => vocabularyOf(x.name) !== undefined);
    expect(vocabularies.map((g) => vocabularyOf(g.name)).sort()).toEqual(Object.keys(budget.vocabularies).sort());
    for (const g of vocabularies) {
      expect(g.gzipBytes / 1024, g.name).toBeLessThanOrEqual(budget.vocabularies[vocabularyOf(g.name)!]!);
    }
  });
});
