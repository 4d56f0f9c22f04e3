/**
 * The main entry of @chatgpt-explained/gpt2 (model, checkpoint loader over fetch/ArrayBuffer,
 * generation) must run in browsers: it is bundled here for the browser platform, where esbuild
 * refuses Node built-ins, and the bundle is searched for Node-only globals.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('@chatgpt-explained/gpt2 in the browser', () => {
  it('bundles for the browser platform without Node built-ins or globals', async () => {
    const result = await build({
      entryPoints: [join(root, 'packages/gpt2/src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      conditions: ['@chatgpt-explained/source', 'browser'],
      external: ['@tensorflow/*'],
      logLevel: 'silent',
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('packages/gpt2/src/checkpoint/load-checkpoint.ts'))).toBe(true);
    expect(inputs.filter((p) => p.includes('packages/gpt2/src/node/'))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    for (const nodeOnly of [
      /\bBuffer\.from\(/,
      /\bprocess\.(env|cwd|argv)/,
      /\brequire\(["']node:/,
      /from ["']node:/,
    ]) {
      expect(code, String(nodeOnly)).not.toMatch(nodeOnly);
    }
  }, 60_000);
});
