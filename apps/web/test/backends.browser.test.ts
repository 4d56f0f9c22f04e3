/**
 * The built web app in real headless Chromium (Debian's), served from 127.0.0.1: it starts each
 * browser backend through nn-core's adapters and fetches nothing from other hosts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './chromium';
import { serveStatic } from './static-server';

const appDir = join(import.meta.dirname, '..');
const chromium = findChromium();

interface Visit {
  state: string | undefined;
  backend: string | undefined;
  status: string;
  consoleErrors: string[];
  offHost: string[];
}

if ('missing' in chromium) {
  // Visible in every reporter, not only as a skipped test's name.
  console.warn(`browser tests SKIPPED: ${chromium.missing}`);
  describe.skip(`web app in Chromium (skipped: ${chromium.missing})`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  const executable = chromium.path;
  describe(`web app in Chromium (${executable})`, () => {
    let server: Awaited<ReturnType<typeof serveStatic>>;
    let opSuite: Awaited<ReturnType<typeof serveStatic>>;
    let context: BrowserContext;

    /** A production build of the page at `root`, with the app's own Vite config. */
    async function buildPage(root: string): Promise<string> {
      const outDir = mkdtempSync(join(tmpdir(), 'web-dist-'));
      await build({
        root,
        configFile: join(appDir, 'vite.config.ts'),
        logLevel: 'error',
        build: { outDir, emptyOutDir: true },
      });
      return outDir;
    }

    beforeAll(async () => {
      server = await serveStatic(await buildPage(appDir));
      opSuite = await serveStatic(await buildPage(join(appDir, 'test/op-suite')));
      context = await launchChromium(executable);
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await server?.close();
      await opSuite?.close();
    });

    async function visit(query: string): Promise<Visit> {
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      const offHost: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) offHost.push(r.url());
      });
      await page.goto(`${server.url}${query}`);
      const status = page.locator('#backend-status');
      await page.waitForFunction(
        () => document.querySelector('#backend-status')?.getAttribute('data-state') != null,
        null,
        { timeout: 60_000 },
      );
      const result = {
        state: (await status.getAttribute('data-state')) ?? undefined,
        backend: (await status.getAttribute('data-backend')) ?? undefined,
        status: (await status.textContent()) ?? '',
        consoleErrors,
        offHost,
      };
      await page.close();
      return result;
    }

    it('auto passes over the software WebGPU adapter and runs on wasm from the app’s own files', async () => {
      const before = server.requests.length;
      const seen = await visit('?backend=auto');
      expect(seen.state, seen.status).toBe('ready');
      expect(seen.backend).toBe('wasm');
      expect(seen.status).toMatch(/^wasm: auto chose wasm: WebAssembly SIMD/);
      expect(seen.status).toContain('passed over webgpu (software adapter only)');
      expect(server.requests.slice(before).some((p) => /tfjs-backend-wasm-simd-[\w-]+\.wasm$/.test(p))).toBe(true);
      expect(seen.offHost).toEqual([]);
      expect(seen.consoleErrors).toEqual([]);
    });

    it.each(['webgpu', 'webgl', 'cpu'])('starts %s when asked, and it passes the startup check', async (backend) => {
      const seen = await visit(`?backend=${backend}`);
      expect(seen.state, seen.status).toBe('ready');
      expect(seen.backend).toBe(backend);
      expect(seen.status.startsWith(`${backend}: ${backend} as requested`)).toBe(true);
      expect(seen.offHost).toEqual([]);
      expect(seen.consoleErrors).toEqual([]);
    });

    it('says so when ?backend= names no backend, rather than ignoring it', async () => {
      const seen = await visit('?backend=metal');
      expect(seen.state).toBe('error');
      expect(seen.status).toBe(
        'unknown backend "metal" in the page address (?backend=); choose one of auto, webgpu, cuda, wasm, webgl, cpu',
      );
    });

    // nn-core's op suite (float64 references) on every backend the browser starts.
    it.each(['webgpu', 'webgl', 'wasm', 'cpu'])(
      'the op suite passes on %s',
      async (backend) => {
        const page = await context.newPage();
        await page.goto(`${opSuite.url}?backend=${backend}`);
        await page.waitForSelector('#results[data-done="true"]', { timeout: 90_000 });
        const report = JSON.parse((await page.locator('#results').textContent()) ?? '{}') as {
          error?: string;
          backend?: string;
          results?: Array<{
            name: string;
            passed: boolean;
            error: number | null;
            limit: number;
            leaked: number;
            failure?: string;
          }>;
        };
        await page.close();
        expect(report.error).toBeUndefined();
        expect(report.backend).toBe(backend);
        expect(report.results?.length).toBeGreaterThan(20);
        const failed = (report.results ?? []).filter((r) => !r.passed);
        expect(failed, JSON.stringify(failed)).toEqual([]);
      },
      120_000,
    );

    it('lists the essay’s sections', async () => {
      const page = await context.newPage();
      await page.goto(`${server.url}?backend=cpu`);
      expect(await page.locator('#sections > li').count()).toBe(13);
      await page.close();
    });
  });
}
