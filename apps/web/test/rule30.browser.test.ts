/**
 * Essay 13.1 in real headless Chromium: the rule 30 picture's cells (read back from the pixels of the
 * rendered figure) equal rule 30 computed here in a few lines of Node, for the reader's number of steps;
 * a net trained to predict one step ahead gets at least 95 % of held-out cells right, well above the
 * majority guess; and Stop stops a long run.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSite } from './browser-context';
import { findChromium } from './chromium';
import { openEssay } from './essay-page';

const chromium = findChromium();

/** Rule 30 from one black cell, `steps` steps, `2·steps + 1` cells wide, white beyond the ends. */
function rule30(steps: number): number[][] {
  const width = 2 * steps + 1;
  let row: number[] = Array.from({ length: width }, (_, i) => (i === steps ? 1 : 0));
  const rows = [row];
  for (let t = 0; t < steps; t++) {
    // New cell = left XOR (centre OR right): rule 30.
    row = row.map((c, i) => (row[i - 1] ?? 0) ^ (c | (row[i + 1] ?? 0)));
    rows.push(row);
  }
  return rows;
}

/**
 * The cells of the picture in the `rule30` figure: its embedded raster decoded by the browser, each
 * cell read at its centre pixel (dark = 1), as `rows` × `columns`.
 */
async function pictureCells(page: Page, rows: number, columns: number): Promise<number[][]> {
  return page.evaluate(
    async ([rows, columns]) => {
      const image = document.querySelector('[data-figure="rule30"] svg image')!;
      const source = image.getAttribute('href') ?? image.getAttribute('xlink:href') ?? '';
      const img = new Image();
      img.src = source;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const g = canvas.getContext('2d')!;
      g.imageSmoothingEnabled = false;
      g.drawImage(img, 0, 0);
      const pixels = g.getImageData(0, 0, canvas.width, canvas.height).data;
      const [cw, ch] = [canvas.width / columns, canvas.height / rows];
      return Array.from({ length: rows }, (_, r) =>
        Array.from({ length: columns }, (_, c) => {
          const at = 4 * (Math.floor((r + 0.5) * ch) * canvas.width + Math.floor((c + 0.5) * cw));
          return pixels[at]! < 128 ? 1 : 0;
        }),
      );
    },
    [rows, columns] as const,
  );
}

/** Waits for the picture of `steps` steps. */
async function pictureOf(page: Page, steps: number): Promise<void> {
  await page.waitForFunction(
    (s) => document.querySelector('[data-figure="rule30"]')?.getAttribute('data-steps') === String(s),
    steps,
    { timeout: 60_000 },
  );
}

if ('missing' in chromium) {
  console.warn(`browser tests SKIPPED: ${chromium.missing}`);
  describe.skip(`rule 30 widget in Chromium (skipped: ${chromium.missing})`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  describe(`rule 30 widget in Chromium (${chromium.path})`, () => {
    const site = useSite(chromium.path);

    it('draws rule 30 cell for cell; a net predicts 1 step ahead; Stop stops a long run', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      expect(await essay.backend()).toBe('wasm');
      const { page } = essay;
      const widget = page.locator('[data-widget="rule30"]');
      await widget.scrollIntoViewIfNeeded();

      // The essay's 100 steps, drawn as soon as the widget is seen; then the reader's 37.
      for (const steps of [100, 37]) {
        if (steps !== 100) await widget.getByRole('slider', { name: 'Steps from one black cell' }).fill(String(steps));
        await pictureOf(page, steps);
        const expected = rule30(steps);
        expect(await widget.locator('[data-figure="rule30"]').getAttribute('data-width')).toBe(String(2 * steps + 1));
        expect(await pictureCells(page, steps + 1, 2 * steps + 1)).toEqual(expected);
        expect(await widget.locator('[data-summary="rule30"]').getAttribute('data-centre')).toBe(
          expected.map((row) => row[steps]).join(''),
        );
      }

      // One step ahead: 3 cells decide the next, 8 patterns; the net learns them all.
      await widget.getByRole('button', { name: 'Train', exact: true }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-status="rule30-steps-ahead"]')?.textContent === 'done',
        null,
        { timeout: 100_000 },
      );
      const summary = widget.locator('[data-summary="rule30-steps-ahead"]');
      expect(await summary.getAttribute('data-k')).toBe('1');
      const heldOut = Number(await summary.getAttribute('data-held-out'));
      const majority = Number(await summary.getAttribute('data-majority'));
      expect(heldOut).toBeGreaterThanOrEqual(0.95);
      expect(majority).toBeGreaterThan(0.4);
      expect(majority).toBeLessThan(0.6);
      expect(await widget.locator('[data-figure="rule30-steps-ahead"] svg').count()).toBe(1);
      await essay.screenshot('rule30', '[data-widget="rule30"]');

      // A long run at k = 16, stopped once it is under way.
      await widget.getByRole('slider', { name: 'Steps ahead k' }).fill('16');
      await widget.getByRole('slider', { name: 'Training steps' }).fill('3000');
      await widget.getByRole('button', { name: 'Train', exact: true }).click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-status="rule30-steps-ahead"]')?.textContent?.startsWith('training… loss') ===
          true,
        null,
        { timeout: 60_000 },
      );
      await widget.getByRole('button', { name: 'Stop' }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-status="rule30-steps-ahead"]')?.textContent === 'stopped',
        null,
        { timeout: 30_000 },
      );
      expect(await widget.getByRole('button', { name: 'Train', exact: true }).isEnabled()).toBe(true);
      expect(await widget.getByRole('button', { name: 'Stop' }).isDisabled()).toBe(true);
      expect(await summary.getAttribute('data-k')).toBe('1');

      expect(essay.errors).toEqual([]);
      expect(essay.offHost).toEqual([]);
      await essay.close();
    }, 180_000);
  });
}
