import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = join('corpus', 'README.md');

/**
 * The folder of the data the CLI ships (corpus, Wikipedia articles, letter frequencies): `data/`
 * beside `dist/` in the installed package, or the repository's `data/` when run from source. Found
 * by walking up from this module; throws when there is none.
 */
export function dataDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, MARKER))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the CLI's data folder (data/${MARKER}) above ${from}`);
    dir = parent;
  }
}
