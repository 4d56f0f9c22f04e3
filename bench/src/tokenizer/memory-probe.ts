import { readFileSync, writeFileSync } from 'node:fs';
import type { TokenizerMemory } from '../tokenizer-types';
import { collectGarbage } from './gc';
import type { TokenizerLoader } from './implementation';

/**
 * Sets the kernel's peak-RSS mark back to the current RSS (Linux ≥ 4.0: `5` to
 * /proc/self/clear_refs), so that startup (the source runner, the bundle) does not hide a smaller
 * peak later. Returns false where that is not possible.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * The body of a memory worker, run in a fresh process for one implementation: reads the text (path
 * in argv), collects garbage, resets the peak-RSS mark and reads it as the baseline, loads the
 * library, encodes the whole text once and decodes the ids once, then reads the peak RSS. Prints
 * one JSON line (TokenizerMemory) for `runWorker`.
 */
export async function probeMemory(load: TokenizerLoader): Promise<void> {
  const textPath = process.argv[2];
  if (textPath === undefined) throw new Error('tokenizer memory worker: usage: <worker> <text file>');
  const text = readFileSync(textPath, 'utf8');
  collectGarbage();
  const peakReset = resetPeakRss();
  // resourceUsage().maxRSS is in KiB; without the reset, the current RSS is the closest baseline.
  const baselineRss = peakReset ? process.resourceUsage().maxRSS * 1024 : process.memoryUsage.rss();
  const tokenizer = await load();
  const ids = tokenizer.encode(text);
  const roundTrip = tokenizer.decode(ids) === text;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const result: TokenizerMemory = {
    implementation: tokenizer.name,
    baselineRss,
    peakRss,
    peakReset,
    tokens: ids.length,
    roundTrip,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
