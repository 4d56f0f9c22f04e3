/**
 * The essay page as a reader meets it, in real headless Chromium on a production build served from
 * 127.0.0.1: every section renders its widgets, nothing is fetched from other hosts, no console
 * errors, axe-core finds no serious accessibility violations, it fits a phone's width.
 */
import { describe, expect, it } from 'vitest';
import { useSite } from './browser-context';
import { findChromium } from './chromium';
import { axeViolations, openEssay, seriousViolations, waitForFigure } from './essay-page';

const chromium = findChromium();

if ('missing' in chromium) {
  console.warn(`browser tests SKIPPED: ${chromium.missing}`);
  describe.skip(`essay page in Chromium (skipped: ${chromium.missing})`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  describe(`essay page in Chromium (${chromium.path})`, () => {
    const site = useSite(chromium.path);

    it('letter counts follow the text the reader types', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      expect(await essay.backend()).toBe('wasm');
      const widget = essay.page.locator('[data-widget="letters"]');
      await widget.scrollIntoViewIfNeeded();
      await waitForFigure(essay.page, 'letters');
      const field = widget.getByLabel('Text to count (paste anything)');
      await field.fill('zzzz zzz qq');
      await essay.page.waitForFunction(() =>
        document
          .querySelector('[data-summary="letters"]')
          ?.textContent?.startsWith('9 letters; most common: z 77.8%, q 22.2%'),
      );
      expect(essay.errors).toEqual([]);
      expect(essay.offHost).toEqual([]);
      await essay.close();
    });

    it('passes axe-core with no serious or critical violations', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      await essay.backend();
      const violations = await axeViolations(essay.page);
      expect(seriousViolations(violations), JSON.stringify(violations)).toEqual([]);
      await essay.close();
    });
  });
}
