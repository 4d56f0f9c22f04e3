// The section 12 tour steps: skipped without a model or word vectors, run in quick mode with a tiny
// random GPT-2 (byte tokens) on the bundled corpus, and with synthetic word vectors.
import { WordVectors, toWord2VecBinary } from '@chatgpt-explained/embeddings';
import { createGpt2Model, gpt2Config, gpt2FromModel, type Gpt2 } from '@chatgpt-explained/gpt2';
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { createEncoding, trainBpe } from '@chatgpt-explained/tokenizer';
import { renderSvg } from '@chatgpt-explained/viz';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import type { TourContext } from '../tour';
import type { WordVectorTable } from './analogies';
import { repoCorpus } from '../testing/repo-data';
import { MEANING_STEPS, QUICK_TRAJECTORY_STEPS, meaningSteps } from './tour-steps';

tf.env().set('PROD', true);

const data: EssayData = {
  corpus: async () => repoCorpus(),
  article: () => Promise.reject(new Error('not used')),
  letterFrequencies: () => Promise.reject(new Error('not used')),
};

/** Four pairs with one shared offset among 40 filler words, in 8 dimensions; "bytes" are ignored. */
function syntheticVectors(): WordVectorTable {
  const words: string[] = [];
  const rows: number[] = [];
  for (let i = 0; i < 40; i++) {
    words.push(`w${i}`);
    for (let k = 0; k < 8; k++) rows.push(Math.sin(7 * i + 3 * k) * 2);
  }
  for (const [i, [a, b]] of [
    ['man', 'woman'],
    ['king', 'queen'],
    ['he', 'she'],
    ['father', 'mother'],
  ].entries()) {
    words.push(a!, b!);
    const base = Array.from({ length: 8 }, (_, k) => Math.cos(5 * i + k) * 2);
    rows.push(...base, ...base.map((x, k) => x + (k === 0 ? 1.5 : 0)));
  }
  return { words, vectors: { data: Float32Array.from(rows), rows: words.length, cols: 8 } };
}

let compute: ComputeContext;
let gpt: Gpt2;

beforeAll(async () => {
  compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  const config = gpt2Config({
    vocabSize: 257,
    contextLength: 128,
    embedDim: 16,
    layers: 2,
    heads: 2,
    eosTokenId: 256,
    bosTokenId: 256,
  });
  gpt = gpt2FromModel(
    createGpt2Model(config).initialize({ seed: 2 }),
    createEncoding(await trainBpe('', { vocabSize: 257 })),
  );
  tf.tidy(() => gpt.model.forward(tf.tensor2d([[1, 2]], [1, 2], 'int32')).logits);
});
afterAll(() => gpt.dispose());

describe('section 12 tour steps', () => {
  const read: Uint8Array[] = [];
  const steps = meaningSteps((bytes) => {
    read.push(bytes);
    return syntheticVectors();
  });
  const step = (item: string) => steps.find((s) => s.item === item)!;

  it('implements 12.1–12.3', () => expect(steps.map((s) => s.item)).toEqual(['12.1', '12.2', '12.3']));

  it('skips 12.1 and 12.3 without a model and 12.2 without word vectors', async () => {
    const context: TourContext = { data, compute, quick: true };
    for (const s of steps) {
      const r = await s.run(context);
      expect(r.lines[0]).toMatch(/^skipped/);
      expect(r.figures).toBeUndefined();
    }
  });

  it('runs quick: 12.1 on "ball" only, 12.3 for a few steps, 12.2 on the vectors the reader returns', async () => {
    const bytes = Uint8Array.of(1, 2, 3);
    const context: TourContext = {
      data: { ...data, wordVectors: async () => bytes },
      compute,
      quick: true,
      gpt2: async () => gpt,
    };
    const before = tf.memory().numTensors;
    const senses = await step('12.1').run(context);
    expect((senses.data as { word: string }[]).map((d) => d.word)).toEqual(['ball']);
    expect(senses.lines[0]).toMatch(/^"ball": 80 occurrences \(dance 50, round object 30\)/);
    const path = await step('12.3').run(context);
    expect((path.data as { path: unknown[] }).path.length).toBeLessThanOrEqual(QUICK_TRAJECTORY_STEPS + 1);
    const analogies = await step('12.2').run(context);
    expect(read).toEqual([bytes]);
    expect(analogies.lines[2]).toBe('man → woman as 3CosAdd: king → queen, he → she, father → mother');
    expect(tf.memory().numTensors).toBe(before);
    for (const r of [senses, path, analogies]) {
      // JSON data (no typed arrays of states), and figures that render.
      expect(JSON.parse(JSON.stringify(r.data))).toEqual(r.data);
      for (const f of r.figures ?? []) expect(await renderSvg(f.spec)).toMatch(/^<svg/);
    }
  });

  it("MEANING_STEPS reads the word vectors in word2vec's binary format", async () => {
    const table = syntheticVectors();
    const bytes = toWord2VecBinary(new WordVectors(table.words, table.vectors.data, table.vectors.cols));
    const context: TourContext = { data: { ...data, wordVectors: async () => bytes }, compute, quick: true };
    const r = await MEANING_STEPS.find((s) => s.item === '12.2')!.run(context);
    expect(r.lines[2]).toBe('man → woman as 3CosAdd: king → queen, he → she, father → mother');
  });
});
