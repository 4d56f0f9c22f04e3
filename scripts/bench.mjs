#!/usr/bin/env node
// `pnpm bench <name> [--smoke]` runs bench/src/<name>.ts from source; `pnpm bench:smoke` runs every
// benchmark with --smoke, as CI does (a few iterations, to show each still runs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const available = readdirSync(join(root, 'bench/src'))
  .filter((f) => f.endsWith('.ts') && !/-worker\.ts$|-types\.ts$|^harness\.ts$|\.test\.ts$/.test(f))
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...rest] = process.argv.slice(2);
const names = name === '--all' ? available : [name];
if (!name || names.some((n) => !n || !existsSync(join(root, 'bench/src', `${n}.ts`)))) {
  process.stderr.write(`usage: pnpm bench <name> [--smoke]   (benchmarks: ${available.join(', ')})\n`);
  process.exit(2);
}
for (const n of names) {
  const result = spawnSync(process.execPath, [join(root, 'scripts/run-ts.mjs'), `bench/src/${n}.ts`, ...rest], {
    stdio: 'inherit',
    cwd: root,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
