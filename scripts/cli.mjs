#!/usr/bin/env node
// Runs the chatgpt-explained CLI from the TypeScript sources of this repo, with no prior build:
// esbuild bundles apps/cli/src/bin.ts and the workspace packages it uses (resolved through the
// @chatgpt-explained/source export condition) in a fraction of a second, leaving every other
// package external, and the bundle is run in this process. `pnpm cli` and `pnpm tour` use it.
//
// A plain TypeScript loader (tsx) is not enough: tfjs-core's gradient registrations are an ESM file
// with extensionless and directory imports, which only a bundler follows.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'apps/cli/node_modules/.cache/chatgpt-explained');
// One file per process, so concurrent runs (tests, two terminals) never read a half-written bundle.
const outfile = join(outDir, `cli-${process.pid}.mjs`);
mkdirSync(outDir, { recursive: true });

/** Bundle our packages and tfjs-core's gradient file; load everything else from node_modules. */
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@chatgpt-explained/')) return undefined;
      if (args.path.startsWith('@tensorflow/tfjs-core/dist/')) return undefined;
      if (args.importer.includes('/node_modules/@tensorflow/tfjs-core/dist/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

try {
  await build({
    absWorkingDir: root,
    entryPoints: ['apps/cli/src/bin.ts'],
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

// bin.ts reads process.argv itself and sets process.exitCode; the bundle is one file, so it can go
// once loaded.
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
