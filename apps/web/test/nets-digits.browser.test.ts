/**
 * The widgets of essay 4.1, 5.2 and 8.1 in real headless Chromium: digits drawn with real pointer
 * strokes are read by the shipped net; the nearest-point net trains live and its loss falls; the word
 * map's neighbours are the cosine neighbours computed here from vectors.bin by our own reader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSite } from './browser-context';
import { findChromium } from './chromium';
import { openEssay, waitForFigure } from './essay-page';

const chromium = findChromium();
const DATA = join(import.meta.dirname, '../../../data');

/** Strokes in 0–1 coordinates of the drawing area (independent of the widget's own examples). */
const DRAWN: Record<number, [number, number][][]> = {
  0: [
    Array.from({ length: 33 }, (_, i) => {
      const t = (2 * Math.PI * i) / 32 + 0.3;
      return [0.5 + 0.18 * Math.sin(t), 0.5 - 0.28 * Math.cos(t)] as [number, number];
    }),
  ],
  1: [
    [
      [0.5, 0.2],
      [0.49, 0.5],
      [0.48, 0.8],
    ],
  ],
  7: [
    [
      [0.28, 0.22],
      [0.72, 0.22],
      [0.6, 0.45],
      [0.48, 0.8],
    ],
  ],
};

const readings = (page: Page) =>
  page.evaluate(() => Number(document.querySelector<HTMLElement>('[data-widget="digits"]')?.dataset['readings'] ?? 0));

/**
 * Draws strokes on the widget's canvas with the mouse: down, moves in small steps, up. Before the
 * last stroke ends, waits until the widget has shown a reading made while the pen is down (live).
 */
async function drawWithMouse(page: Page, strokes: [number, number][][]): Promise<void> {
  const canvas = page.locator('[data-widget="digits"] canvas').first();
  const box = (await canvas.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  const before = await readings(page);
  for (const stroke of strokes) {
    await page.mouse.move(...at(stroke[0]!));
    await page.mouse.down();
    for (const point of stroke.slice(1)) await page.mouse.move(...at(point), { steps: 6 });
    if (stroke === strokes.at(-1))
      await page.waitForFunction(
        (n) => Number(document.querySelector<HTMLElement>('[data-widget="digits"]')?.dataset['readings'] ?? 0) > n,
        before,
      );
    await page.mouse.up();
  }
}

/** Waits until the digit widget has read its latest drawing; returns the digit it read. */
async function reading(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const widget = document.querySelector<HTMLElement>('[data-widget="digits"]');
    return widget?.dataset['pending'] === '0' && widget.dataset['predicted'] !== undefined;
  });
  return Number(await page.locator('[data-widget="digits"]').getAttribute('data-predicted'));
}

/** Reads the word2vec binary format here, independently of @chatgpt-explained/embeddings. */
function readVectors(): { words: string[]; unit: Float32Array[] } {
  const bytes = readFileSync(join(DATA, 'models/corpus-word2vec/vectors.bin'));
  let at = bytes.indexOf(0x0a);
  const [count, dims] = bytes.subarray(0, at).toString('ascii').trim().split(' ').map(Number) as [number, number];
  at++;
  const words: string[] = [];
  const unit: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    while (bytes[at] === 0x0a) at++;
    const space = bytes.indexOf(0x20, at);
    words.push(bytes.subarray(at, space).toString('utf8'));
    at = space + 1;
    const v = new Float32Array(dims);
    for (let k = 0; k < dims; k++) v[k] = bytes.readFloatLE(at + 4 * k);
    at += 4 * dims;
    const norm = Math.hypot(...v);
    unit.push(v.map((x) => x / norm));
  }
  return { words, unit };
}

function cosineNeighbours(word: string, k: number): { word: string; similarity: number }[] {
  const { words, unit } = readVectors();
  const q = unit[words.indexOf(word)]!;
  return words
    .map((w, i) => ({ word: w, similarity: unit[i]!.reduce((s, x, j) => s + x * q[j]!, 0) }))
    .filter((n) => n.word !== word)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}

