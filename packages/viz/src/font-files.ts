import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VizError } from './errors';

/** The TTF files in the package's `fonts/` folder: DejaVu Sans, regular and bold. */
export const FONT_FILE_NAMES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

/** The family name inside those files, as the SVG's `font-family` names it. */
export const FONT_FAMILY_NAME = 'DejaVu Sans';

let cached: string[] | undefined;

/**
 * Absolute paths of the shipped font files. Found next to this module (`../fonts/` from `src/` or
 * `dist/`), or, when a bundler has moved this code elsewhere, through the installed package's
 * `package.json`, or in the nearest folder above this module whose `package.json` is this package's
 * (a bundle written inside the package, as `scripts/run-ts.mjs` does). Throws FONT_NOT_FOUND with
 * the folders tried.
 */
export function fontFiles(operation: string): string[] {
  if (cached !== undefined) return cached;
  const tried: string[] = [];
  const candidates: (() => string)[] = [
    () => fileURLToPath(new URL('../fonts/', import.meta.url)),
    () => join(dirname(createRequire(import.meta.url).resolve('@chatgpt-explained/viz/package.json')), 'fonts'),
    () => join(packageRootAbove(fileURLToPath(new URL('.', import.meta.url))), 'fonts'),
  ];
  for (const candidate of candidates) {
    let dir: string;
    try {
      dir = candidate();
    } catch {
      continue;
    }
    tried.push(dir);
    const files = FONT_FILE_NAMES.map((name) => join(dir, name));
    if (files.every((file) => existsSync(file))) {
      cached = files;
      return files;
    }
  }
  throw new VizError(
    'FONT_NOT_FOUND',
    `${operation}: the package's fonts (${FONT_FILE_NAMES.join(', ')}) are not in ${tried.join(' or ') || 'any folder found'}`,
    { argument: 'fonts', value: tried, expected: 'the fonts/ folder of @chatgpt-explained/viz' },
  );
}

/** The nearest folder at or above `dir` holding this package's package.json; throws if none. */
function packageRootAbove(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    try {
      const manifest = JSON.parse(readFileSync(join(current, 'package.json'), 'utf8')) as { name?: unknown };
      if (manifest.name === '@chatgpt-explained/viz') return current;
    } catch {
      // no package.json here, or not JSON: keep looking
    }
    if (dirname(current) === current) throw new Error('not inside @chatgpt-explained/viz');
  }
}
