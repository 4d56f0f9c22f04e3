/**
 * Essay 11.1 and 10.1 in real headless Chromium: the parentheses model's next-token probabilities
 * for a prefix the reader types (checked against the essay package's own functions run here in Node
 * on the cpu backend, from the same shipped files), and the GPT training widget (the shipped model's
 * loss curve, and a live tiny run whose loss goes down).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadParensModel, parensNext } from '@chatgpt-explained/essay';
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSite } from './browser-context';
import { findChromium } from './chromium';
import { openEssay, waitForFigure } from './essay-page';

const chromium = findChromium();
const modelsDir = join(import.meta.dirname, '../../../data/models');

/** The probabilities of ( ) End after `prefix`, computed in Node with the essay package on cpu. */
async function reference(compute: ComputeContext, model: string, prefix: string): Promise<number[]> {
  const files = {
    'config.json': readFileSync(join(modelsDir, model, 'config.json')),
    'model.safetensors': readFileSync(join(modelsDir, model, 'model.safetensors')),
  };
  const gpt = await loadParensModel(compute, files);
  try {
    return (await parensNext(compute, gpt, prefix)).tokens.map((t) => t.probability);
  } finally {
    gpt.dispose();
  }
}

if ('missing' in chromium) {
  console.warn(`browser tests SKIPPED: ${chromium.missing}`);
  describe.skip(`parens and GPT training widgets in Chromium (skipped: ${chromium.missing})`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  describe(`parens and GPT training widgets in Chromium (${chromium.path})`, () => {
    const site = useSite(chromium.path);
    let compute: ComputeContext;
    beforeAll(async () => {
      compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
    });

    it('parens: End is unlikely after an open prefix, likely after a balanced one; values match Node', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      expect(await essay.backend()).toBe('wasm');
      const widget = essay.page.locator('[data-widget="parens"]');
      await widget.scrollIntoViewIfNeeded();
      await waitForFigure(essay.page, 'parens');
      const shown = async (prefix: string): Promise<number[]> => {
        await essay.page.waitForFunction(
          (p) => document.querySelector('[data-status="parens"]')?.textContent === `after "${p}"`,
          prefix,
        );
        return widget
          .locator('[data-table="parens"] tr')
          .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-probability'))));
      };
      // The default prefix, typed by the widget itself: ((()()(
      let got = await shown('((()()(');
      expect(got[2]).toBeLessThan(0.05);
      expect(got).toHaveLength(3);
      for (const [i, p] of (await reference(compute, 'parens-2block', '((()()(')).entries()) {
        expect(Math.abs(got[i]! - p)).toBeLessThan(1e-4);
      }
      // Typed with the keyboard, then finished with the buttons: (()())
      const field = widget.getByLabel('Parentheses typed so far (only ( and ))');
      await field.fill('(()(');
      await widget.getByRole('button', { name: 'Append )' }).click();
      await widget.getByRole('button', { name: 'Append )' }).click();
      got = await shown('(()())');
      expect(got[2]).toBeGreaterThan(0.5);
      for (const [i, p] of (await reference(compute, 'parens-2block', '(()())')).entries()) {
        expect(Math.abs(got[i]! - p)).toBeLessThan(1e-4);
      }
      // The one-block model on the same prefix.
      await widget.getByLabel('Model').selectOption('parens-1block');
      await essay.page.waitForFunction(() =>
        document.querySelector('[data-figure="parens"] svg')?.textContent?.includes('parens-1block'),
      );
      got = await shown('(()())');
      for (const [i, p] of (await reference(compute, 'parens-1block', '(()())')).entries()) {
        expect(Math.abs(got[i]! - p)).toBeLessThan(1e-4);
      }
      await essay.screenshot('parens', '[data-widget="parens"]');
      expect(essay.errors).toEqual([]);
      expect(essay.offHost).toEqual([]);
      await essay.close();
    }, 120_000);

    it('GPT training: the shipped curve renders; a live run’s loss goes down; Stop stops it', async () => {
      const log = JSON.parse(readFileSync(join(modelsDir, 'corpus-gpt2/loss-log.json'), 'utf8')) as {
        steps: { loss: number }[];
        final: { heldOutBitsPerByte: number };
      };
      const essay = await openEssay(site.context, site.url, '?backend=wasm');
      expect(await essay.backend()).toBe('wasm');
      const widget = essay.page.locator('[data-widget="gpt-training"]');
      await widget.scrollIntoViewIfNeeded();
      await waitForFigure(essay.page, 'gpt-training-shipped');
      const shipped = (await widget.locator('[data-summary="gpt-training-shipped"]').textContent()) ?? '';
      expect(shipped).toContain(`${log.steps.length.toLocaleString('en-US')} steps`);
      expect(shipped).toContain(`loss from ${log.steps[0]!.loss.toFixed(2)} to ${log.steps.at(-1)!.loss.toFixed(2)}`);
      expect(shipped).toContain(`${log.final.heldOutBitsPerByte.toFixed(3)} bits per byte`);
      expect(await widget.locator('[data-figure="gpt-training-shipped"] svg path').count()).toBeGreaterThan(0);

      // A short live run, to the end.
      await widget.getByLabel('Training steps').fill('40');
      await widget.getByRole('button', { name: 'Start training' }).click();
      await essay.page.waitForFunction(
        () => document.querySelector('[data-status="gpt-training-live"]')?.textContent === 'done',
        null,
        { timeout: 100_000 },
      );
      await waitForFigure(essay.page, 'gpt-training-live');
      const losses = JSON.parse(
        (await widget.locator('[data-summary="gpt-training-live"]').getAttribute('data-losses')) ?? '[]',
      ) as number[];
      expect(losses).toHaveLength(40);
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      // Untrained, every byte is a guess among 257: ln 257 = 5.55 nats. Training brings it well down.
      expect(Math.abs(mean(losses.slice(0, 2)) - Math.log(257))).toBeLessThan(0.5);
      expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 1);
      await essay.screenshot('gpt-training', '[data-widget="gpt-training"]');

      // A long run, stopped early.
      await widget.getByLabel('Training steps').fill('400');
      await widget.getByRole('button', { name: 'Start training' }).click();
      await essay.page.waitForFunction(
        () =>
          /^step ([3-9]|\d\d+) of 400/.test(
            document.querySelector('[data-status="gpt-training-live"]')?.textContent ?? '',
          ),
        null,
        { timeout: 60_000 },
      );
      await widget.getByRole('button', { name: 'Stop' }).click();
      await essay.page.waitForFunction(() =>
        document.querySelector('[data-status="gpt-training-live"]')?.textContent?.startsWith('stopped after'),
      );
      expect(await widget.getByRole('button', { name: 'Start training' }).isEnabled()).toBe(true);
      expect(essay.errors).toEqual([]);
      expect(essay.offHost).toEqual([]);
      await essay.close();
    }, 150_000);

    it('the three widgets fit a phone-sized screen (375 px)', async () => {
      const essay = await openEssay(site.context, site.url, '?backend=wasm', { width: 375, height: 800 });
      await essay.backend();
      for (const name of ['gpt-training', 'parens', 'real-gpt2']) {
        const widget = essay.page.locator(`[data-widget="${name}"]`);
        await widget.scrollIntoViewIfNeeded();
        if (name === 'parens') await waitForFigure(essay.page, 'parens');
        if (name === 'gpt-training') await waitForFigure(essay.page, 'gpt-training-shipped');
        const [scroll, client] = await widget.evaluate((el) => [el.scrollWidth, el.clientWidth]);
        expect(scroll, name).toBeLessThanOrEqual(client);
        await essay.screenshot(`${name}-375px`, `[data-widget="${name}"]`);
      }
      expect(await essay.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(essay.errors).toEqual([]);
      expect(essay.offHost).toEqual([]);
      await essay.close();
    }, 120_000);
  });
}
