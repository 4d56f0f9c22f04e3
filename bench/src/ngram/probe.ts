import { statSync, writeFileSync } from 'node:fs';
import { compareByCodePoint } from '@chatgpt-explained/tokenizer';
import type { NgramImplementationName, NgramWorkerResult } from '../ngram-types';
import { collectGarbage } from '../tokenizer/gc';

/** What a counter hands back to the probe. */
export interface CountedNgrams {
  readonly total: number;
  readonly distinct: number;
  readonly words: number;
  /** Computed after the peak is read, so it does not count towards it. */
  readonly top: (limit: number) => Array<readonly [string, number]>;
}

function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Ties of equal count in code-point order of the n-gram (words joined by a space). */
export function compareTop(a: readonly [string, number], b: readonly [string, number]): number {
  return b[1] - a[1] || compareByCodePoint(a[0], b[0]);
}

/**
 * The body of a worker, run in a fresh process for one implementation: collects garbage, resets the
 * kernel's peak-RSS mark (Linux: `5` to /proc/self/clear_refs) and reads it as the baseline, counts
 * the file (path and n in argv) and reads the peak, then takes the top n-grams. Prints one JSON line
 * (NgramWorkerResult) for `runWorker`.
 */
export async function probe(
  implementation: NgramImplementationName,
  count: (path: string, n: number) => Promise<CountedNgrams>,
): Promise<void> {
  const [path, nText, topText] = process.argv.slice(2);
  if (path === undefined || nText === undefined || topText === undefined)
    throw new Error('ngram worker: usage: <worker> <text file> <n> <top>');
  collectGarbage();
  const peakReset = resetPeakRss();
  const baselineRss = peakReset ? process.resourceUsage().maxRSS * 1024 : process.memoryUsage.rss();
  const start = performance.now();
  const counted = await count(path, Number(nText));
  const seconds = (performance.now() - start) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const result: NgramWorkerResult = {
    implementation,
    bytes: statSync(path).size,
    seconds,
    baselineRss,
    peakRss,
    peakReset,
    total: counted.total,
    distinct: counted.distinct,
    words: counted.words,
    top: counted.top(Number(topText)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