if ('missing' in chromium) {
  console.warn(`browser tests SKIPPED: ${chromium.missing}`);
  describe.skip(`nets and digits in Chromium (skipped: ${chromium.missing})`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  describe(`nets and digits in Chromium (${chromium.path})`, () => {
    const site = useSite(chromium.path);

    it('reads digits drawn with pointer strokes, and the keyboard examples', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      expect(await essay.backend()).toBe('wasm');
      const widget = essay.page.locator('[data-widget="digits"]');
      await widget.scrollIntoViewIfNeeded();
      for (const digit of [0, 1, 7]) {
        await widget.getByRole('button', { name: 'Clear' }).click();
        await drawWithMouse(essay.page, DRAWN[digit]!);
        expect(await reading(essay.page), `drawn ${digit}`).toBe(digit);
        if (digit === 7) await essay.screenshot('digits', '[data-widget="digits"]');
      }
      // The keyboard route: pick an example and have it drawn.
      const read: number[] = [];
      for (let digit = 0; digit <= 9; digit++) {
        await widget.getByLabel('Example digit (for the keyboard)').selectOption(String(digit));
        await widget.getByRole('button', { name: 'Draw the example' }).click();
        read.push(await reading(essay.page));
      }
      expect(read).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(essay.errors).toEqual([]);
      expect(essay.offHost).toEqual([]);
      await essay.close();
    }, 120_000);

    it('trains the nearest-point net live: the loss falls and the regions render; Stop stops it', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      await essay.backend();
      const widget = essay.page.locator('[data-widget="nearest-point"]');
      await widget.scrollIntoViewIfNeeded();
      await widget.getByRole('button', { name: 'Start training' }).click();
      await essay.page.waitForFunction(
        () => document.querySelector<HTMLElement>('[data-widget="nearest-point"]')?.dataset['state'] === 'done',
        null,
        { timeout: 120_000 },
      );
      // One snapshot per stage (5 stages for 200 steps), each a new render of the regions and the loss curve.
      await waitForFigure(essay.page, 'nearest-regions', 5);
      await waitForFigure(essay.page, 'nearest-loss', 5);
      await waitForFigure(essay.page, 'nearest-voronoi', 1);
      const losses = JSON.parse((await widget.getAttribute('data-losses'))!) as number[];
      expect(losses.length).toBeGreaterThan(20);
      // Three classes: an untrained net is near ln 3 ≈ 1.10; training must cut that at least in half.
      expect(losses[0]!).toBeGreaterThan(0.8);
      expect(losses.at(-1)!).toBeLessThan(losses[0]! / 2);
      const summary = await widget.locator('[data-summary="nearest-point"]').textContent();
      const agreement = Number(/on ([\d.]+)% of the plane/.exec(summary ?? '')?.[1]);
      expect(agreement).toBeGreaterThan(85);
      expect(await widget.locator('[data-figure="nearest-regions"] svg').count()).toBe(1);
      await essay.screenshot('nearest-point', '[data-widget="nearest-point"]');

      // Stop: a long run is cancelled.
      await widget.getByLabel('Training steps').fill('600');
      await widget.getByRole('button', { name: 'Start training' }).click();
      await essay.page.waitForFunction(
        () => document.querySelector<HTMLElement>('[data-widget="nearest-point"]')?.dataset['state'] === 'training',
      );
      await widget.getByRole('button', { name: 'Stop' }).click();
      await essay.page.waitForFunction(
        () => document.querySelector<HTMLElement>('[data-widget="nearest-point"]')?.dataset['state'] === 'stopped',
      );
      expect(essay.errors).toEqual([]);
      expect(essay.offHost).toEqual([]);
      await essay.close();
    }, 150_000);

    it('places words on the map and lists the cosine neighbours of a word', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      await essay.backend();
      const widget = essay.page.locator('[data-widget="word-map"]');
      await widget.scrollIntoViewIfNeeded();
      await waitForFigure(essay.page, 'word-map');
      await widget.getByLabel('Words to place (separated by commas or spaces)').fill('king queen ship sea, whale zzqx');
      await widget.getByLabel('Nearest neighbours of').fill('sea');
      await essay.page.waitForFunction(
        () =>
          document.querySelector<HTMLElement>('[data-widget="word-map"]')?.dataset['focus'] === 'sea' &&
          /^5 words placed; not in the vocabulary: zzqx/.test(
            document.querySelector('[data-summary="word-map"]')?.textContent ?? '',
          ),
      );
      await waitForFigure(essay.page, 'word-map', 2);
      const shown = (await widget.locator('[data-neighbours="word-map"] li').allTextContents()).map((text) => {
        const [, word, similarity] = /^(\S+) \(([-\d.]+)\)$/.exec(text)!;
        return { word: word!, similarity: Number(similarity) };
      });
      const expected = cosineNeighbours('sea', 10);
      expect(shown.map((n) => n.word)).toEqual(expected.map((n) => n.word));
      shown.forEach((n, i) => expect(Math.abs(n.similarity - expected[i]!.similarity)).toBeLessThan(6e-4));
      const labels = await widget.locator('[data-figure="word-map"] svg').textContent();
      for (const word of ['king', 'queen', 'ship', 'sea', 'whale']) expect(labels).toContain(word);
      await essay.screenshot('word-map', '[data-widget="word-map"]');
      expect(essay.errors).toEqual([]);
      expect(essay.offHost).toEqual([]);
      await essay.close();
    }, 120_000);

    it('fits a phone-sized screen (375 px wide)', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm', { width: 375, height: 800 });
      await essay.backend();
      for (const name of ['digits', 'nearest-point', 'word-map']) {
        const widget = essay.page.locator(`[data-widget="${name}"]`);
        await widget.scrollIntoViewIfNeeded();
        const { scroll, client } = await widget.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
        expect(scroll, name).toBeLessThanOrEqual(client + 1);
      }
      const canvas = (await essay.page.locator('[data-widget="digits"] canvas').first().boundingBox())!;
      expect(canvas.width).toBeGreaterThan(200);
      expect(essay.errors).toEqual([]);
      await essay.close();
    }, 60_000);
  });
}
