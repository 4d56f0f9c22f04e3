#!/usr/bin/env node
// Runs a TypeScript entry point of this repo from source, with no prior build:
//   node scripts/run-ts.mjs <entry.ts> [args…]
// esbuild bundles the entry and the workspace packages it uses (resolved through the
// @chatgpt-explained/source export condition) in a fraction of a second, leaving every other package
// external, and the bundle runs in this process with `args` as process.argv.slice(2). `pnpm cli`,
// `pnpm tour` and `pnpm bench` use it.
//
// A plain TypeScript loader (tsx) is not enough: tfjs-core's gradient registrations are an ESM file
// with extensionless and directory imports, which only a bundler follows.
import { build } from 'esbuild';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write('usage: node scripts/run-ts.mjs <entry.ts> [args…]\n');
  process.exit(2);
}
const entry = resolve(root, entryArg);

// External packages resolve from the bundle's location, so it is written inside the entry's own
// package (its node_modules/.cache), where that package's dependencies are.
let packageDir = dirname(entry);
while (!existsSync(join(packageDir, 'package.json')) && packageDir !== root) packageDir = dirname(packageDir);
const outDir = join(packageDir, 'node_modules/.cache/chatgpt-explained');
// One file per process, so concurrent runs never read a half-written bundle.
const outfile = join(outDir, `run-${process.pid}.mjs`);
mkdirSync(outDir, { recursive: true });

/** Whether `name` is installed where the bundle will look for it (the entry's package and up). */
function reachable(name, from = packageDir) {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/**
 * Bundle our packages and tfjs-core's gradient file; load everything else from node_modules. A
 * dependency of one of our packages that the entry's package does not have (vega for viz, say) is
 * bundled too, since the bundle could not find it.
 */
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      if (a.path.startsWith('@chatgpt-explained/')) return undefined;
      if (a.path.startsWith('@tensorflow/tfjs-core/dist/')) return undefined;
      if (a.importer.includes('/node_modules/@tensorflow/tfjs-core/dist/')) return undefined;
      const name = a.path.startsWith('@') ? a.path.split('/').slice(0, 2).join('/') : a.path.split('/')[0];
      if (a.path.startsWith('node:') || builtinModules.includes(name) || reachable(name)) {
        return { path: a.path, external: true };
      }
      // Installed beside the importer only: bundle it. Installed nowhere (an optional backend): leave
      // it to fail at run time, where the code expects it may.
      return reachable(name, dirname(a.importer)) ? undefined : { path: a.path, external: true };
    });
  },
};

try {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@chatgpt-explained/source'],
    sourcemap: 'inline',
    logLevel: 'error',
    plugins: [externals],
  });
} catch {
  // esbuild has printed the errors.
  process.exit(1);
}

process.argv = [process.argv[0], entry, ...args];
// The bundle is one file, so it can go once loaded.
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
