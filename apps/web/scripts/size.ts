/** Prints the gzipped size of each download group of a build (default apps/web/dist) beside its budget. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleGroups } from './bundle-size';

const dist = resolve(process.argv[2] ?? join(import.meta.dirname, '../dist'));
const budget = JSON.parse(readFileSync(join(import.meta.dirname, '../size-budget.json'), 'utf8')) as Record<
  string,
  number
>;
for (const g of bundleGroups(dist)) {
  const limit = g.name.startsWith('lazy:') ? budget['lazyChunk'] : budget[g.name];
  const kib = g.gzipBytes / 1024;
  console.log(
    `${g.name.padEnd(44)} ${kib.toFixed(1).padStart(7)} KiB gzip (budget ${limit} KiB)${kib > limit! ? '  OVER' : ''}`,
  );
}
