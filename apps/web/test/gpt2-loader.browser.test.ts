/**
 * @chatgpt-explained/gpt2's checkpoint loader in real headless Chromium: a page built by Vite loads
 * the tiny Hugging Face checkpoints of packages/gpt2/test/fixtures over fetch from a plain static
 * server on 127.0.0.1 (no Range support, no Content-Length: the fallbacks a simple host needs), runs
 * GPT-2 on wasm and cpu, and its next-token probabilities must match the float64 numpy reference.
 */
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './chromium';
import { serveStatic } from './static-server';

const appDir = join(import.meta.dirname, '..');
const fixturesDir = join(appDir, '../../packages/gpt2/test/fixtures');
const FIXTURES = ['f32-lmhead', 'f16-base', 'bf16-inner'];
const chromium = findChromium();

/** What the page writes into #results. */
interface Report {
  error?: string;
  backend?: string;
  cases?: number;
  maxRelativeError?: number;
  leaked?: number;
}

if ('missing' in chromium) {
  console.warn(`browser tests SKIPPED: ${chromium.missing}`);
  describe.skip(`gpt2 loader in Chromium (skipped: ${chromium.missing})`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  const executable = chromium.path;
  describe(`gpt2 loader in Chromium (${executable})`, () => {
    let server: Awaited<ReturnType<typeof serveStatic>>;
    let context: BrowserContext;

    beforeAll(async () => {
      const outDir = mkdtempSync(join(tmpdir(), 'gpt2-loader-'));
      await build({
        root: join(appDir, 'test/gpt2-loader'),
        configFile: join(appDir, 'vite.config.ts'),
        logLevel: 'error',
        build: { outDir, emptyOutDir: true },
      });
      for (const name of FIXTURES) {
        mkdirSync(join(outDir, 'fixture', name), { recursive: true });
        for (const file of ['config.json', 'model.safetensors', 'expected.json', 'expected.bin']) {
          cpSync(join(fixturesDir, name, file), join(outDir, 'fixture', name, file));
        }
      }
      server = await serveStatic(outDir);
      context = await launchChromium(executable);
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await server?.close();
    });

    const runs = ['wasm', 'cpu'].flatMap((backend) => FIXTURES.map((fixture) => [backend, fixture] as const));
    it.each(runs)(
      'on %s, fixture %s: loaded over fetch, probabilities within 1e-4 of the float64 reference',
      async (backend, fixture) => {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${server.url}?backend=${backend}&fixture=${fixture}`);
        await page.waitForSelector('#results[data-done="true"]', { timeout: 90_000 });
        const report = JSON.parse((await page.locator('#results').textContent()) ?? '{}') as Report;
        await page.close();
        expect(errors).toEqual([]);
        expect(report.error).toBeUndefined();
        expect(report.backend).toBe(backend);
        expect(report.cases).toBeGreaterThan(0);
        expect(report.maxRelativeError).toBeLessThanOrEqual(1e-4);
        expect(report.leaked).toBe(0);
        expect(server.requests.some((p) => p.endsWith(`/fixture/${fixture}/model.safetensors`))).toBe(true);
      },
      120_000,
    );
  });
}
