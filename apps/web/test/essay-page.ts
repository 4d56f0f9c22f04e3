/**
 * Opening the built essay page in Chromium for the browser tests: console errors, failed requests and
 * requests to other hosts are collected, screenshots go to `out/web-screenshots/` (CI keeps them).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Where screenshots are written: `<repo>/out/web-screenshots/`. */
export const SCREENSHOT_DIR = join(import.meta.dirname, '../../../out/web-screenshots');

/** An open essay page and what it did. */
export interface EssayPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions, in the page and its workers. */
  readonly errors: string[];
  /** Requests to anything but the site's own address (and data: URLs). */
  readonly offHost: string[];
  /** Waits until the compute worker reports its backend; returns it (throws on a failed start). */
  backend(timeoutMs?: number): Promise<string>;
  /** Saves a screenshot of the page (or of `selector`) as `<name>.png`; returns its path. */
  screenshot(name: string, selector?: string): Promise<string>;
  close(): Promise<void>;
}

/** Opens `${siteUrl}${query}` in a new page of `context`. */
export async function openEssay(
  context: BrowserContext,
  siteUrl: string,
  query = '',
  viewport?: { width: number; height: number },
): Promise<EssayPage> {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors: string[] = [];
  const offHost: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('worker', (worker) =>
    worker.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)),
  );
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(siteUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) offHost.push(url);
  });
  await page.goto(`${siteUrl}${query}`);
  return {
    page,
    errors,
    offHost,
    async backend(timeoutMs = 60_000) {
      await page.waitForFunction(
        () => document.querySelector('#backend-status')?.getAttribute('data-state') != null,
        null,
        { timeout: timeoutMs },
      );
      const status = page.locator('#backend-status');
      if ((await status.getAttribute('data-state')) !== 'ready') {
        throw new Error(`backend did not start: ${await status.textContent()}`);
      }
      return (await status.getAttribute('data-backend')) ?? '';
    },
    async screenshot(name, selector) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      if (selector) await page.locator(selector).first().screenshot({ path });
      else await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: () => page.close(),
  };
}

/**
 * Waits for a figure to be rendered at least `times` times (`data-rendered` counts renders).
 */
export async function waitForFigure(page: Page, name: string, times = 1, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    ([n, t]) => Number(document.querySelector(`[data-figure="${n}"]`)?.getAttribute('data-rendered') ?? '0') >= t,
    [name, times] as const,
    { timeout: timeoutMs },
  );
}

/** One accessibility violation axe-core reported: its rule, impact and up to three of its elements. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly nodes: readonly unknown[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page (or only inside the elements matching `include`) and returns every
 * violation; tests keep the serious and critical ones with {@link seriousViolations}.
 */
export async function axeViolations(page: Page, include?: readonly string[]): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (selectors) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context?: unknown,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await (selectors === undefined ? axe.run() : axe.run({ include: selectors.map((s) => [s]) }));
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n) => n.target),
    }));
  }, include);
}

/** The violations of impact serious or critical. */
export function seriousViolations(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
