// The digit tour steps 4.1 and 8.2 in quick mode on wasm, with the shipped net and MNIST test files
// read as the CLI reads them; skipped without them.
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { renderSvg } from '@chatgpt-explained/viz';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import type { TourProgress } from '../tour';
import { DIGIT_STEPS } from './tour-steps';
import { repoData } from '../testing/repo-data';

const bytes = repoData;
const data = {
  digitFiles: async (split: 'train' | 'test') => {
    const prefix = split === 'train' ? 'train' : 't10k';
    return {
      images: bytes(`mnist/${prefix}-images-idx3-ubyte.gz`),
      labels: bytes(`mnist/${prefix}-labels-idx1-ubyte.gz`),
    };
  },
  digitNetWeights: async () => bytes('models/digits-lenet/model.safetensors'),
} as unknown as EssayData;

let compute: ComputeContext;
beforeAll(async () => {
  tf.env().set('PROD', true);
  compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
});

describe('DIGIT_STEPS', () => {
  it('implements 4.1 and 8.2 and skips them without digit data', async () => {
    expect(DIGIT_STEPS.map((s) => s.item)).toEqual(['4.1', '8.2']);
    for (const step of DIGIT_STEPS) {
      const out = await step.run({ compute, quick: true, data: {} as EssayData });
      expect(out.data).toEqual({ skipped: 'no digit data' });
    }
  });

  it('4.1 quick: the 2 at five blur widths, two figures, no tensors left', async () => {
    const before = tf.memory().numTensors;
    const out = await DIGIT_STEPS[0]!.run({ compute, quick: true, data });
    expect(tf.memory().numTensors).toBe(before);
    const result = out.data as { label: number; steps: { sigma: number; predicted: number }[] };
    expect(result.label).toBe(2);
    expect(result.steps.map((s) => s.sigma)).toEqual([0, 1, 2, 3, 4]);
    expect(result.steps[0]!.predicted).toBe(2);
    expect(out.lines[0]).toMatch(/^a 2 \(test image 1\) blurred: σ 0 → 2 \(/);
    expect(out.figures?.map((f) => f.name)).toEqual(['4.1-blurred-digit', '4.1-blur-probability']);
    for (const f of out.figures!) expect(await renderSvg(f.spec)).toMatch(/^<svg/);
  });

  it('8.2 quick: outputs for the 4 and four layouts of 200 images, with progress', { timeout: 120_000 }, async () => {
    const before = tf.memory().numTensors;
    const progress: TourProgress[] = [];
    const out = await DIGIT_STEPS[1]!.run({ compute, quick: true, data, onProgress: (p) => progress.push(p) });
    expect(tf.memory().numTensors).toBe(before);
    const result = out.data as {
      outputs: { label: number; predicted: number; probabilities: number[]; logits: number[] };
      embedding: { count: number; layouts: { method: string; dimensions: number }[] };
    };
    expect(result.outputs).toMatchObject({ label: 4, predicted: 4 });
    // softmax of the logits, in float64
    const max = Math.max(...result.outputs.logits);
    const exp = result.outputs.logits.map((z) => Math.exp(z - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    exp.forEach((e, d) => expect(result.outputs.probabilities[d]).toBeCloseTo(e / sum, 6));
    expect(result.embedding.count).toBe(200);
    expect(out.figures?.map((f) => f.name)).toEqual([
      '8.2-digit-probabilities',
      '8.2-digit-logits',
      '8.2-digit-pca-2d',
      '8.2-digit-pca-3d',
      '8.2-digit-umap-2d',
      '8.2-digit-umap-3d',
    ]);
    expect(progress.every((p) => p.item === '8.2')).toBe(true);
    expect(progress.at(-1)?.fraction).toBeCloseTo(1, 9);
  });
});
