import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = join('corpus', 'README.md');

/**
 * The folder of the data the CLI ships (corpus, Wikipedia articles, letter frequencies, the default
 * GPT model): `data/` beside `dist/` in the installed package, or the repository's `data/` when run
 * inside the repository (from source, or a build there). Found by walking up from this module: the
 * first `data/` with `corpus/README.md`, except that inside the repository (a folder with
 * `pnpm-workspace.yaml` and its own `data/`) the repository's wins, so the copy a build leaves in
 * `apps/cli/data/` can never hide newer data. Throws when there is none.
 */
export function dataDir(from: string = fileURLToPath(import.meta.url)): string {
  let first: string | undefined;
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'data');
    const hasData = existsSync(join(candidate, MARKER));
    if (hasData && existsSync(join(dir, 'pnpm-workspace.yaml'))) return candidate;
    if (hasData) first ??= candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (first !== undefined) return first;
  throw new Error(`cannot find the CLI's data folder (data/${MARKER}) above ${from}`);
}
