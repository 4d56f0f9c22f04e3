// Step 11.1 on the shipped models (quick mode), and skipped without them.
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { renderSvg } from '@chatgpt-explained/viz';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import { repoFiles } from '../testing/repo-data';
import type { TourContext } from '../tour';
import { isBalanced } from './language';
import { PARENS_STEPS } from './tour-steps';

const base: EssayData = {
  corpus: () => Promise.reject(new Error('not used')),
  article: () => Promise.reject(new Error('not used')),
  letterFrequencies: () => Promise.reject(new Error('not used')),
};

let compute: ComputeContext;

beforeAll(async () => {
  tf.env().set('PROD', true);
  compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
});

describe('tour step 11.1', () => {
  it('is skipped when the app ships no parentheses models', async () => {
    const result = await PARENS_STEPS[0]!.run({ data: base, compute, quick: true });
    expect(result.lines).toEqual(['skipped: the app bundles no parentheses models']);
  });

  it('judges both shipped models on held-out prefixes and draws where they fail', { timeout: 60_000 }, async () => {
    const context: TourContext = {
      data: { ...base, parensModel: async (name) => repoFiles(`models/${name}`) },
      compute,
      quick: true,
    };
    const before = tf.memory().numTensors;
    const result = await PARENS_STEPS[0]!.run(context);
    expect(tf.memory().numTensors).toBe(before);
    const data = result.data as Array<{
      name: string;
      heldOut: { short: { prefixes: number; thresholdAccuracy: number } };
      next: Array<{ prefix: string; tokens: Array<{ text: string; probability: number }> }>;
    }>;
    expect(data.map((d) => d.name)).toEqual(['parens-1block', 'parens-2block']);
    const twoBlocks = data[1]!;
    expect(twoBlocks.heldOut.short.thresholdAccuracy).toBeGreaterThanOrEqual(0.95);
    // After the essay's unbalanced prefixes End is wrong; after a balanced one it is the likeliest.
    for (const n of twoBlocks.next) {
      const end = n.tokens[2]!.probability;
      if (isBalanced(n.prefix)) expect(end, n.prefix).toBeGreaterThan(0.5);
      else expect(end, n.prefix).toBeLessThan(0.05);
    }
    expect(result.lines[0]).toMatch(/^parens-1block \([\d,]+ parameters\): End > 0\.5 after balanced/);
    expect(result.figures!.map((f) => f.name)).toEqual([
      '11.1-parens-by-length',
      '11.1-parens-grid-parens-1block',
      '11.1-parens-grid-parens-2block',
      '11.1-parens-next-parens-1block',
      '11.1-parens-next-parens-2block',
    ]);
    for (const figure of result.figures!) expect(await renderSvg(figure.spec)).toContain('<svg');
  });
});
