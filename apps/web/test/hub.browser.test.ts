/**
 * Real GPT-2 from the Hugging Face Hub, in real headless Chromium, with a local HTTP server on
 * 127.0.0.1 standing in for the Hub (`?hub=`). It serves a tiny GPT-2 made from the float64-checked
 * fixture packages/gpt2/test/fixtures/f32-lmhead, widened to a 256-token byte vocabulary (extra
 * embedding rows zero, so their logits are exactly 0) with a vocab.json that maps printable ASCII to
 * the fixture's token ids. Checks: nothing is asked of the Hub before the click; the progress reaches
 * 100% and the model's next-token probabilities match the fixture's numpy reference (within 1e-4); a
 * reload (same browser profile) loads it from Cache Storage with no request to the Hub; a cancelled
 * download leaves nothing in the cache.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  checkpointFiles,
  gpt2Config,
  loadCheckpoint,
  memorySource,
  type CheckpointWeight,
} from '@chatgpt-explained/gpt2';
import { BYTE_TO_UNICODE } from '@chatgpt-explained/tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSite } from './browser-context';
import { findChromium } from './chromium';
import { openEssay, type EssayPage } from './essay-page';

const chromium = findChromium();
const fixtureDir = join(import.meta.dirname, '../../../packages/gpt2/test/fixtures/f32-lmhead');
const MODEL_ID = 'openai-community/gpt2';
const VOCAB = 256;
/** Printable ASCII (0x20…0x7e) has ids 0…94; the other bytes follow. */
const BYTE_OF_ID = [
  ...Array.from({ length: 95 }, (_, i) => i + 32),
  ...Array.from({ length: 256 }, (_, b) => b).filter((b) => b < 32 || b > 126),
];

interface Expected {
  cases: { name: string; ids: number[]; logits: { offset: number; shape: number[] } }[];
}

