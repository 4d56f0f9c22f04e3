/**
 * The size of what a browser downloads for the page, from a production build: the page's own
 * script with everything it imports statically, the compute worker likewise, and each chunk loaded
 * later on demand (a compute backend), all gzipped as a static host would serve them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One group of files a browser downloads together. */
export interface BundleGroup {
  /** `page`, `worker`, or `lazy:<file>`. */
  readonly name: string;
  readonly files: readonly string[];
  /** Bytes as built, and gzipped at level 9. */
  readonly bytes: number;
  readonly gzipBytes: number;
}

const STATIC_IMPORT = /(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g;

function matches(source: string, pattern: RegExp): string[] {
  return [...source.matchAll(pattern)].map((m) => m[1]!);
}

/** The files in `assets/` that `entry` loads before it runs (itself first), and the ones it loads later. */
function closure(assets: string, entry: string): { eager: string[]; lazy: Set<string> } {
  const eager: string[] = [];
  const lazy = new Set<string>();
  const visit = (file: string): void => {
    if (eager.includes(file)) return;
    eager.push(file);
    const source = readFileSync(join(assets, file), 'utf8');
    for (const next of matches(source, STATIC_IMPORT)) visit(next);
    for (const next of matches(source, DYNAMIC_IMPORT)) lazy.add(next);
  };
  visit(entry);
  for (const file of eager) lazy.delete(file);
  return { eager, lazy };
}

function group(assets: string, name: string, files: readonly string[]): BundleGroup {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const data = readFileSync(join(assets, file));
    bytes += data.length;
    gzipBytes += gzipSync(data, { level: 9 }).length;
  }
  return { name, files, bytes, gzipBytes };
}

/** The page, worker and lazy groups of the build in `dist`. */
export function bundleGroups(dist: string): BundleGroup[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const pageEntry = /<script type="module"[^>]*src="\.\/assets\/([\w.-]+\.js)"/.exec(html)?.[1];
  if (!pageEntry) throw new Error(`${dist}/index.html has no module script in assets/`);
  const assets = join(dist, 'assets');
  const page = closure(assets, pageEntry);
  const pageSource = page.eager.map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
  const workerEntry = readdirSync(assets).find((f) => /^compute\.worker-[\w-]+\.js$/.test(f) && pageSource.includes(f));
  if (!workerEntry) throw new Error(`the page's script does not start assets/compute.worker-*.js`);
  const worker = closure(assets, workerEntry);
  const lazy = [...new Set([...page.lazy, ...worker.lazy])].filter((f) => !worker.eager.includes(f)).sort();
  return [
    group(assets, 'page', page.eager),
    group(assets, 'worker', worker.eager),
    ...lazy.map((file) =>
      group(
        assets,
        `lazy:${file}`,
        closure(assets, file).eager.filter((f) => !worker.eager.includes(f)),
      ),
    ),
  ];
}
