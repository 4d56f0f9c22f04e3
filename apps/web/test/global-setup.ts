/**
 * Builds the web app once per test run (a production build with the app's own Vite config, into a
 * fresh folder) for every browser test file to serve; they read its path with `inject('webDist')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    webDist: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const appDir = join(import.meta.dirname, '..');
  const outDir = mkdtempSync(join(tmpdir(), 'web-dist-'));
  await build({
    root: appDir,
    configFile: join(appDir, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  project.provide('webDist', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