/** The Hub's files for the widened fixture, and the reference distributions of its cases. */
async function makeHubModel(): Promise<{
  files: Record<string, Uint8Array>;
  cases: { prompt: string; probs: number[] }[];
}> {
  const checkpoint = await loadCheckpoint(
    memorySource({
      'config.json': readFileSync(join(fixtureDir, 'config.json')),
      'model.safetensors': readFileSync(join(fixtureDir, 'model.safetensors')),
    }),
    { tokenizer: false },
  );
  const config = gpt2Config({ ...checkpoint.config, vocabSize: VOCAB });
  const weights: Record<string, CheckpointWeight> = {};
  for (const [name, tensor] of checkpoint.tensors) {
    if (name === 'wte.weight') {
      const data = new Float32Array(VOCAB * config.embedDim);
      data.set(tensor.toFloat32());
      weights[name] = { shape: [VOCAB, config.embedDim], data };
    } else {
      weights[name] = { shape: tensor.shape, data: tensor.toFloat32() };
    }
  }
  const vocab = Object.fromEntries(BYTE_OF_ID.map((byte, id) => [BYTE_TO_UNICODE[byte]!, id]));
  const files = checkpointFiles({ config, weights, vocab: JSON.stringify(vocab), merges: '#version: 0.2\n' });

  // Reference: the fixture's float64 logits of the last position, 160 zero logits appended, softmax.
  const expected = JSON.parse(readFileSync(join(fixtureDir, 'expected.json'), 'utf8')) as Expected;
  const blob = readFileSync(join(fixtureDir, 'expected.bin'));
  const data = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const cases = expected.cases
    .filter((c) => c.ids.every((id) => id < 95) && c.ids.length <= config.contextLength)
    .map((c) => {
      const [rows, width] = c.logits.shape.length === 2 ? c.logits.shape : [1, c.logits.shape[0]!];
      const start = c.logits.offset + 8 * (rows! - 1) * width!;
      const logits = Array.from({ length: VOCAB }, (_, i) => (i < width! ? data.getFloat64(start + 8 * i, true) : 0));
      const max = Math.max(...logits);
      const exps = logits.map((l) => Math.exp(l - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      return { prompt: String.fromCharCode(...c.ids.map((id) => BYTE_OF_ID[id]!)), probs: exps.map((e) => e / sum) };
    });
  return { files, cases };
}

/**
 * The stand-in Hub: serves the files at /<id>/resolve/main/<file> with CORS; can stall the weights'
 * download halfway (`stall`) or drop the connection there (`cut`).
 */
async function serveHub(files: Record<string, Uint8Array>): Promise<{
  url: string;
  requests: string[];
  stall: { on: boolean };
  cut: { on: boolean };
  close(): Promise<void>;
}> {
  const requests: string[] = [];
  const stall = { on: false };
  const cut = { on: false };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(path);
    const prefix = `/${MODEL_ID}/resolve/main/`;
    const body = path.startsWith(prefix) ? files[path.slice(prefix.length)] : undefined;
    const cors = { 'access-control-allow-origin': '*' };
    if (!body) {
      res.writeHead(404, cors).end('not found');
      return;
    }
    res.writeHead(200, { ...cors, 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    if (stall.on && path.endsWith('model.safetensors')) {
      res.write(body.subarray(0, body.length >> 1)); // half, then nothing until the client gives up
      return;
    }
    if (cut.on && path.endsWith('model.safetensors')) {
      res.write(body.subarray(0, body.length >> 1), () => res.destroy()); // the connection drops halfway
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stall,
    cut,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The keys of the page's Hub cache. */
function cachedUrls(essay: EssayPage): Promise<string[]> {
  return essay.page.evaluate(async () => {
    const cache = await caches.open('chatgpt-explained-hub-v1');
    return (await cache.keys()).map((r) => r.url);
  });
}

if ('missing' in chromium) {
  console.warn(`browser tests SKIPPED: ${chromium.missing}`);
  describe.skip(`real GPT-2 from the Hub in Chromium (skipped: ${chromium.missing})`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  describe(`real GPT-2 from the Hub in Chromium (${chromium.path})`, () => {
    const site = useSite(chromium.path);
    let hub: Awaited<ReturnType<typeof serveHub>>;
    let cases: { prompt: string; probs: number[] }[];
    beforeAll(async () => {
      const made = await makeHubModel();
      cases = made.cases;
      hub = await serveHub(made.files);
    });
    afterAll(async () => hub?.close());

    /** Opens the page with the Hub at the stand-in, the widget in view and its storage check done. */
    async function open(): Promise<EssayPage> {
      const essay = await openEssay(site.context, site.url, `?backend=wasm&hub=${encodeURIComponent(hub.url)}`);
      expect(await essay.backend()).toBe('wasm');
      await essay.page.locator('[data-widget="real-gpt2"]').scrollIntoViewIfNeeded();
      await essay.page.waitForSelector('[data-widget="real-gpt2"][data-stored]');
      return essay;
    }
    const notHub = (urls: string[]): string[] => urls.filter((u) => !u.startsWith(hub.url));

    it('a cancelled or failed download stores nothing', async () => {
      const essay = await open();
      expect(hub.requests).toEqual([]); // nothing before the click
      hub.stall.on = true;
      const widget = essay.page.locator('[data-widget="real-gpt2"]');
      await widget.getByRole('button', { name: /^Download GPT-2 \(124M\) from 127\.0\.0\.1/ }).click();
      await essay.page.waitForFunction(() =>
        /^downloading model\.safetensors: /.test(
          document.querySelector('[data-status="real-gpt2"]')?.textContent ?? '',
        ),
      );
      await widget.getByRole('button', { name: 'Cancel' }).click();
      await essay.page.waitForFunction(
        () =>
          document.querySelector('[data-status="real-gpt2"]')?.textContent ===
          'Download cancelled; nothing was stored.',
      );
      hub.stall.on = false;
      expect(hub.requests.some((p) => p.endsWith('/model.safetensors'))).toBe(true);
      expect(await cachedUrls(essay)).toEqual([]);

      // A download that fails halfway (the connection drops) stores nothing either, and says so.
      hub.cut.on = true;
      await widget.getByRole('button', { name: /^Download GPT-2 \(124M\) from 127\.0\.0\.1/ }).click();
      await essay.page.waitForSelector('[data-status="real-gpt2"][data-state="error"]');
      hub.cut.on = false;
      expect(await widget.locator('[data-status="real-gpt2"]').textContent()).toMatch(
        /model\.safetensors|network|fetch/i,
      );
      expect(await cachedUrls(essay)).toEqual([]);
      expect(essay.errors).toEqual([]);
      expect(notHub(essay.offHost)).toEqual([]);
      await essay.close();
    }, 120_000);

    it('downloads on the click with progress to 100%; probabilities match the reference; a reload uses the cache; Delete empties it and frees the model', async () => {
      expect(cases.length).toBeGreaterThan(0);
      let essay = await open();
      const before = hub.requests.length;
      expect(essay.offHost).toEqual([]); // nothing from the Hub (or anywhere) before the click
      let widget = essay.page.locator('[data-widget="real-gpt2"]');
      await widget.getByRole('button', { name: /^Download GPT-2 \(124M\) from 127\.0\.0\.1/ }).click();
      await essay.page.waitForSelector('[data-widget="real-gpt2"][data-loaded="true"]', { timeout: 90_000 });
      expect(hub.requests.length - before).toBe(4);
      expect(await widget.getAttribute('data-downloaded')).toBe(await widget.getAttribute('data-total'));
      expect(await widget.locator('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(1);
      expect(await widget.getByLabel('GPT used by the GPT widgets on this page').inputValue()).toBe('hub');
      for (const c of cases) {
        await widget.getByLabel('Prompt for GPT-2').fill(c.prompt);
        await essay.page.waitForFunction(
          (n) => document.querySelector('[data-status="real-gpt2"]')?.textContent === `${n} prompt tokens`,
          c.prompt.length,
        );
        const rows = await widget
          .locator('[data-table="real-gpt2"] tr[data-token-id]')
          .evaluateAll((trs) =>
            trs.map((tr) => [Number(tr.getAttribute('data-token-id')), Number(tr.getAttribute('data-probability'))]),
          );
        expect(rows).toHaveLength(10);
        const best = c.probs.map((p, id) => [id, p] as const).sort((a, b) => b[1] - a[1]);
        expect(rows[0]![0]).toBe(best[0]![0]);
        for (const [id, p] of rows) expect(Math.abs(p! - c.probs[id!]!)).toBeLessThan(1e-4);
      }
      expect((await cachedUrls(essay)).length).toBe(5);
      await essay.screenshot('real-gpt2', '[data-widget="real-gpt2"]');
      // Back to the bundled model.
      await widget.getByLabel('GPT used by the GPT widgets on this page').selectOption('bundled');
      expect(essay.errors).toEqual([]);
      expect(notHub(essay.offHost)).toEqual([]);
      await essay.close();

      // A reload: the stored copy, no request to the Hub.
      const afterDownload = hub.requests.length;
      essay = await open();
      widget = essay.page.locator('[data-widget="real-gpt2"]');
      await widget.getByRole('button', { name: 'Load GPT-2 (124M), stored in this browser' }).click();
      await essay.page.waitForSelector('[data-widget="real-gpt2"][data-loaded="true"]', { timeout: 90_000 });
      expect(await widget.locator('[data-summary="real-gpt2"]').textContent()).toContain('from this browser’s storage');
      expect(hub.requests.length).toBe(afterDownload);
      // Deleting the stored copy empties the cache, frees the loaded model and puts the widgets back
      // on the bundled one.
      await widget.getByRole('button', { name: 'Delete the stored copy' }).click();
      await essay.page.waitForFunction(
        () =>
          document.querySelector('[data-status="real-gpt2"]')?.textContent ===
          'The stored copy is deleted and the loaded model freed from memory.',
      );
      expect(await cachedUrls(essay)).toEqual([]);
      expect(await widget.getByLabel('GPT used by the GPT widgets on this page').inputValue()).toBe('bundled');
      expect(await widget.getByRole('button', { name: /^Download GPT-2 \(124M\)/ }).isVisible()).toBe(true);
      expect(hub.requests.length).toBe(afterDownload);
      expect(essay.offHost).toEqual([]);
      expect(essay.errors).toEqual([]);
      await essay.close();
    }, 150_000);
  });
}
