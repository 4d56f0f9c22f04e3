import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest directory above the working directory with pnpm-workspace.yaml
 * (benchmarks run bundled, so their own file location says nothing).
 */
export const ROOT = ((): string => {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bench: run from inside the chatgpt-explained repository');
    dir = up;
  }
  return dir;
})();

/** `--smoke`: a few iterations, to show the benchmark runs (what CI does); the numbers mean nothing. */
export function isSmoke(argv: readonly string[] = process.argv.slice(2)): boolean {
  return argv.includes('--smoke');
}

/** Reads a pinned config from bench/configs. */
export function readConfig<T>(name: string): T {
  return JSON.parse(readFileSync(join(ROOT, 'bench/configs', `${name}.json`), 'utf8')) as T;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs one implementation in its own process (a fresh engine, its own memory) through the source
 * runner, and returns the JSON document it printed as its last stdout line, or its error.
 */
export function runWorker<T>(
  entry: string,
  args: readonly string[],
  timeoutMs = 600_000,
): { ok: true; value: T } | { ok: false; error: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/run-ts.mjs'), entry, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status === 0 && last.startsWith('{')) return { ok: true, value: JSON.parse(last) as T };
  const why = `${result.stderr}`
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('Warning: '))
    .at(-1);
  return { ok: false, error: why || `exited with ${String(result.status ?? result.signal)}` };
}

/** Formats rows as a Markdown table (what BENCHMARKS.md holds). */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
