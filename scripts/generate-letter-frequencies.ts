/**
 * Writes data/letter-frequencies/english.json: how often each letter a–z occurs in English, counted
 * over the 50,000 most frequent words of OpenSubtitles 2018 (data/wordfreq/en_50k.txt), each word
 * weighted by its count. `scripts/generate-letter-frequencies.test.ts` checks the committed file is
 * what this produces.
 *
 *   node scripts/run-ts.mjs scripts/generate-letter-frequencies.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('generate-letter-frequencies: cannot find the repository root');
    dir = parent;
  }
  return dir;
}

const ROOT = findRoot();
/** Where the table is written. */
export const OUTPUT = join(ROOT, 'data/letter-frequencies/english.json');

/** The letter table as JSON text: counts and percentages of a–z, most frequent first. */
export function letterFrequencyJson(): string {
  const counts = new Map<string, number>();
  for (const c of 'abcdefghijklmnopqrstuvwxyz') counts.set(c, 0);
  for (const line of readFileSync(join(ROOT, 'data/wordfreq/en_50k.txt'), 'utf8').split('\n')) {
    if (line === '') continue;
    const [word, count] = line.split(' ');
    const n = Number(count);
    if (word === undefined || !Number.isSafeInteger(n)) throw new Error(`en_50k.txt: bad line ${JSON.stringify(line)}`);
    for (const c of word) if (counts.has(c)) counts.set(c, counts.get(c)! + n);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const letters = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return `${JSON.stringify(
    {
      source:
        'Letters a-z of the 50,000 most frequent words of OpenSubtitles 2018 (hermitdave/FrequencyWords content/2018/en/en_50k.txt @ 525f9b56, CC BY-SA 4.0), each word weighted by its count; made by scripts/generate-letter-frequencies.ts',
      total,
      letters: letters.map(([letter, count]) => ({ letter, count, percent: Math.round((1e5 * count) / total) / 1e3 })),
    },
    null,
    2,
  )}\n`;
}

if (process.argv[1] !== undefined && /generate-letter-frequencies/.test(process.argv[1]) && !process.env['VITEST']) {
  writeFileSync(OUTPUT, letterFrequencyJson());
  process.stdout.write(`wrote ${OUTPUT}\n`);
}
