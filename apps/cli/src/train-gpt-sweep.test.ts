// The GPT-from-scratch sweep (apps/cli/scripts/train-gpt-sweep.ts) in smoke mode, into a temporary
// folder: every output is written, the n-gram baselines and the models' numbers are sane, and each
// kept model loads back from its Hugging Face files and gives the bits per byte the sweep logged.
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitsPerByte, gpt2FromCheckpoint, joinDocuments, loadCheckpoint } from '@chatgpt-explained/gpt2';
import { directorySource } from '@chatgpt-explained/gpt2/node';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { readBooks, runSweep, type SweepResults } from '../scripts/train-gpt-sweep-core';
import { SMOKE_SETTINGS } from '../scripts/train-gpt-sweep-settings';
import { dataDir } from './data-dir';

tf.env().set('PROD', true);

describe('train-gpt-sweep --smoke', () => {
  const root = mkdtempSync(join(tmpdir(), 'gpt-sweep-'));
  const out = join(root, 'out');
  const data = dataDir();
  const settings = {
    ...SMOKE_SETTINGS,
    corpus: { ...SMOKE_SETTINGS.corpus, dir: join(data, 'corpus') },
    bpeDir: join(data, 'models/corpus-gpt2'),
  };
  let results: SweepResults;
  beforeAll(async () => {
    await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
    results = await runSweep(settings, { out, work: join(root, 'work'), command: 'test' });
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes every output', () => {
    for (const file of [
      'results.json',
      'results.md',
      'samples.md',
      'held-out-vs-tokens.svg',
      'training-loss.svg',
      'bpb-vs-size.svg',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as SweepResults;
    expect(json.runs.map((r) => r.run.name)).toEqual(['bytes-xs', 'bpe-xs']);
    expect(readFileSync(join(out, 'held-out-vs-tokens.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('logs every step and the held-out curve', () => {
    for (const r of results.runs) {
      expect(r.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(r.validation.map((v) => v.step)).toEqual([3, 6]);
      expect(r.validation[1]!.tokensSeen).toBe(6 * 4 * 32);
      expect(r.tokensPerSecond).toBeGreaterThan(0);
      expect(r.samples.map((s) => s.step)).toEqual([3, 6]);
    }
    // A nearly untrained byte model is close to knowing nothing: log2 257 bits per byte.
    expect(results.runs[0]!.heldOutBitsPerByteF32).toBeGreaterThan(7);
    expect(results.runs[0]!.heldOutBitsPerByteF32).toBeLessThan(Math.log2(257) + 0.1);
    for (const b of results.baselines) expect(b.bitsPerByte).toBeGreaterThan(1);
  });

  it('saves models in the Hugging Face layout that load back to the same bits per byte', async () => {
    for (const r of results.runs) {
      expect(r.savedAs).toBe(`models/${r.run.name}`);
      const dir = join(out, r.savedAs!);
      const merges = readFileSync(join(dir, 'merges.txt'), 'utf8').trim().split('\n');
      if (r.run.tokenizer === 'bytes') expect(merges).toEqual(['#version: 0.2']);
      else expect(merges.length).toBe(4096 - 256 - 1 + 1);
      const gpt = await gpt2FromCheckpoint(await loadCheckpoint(directorySource(dir)));
      expect(gpt.config.vocabSize).toBe(r.vocabSize);
      // The whole held-out text of the smoke split, as the sweep measures it (F32 there, F16 here).
      let bits = 0;
      let bytes = 0;

      for (const book of readBooks(settings.corpus)) {
        const n = new TextEncoder().encode(book.heldOut).length;
        const ids = joinDocuments([gpt.encoding.encode(book.heldOut)], gpt.encoding.eotToken);
        bits += (await bitsPerByte(gpt.model, ids, n, settings.evaluation)).bits;
        bytes += n;
      }
      expect(bits / bytes).toBeCloseTo(r.heldOutBitsPerByteF32, 2);
      gpt.dispose();
    }
  });
});
