/**
 * Sections 2, 3, 6 and 7 on the page, in real headless Chromium on the wasm backend: random text from
 * the book's n-grams (every n-gram it prints occurs in the book, counted here), the fall-time fit
 * (coefficients checked against a least-squares solve done here), a net learning a function live
 * (the loss falls; Stop stops it), gradient descent on the loss landscape (the path's loss, computed
 * here from its weights, ends below its start), and the net-size practice widget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSite } from './browser-context';
import { findChromium } from './chromium';
import { openEssay, waitForFigure, type EssayPage } from './essay-page';

const chromium = findChromium();
const BOOK = readFileSync(join(import.meta.dirname, '../../../data/corpus/pg84-frankenstein.txt'), 'utf8');

/** The book as letter n-grams see it, written here: a–z, accents dropped, one space between words, spaces around. */
function bookLetters(): string {
  const plain = BOOK.normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return ` ${plain} `;
}

/** Every word n-gram of the book (words: letters with inner apostrophes, lower case), joined by spaces. */
function bookWordGrams(n: number): Set<string> {
  const words = (BOOK.match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []).map((w) => w.toLowerCase());
  const grams = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) grams.add(words.slice(i, i + n).join(' '));
  return grams;
}

/** Least squares by the normal equations (AᵀA c = Aᵀy) and Gauss–Jordan elimination: another route than the app's QR. */
function normalEquations(columns: ((x: number) => number)[], xs: number[], ys: number[]): number[] {
  const n = columns.length;
  const m: number[][] = Array.from({ length: n }, (_, i) => [
    ...Array.from({ length: n }, (_, j) => xs.reduce((s, x) => s + columns[i]!(x) * columns[j]!(x), 0)),
    xs.reduce((s, x, k) => s + columns[i]!(x) * ys[k]!, 0),
  ]);
  for (let c = 0; c < n; c++) {
    const p = m.slice(c).reduce((best, row, k) => (Math.abs(row[c]!) > Math.abs(m[best]![c]!) ? c + k : best), c);
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** The two-weight net's L2 loss at (w1, w2), written here: data from w1 = 2, w2 = 1 on 41 points of [-2, 2]. */
function landscapeLoss(w1: number, w2: number): number {
  const net = (a: number, b: number, x: number) => Math.tanh(a * x) - Math.tanh(b * x + 1);
  let sum = 0;
  for (let i = 0; i < 41; i++) {
    const x = -2 + (4 * i) / 40;
    sum += (net(w1, w2, x) - net(2, 1, x)) ** 2;
  }
  return sum / 41;
}

async function data(page: Page, summary: string): Promise<Record<string, string | undefined>> {
  return page.locator(`[data-summary="${summary}"]`).evaluate((e) => ({ ...(e as HTMLElement).dataset }));
}

async function showWidget(essay: EssayPage, name: string, figure: string): Promise<void> {
  await essay.page.locator(`[data-widget="${name}"]`).scrollIntoViewIfNeeded();
  await waitForFigure(essay.page, figure);
}

async function finish(essay: EssayPage): Promise<void> {
  expect(essay.errors).toEqual([]);
  expect(essay.offHost).toEqual([]);
  await essay.close();
}

if ('missing' in chromium) {
  console.warn(`browser tests SKIPPED: ${chromium.missing}`);
  describe.skip(`statistics and training widgets in Chromium (skipped: ${chromium.missing})`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  describe(`statistics and training widgets in Chromium (${chromium.path})`, () => {
    const site = useSite(chromium.path);

    it('n-grams: the order slider changes the text, and every printed n-gram occurs in the book', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      expect(await essay.backend()).toBe('wasm');
      const { page } = essay;
      const widget = page.locator('[data-widget="ngrams"]');
      await showWidget(essay, 'ngrams', 'ngrams');
      const text = page.locator('[data-summary="ngrams"]');
      const letters = bookLetters();
      const checkLetters = async (n: number): Promise<string> => {
        await page.waitForFunction(
          (o) => document.querySelector('[data-summary="ngrams"]')?.getAttribute('data-order') === String(o),
          n,
        );
        const words = (await text.textContent())!;
        expect(words.split(' ').length).toBe(14);
        const padded = ` ${words} `;
        for (let i = 0; i + n <= padded.length; i++) {
          expect(letters.includes(padded.slice(i, i + n)), `letter ${n}-gram “${padded.slice(i, i + n)}”`).toBe(true);
        }
        return words;
      };
      const order3 = await checkLetters(3);
      await widget.getByLabel('Order n').fill('5');
      const order5 = await checkLetters(5);
      expect(order5).not.toBe(order3);
      // Long words at order 5 look like English: most are real words of the book.
      await widget.getByRole('button', { name: 'Generate again' }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-summary="ngrams"]')?.getAttribute('data-seed') === '2',
      );
      expect(await text.textContent()).not.toBe(order5);

      await widget.getByLabel('n-grams of', { exact: true }).selectOption('words');
      await widget.getByLabel('Order n').fill('3');
      await page.waitForFunction(() => {
        const e = document.querySelector('[data-summary="ngrams"]');
        return e?.getAttribute('data-unit') === 'words' && e.getAttribute('data-order') === '3';
      });
      const tokens = (await text.textContent())!.split(' ');
      expect(tokens).toHaveLength(30);
      const grams = bookWordGrams(3);
      for (let i = 0; i + 3 <= tokens.length; i++) {
        const gram = tokens.slice(i, i + 3).join(' ');
        expect(grams.has(gram), `word 3-gram “${gram}”`).toBe(true);
      }
      expect(await widget.getByLabel('Order n').getAttribute('max')).toBe('4');
      await essay.screenshot('ngrams', '[data-widget="ngrams"]');
      await finish(essay);
    }, 120_000);

    it('model fit: the coefficients are the least-squares solution for the chosen formula', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      await essay.backend();
      const { page } = essay;
      const widget = page.locator('[data-widget="model-fit"]');
      await showWidget(essay, 'model-fit', 'model-fit');
      const bases: Record<string, ((x: number) => number)[]> = {
        line: [() => 1, (x) => x],
        quadratic: [() => 1, (x) => x, (x) => x * x],
        poor: [() => 1, (x) => 1 / x, (x) => Math.sin(x)],
      };
      let rendered = 1;
      for (const [model, floors] of [
        ['quadratic', 10],
        ['line', 10],
        ['poor', 10],
        ['poor', 20],
      ] as const) {
        await widget.getByLabel('Formula', { exact: true }).selectOption(model);
        await widget.getByLabel('Floors of the tower').fill(String(floors));
        await page.waitForFunction(
          ([m, f]) => {
            const e = document.querySelector('[data-summary="model-fit"]');
            return e?.getAttribute('data-model') === m && e.getAttribute('data-floors') === String(f);
          },
          [model, floors] as const,
        );
        const shown = (await page.locator('[data-summary="model-fit"]').textContent())!;
        const values = [...shown.matchAll(/\b([abc]) = (-?[\d.]+(?:e[-+]?\d+)?)/g)].map((m) => Number(m[2]));
        const xs = Array.from({ length: floors }, (_, i) => i + 1);
        const ys = xs.map((k) => Math.sqrt((2 * 3 * k) / 9.81));
        const expected = normalEquations(bases[model]!, xs, ys);
        expect(values).toHaveLength(expected.length);
        values.forEach((v, i) =>
          expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected[i]!))),
        );
        const count = Number(await page.locator('[data-figure="model-fit"]').getAttribute('data-rendered'));
        expect(count).toBeGreaterThanOrEqual(rendered);
        rendered = count;
      }
      await essay.screenshot('model-fit', '[data-widget="model-fit"]');
      await finish(essay);
    }, 120_000);

    it('learn function: training lowers the loss, the curve updates as it trains, and Stop stops it', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      await essay.backend();
      const { page } = essay;
      const widget = page.locator('[data-widget="learn-function"]');
      await widget.scrollIntoViewIfNeeded();
      await widget.getByLabel('Training steps').fill('400');
      await widget.getByRole('button', { name: 'Start training' }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-summary="learn-function"]')?.getAttribute('data-state') === 'done',
        null,
        { timeout: 100_000 },
      );
      const trained = await data(page, 'learn-function');
      const first = Number(trained['firstLoss']);
      const last = Number(trained['lastLoss']);
      expect(first).toBeGreaterThan(0);
      expect(last).toBeLessThan(first / 3);
      // One picture per tenth of training, then the final one.
      expect(Number(await page.locator('[data-figure="learn-curve"]').getAttribute('data-rendered'))).toBeGreaterThan(
        5,
      );
      await essay.screenshot('learn-function', '[data-widget="learn-function"]');

      // A long run, stopped after its first pictures.
      await widget.getByLabel('Training steps').fill('3000');
      const before = Number(await page.locator('[data-figure="learn-curve"]').getAttribute('data-rendered'));
      await widget.getByRole('button', { name: 'Start training' }).click();
      await waitForFigure(page, 'learn-curve', before + 2, 60_000);
      await widget.getByRole('button', { name: 'Stop' }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-summary="learn-function"]')?.getAttribute('data-state') === 'stopped',
      );
      expect(await widget.getByRole('button', { name: 'Start training' }).isEnabled()).toBe(true);
      expect(await widget.getByRole('button', { name: 'Stop' }).isDisabled()).toBe(true);
      await finish(essay);
    }, 150_000);

    it('loss landscape: the descent path ends lower than it starts, by the loss computed here', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      await essay.backend();
      const { page } = essay;
      const widget = page.locator('[data-widget="loss-landscape"]');
      await showWidget(essay, 'loss-landscape', 'loss-landscape');
      const check = async (): Promise<void> => {
        const d = await data(page, 'loss-landscape');
        const start = landscapeLoss(Number(d['startW1']), Number(d['startW2']));
        const end = landscapeLoss(Number(d['endW1']), Number(d['endW2']));
        expect(Math.abs(Number(d['startLoss']) - start)).toBeLessThan(1e-4 + 1e-3 * start);
        expect(Math.abs(Number(d['endLoss']) - end)).toBeLessThan(1e-4 + 1e-3 * end);
        expect(end).toBeLessThan(start);
      };
      await check();
      const shown = await data(page, 'loss-landscape');
      expect([Number(shown['startW1']), Number(shown['startW2'])]).toEqual([-1, 2]);
      await widget.getByLabel('Start (w1, w2)', { exact: true }).selectOption('1,-2.5');
      await widget.getByLabel('Learning rate').fill('1');
      await page.waitForFunction(
        () => document.querySelector('[data-summary="loss-landscape"]')?.getAttribute('data-start-w1') === '1',
      );
      await waitForFigure(page, 'loss-landscape', 2);
      await check();
      await essay.screenshot('loss-landscape', '[data-widget="loss-landscape"]');
      await finish(essay);
    }, 120_000);

    it('practice: a net of the chosen size trains and reports its parameter count', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      await essay.backend();
      const { page } = essay;
      const widget = page.locator('[data-widget="practice"]');
      await showWidget(essay, 'practice', 'practice');
      await widget.getByLabel('Hidden layers', { exact: true }).selectOption('1');
      await widget.getByLabel('Units per hidden layer').fill('5');
      await page.waitForFunction(() => {
        const e = document.querySelector('[data-summary="practice"]');
        return e?.getAttribute('data-units') === '32' && e.getAttribute('data-layers') === '1';
      });
      // 1 → 32 → 1: 32 weights and 32 biases in, 32 weights and a bias out.
      expect(await page.locator('[data-summary="practice"]').textContent()).toMatch(/^97 parameters: loss /);
      const shallow = Number((await data(page, 'practice'))['loss']);
      expect(shallow).toBeGreaterThan(0);
      // Two layers of 32 and more steps: 1 → 32 → 32 → 1 has 64 + 1056 + 33 parameters, and fits better.
      await widget.getByLabel('Hidden layers', { exact: true }).selectOption('2');
      await widget.getByLabel('Training steps').fill('600');
      await page.waitForFunction(() => {
        const e = document.querySelector('[data-summary="practice"]');
        return e?.getAttribute('data-layers') === '2' && e.textContent?.endsWith('after 600 steps.');
      });
      expect(await page.locator('[data-summary="practice"]').textContent()).toMatch(/^1153 parameters: loss /);
      expect(Number((await data(page, 'practice'))['loss'])).toBeLessThan(shallow);
      await essay.screenshot('practice', '[data-widget="practice"]');
      await finish(essay);
    }, 120_000);
  });
}
