/** Prints the gzipped size of each download group of a build (default apps/web/dist) beside its budget. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleGroups } from './bundle-size';

interface Budget {
  readonly page: number;
  readonly worker: number;
  readonly lazyChunk: number;
  readonly vocabularies: Readonly<Record<string, number>>;
}

const dist = resolve(process.argv[2] ?? join(import.meta.dirname, '../dist'));
const budget = JSON.parse(readFileSync(join(import.meta.dirname, '../size-budget.json'), 'utf8')) as Budget;

/** The budget of a download group: its own, a vocabulary's, or the one for code chunks. */
function limitOf(name: string): number {
  if (name === 'page' || name === 'worker') return budget[name];
  const vocabulary = Object.keys(budget.vocabularies).find((v) => name.startsWith(`lazy:${v}-`));
  return vocabulary === undefined ? budget.lazyChunk : budget.vocabularies[vocabulary]!;
}

for (const g of bundleGroups(dist)) {
  const limit = limitOf(g.name);
  const kib = g.gzipBytes / 1024;
  console.log(
    `${g.name.padEnd(44)} ${kib.toFixed(1).padStart(7)} KiB gzip (budget ${limit} KiB)${kib > limit ? '  OVER' : ''}`,
  );
}
