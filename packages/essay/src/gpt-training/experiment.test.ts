// Essay 10.1 on wasm: a tiny byte-level GPT really learns (its loss falls and its held-out bits per
// byte drop far below the 8.006 of knowing nothing), leaves no tensors behind, reports progress,
// stops on abort, and the tour step runs in quick mode.
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import { EssayError } from '../errors';
import { repoCorpus } from '../testing/repo-data';
import { gptTrainingExperiment, type GptTrainingResult } from './experiment';
import { GPT_TRAINING_STEPS, QUICK_GPT_TRAINING } from './tour-steps';

tf.env().set('PROD', true);

const corpus = repoCorpus();
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('gptTrainingExperiment (essay 10.1)', () => {
  let compute: ComputeContext;
  let r: GptTrainingResult;
  let leaked: number;
  const steps: number[] = [];
  beforeAll(async () => {
    compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
    const before = tf.memory().numTensors;
    r = await gptTrainingExperiment(compute, corpus, {
      ...QUICK_GPT_TRAINING,
      steps: 60,
      evaluations: 3,
      samples: 2,
      onProgress: (p) => steps.push(p.step),
    });
    leaked = tf.memory().numTensors - before;
  }, 120_000);

  it('leaves no tensors behind', () => {
    expect(leaked).toBe(0);
  });

  it('reports every step', () => {
    expect(steps).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(r.losses).toHaveLength(60);
  });

  it('starts near ln 257 nats per byte and learns', () => {
    // A fresh GPT-2 (small initial weights) is close to uniform over the 257 ids.
    expect(r.losses[0]).toBeGreaterThan(Math.log(257) - 0.3);
    expect(mean(r.losses.slice(-10))).toBeLessThan(r.losses[0]! - 1.5);
    expect(r.validation.map((v) => v.step)).toEqual([20, 40, 60]);
    expect(r.validation[2]!.bitsPerByte).toBeLessThan(r.validation[0]!.bitsPerByte);
    expect(r.heldOutBitsPerByte).toBeLessThan(r.uniformBitsPerByte - 2);
    expect(r.uniformBitsPerByte).toBeCloseTo(8.0056245, 6);
  });

  it('measures tokens seen, speed, samples and the n-gram', () => {
    expect(r.validation[0]!.tokensSeen).toBe(20 * 8 * 32);
    expect(r.tokensPerSecond).toBeGreaterThan(0);
    expect(r.samples.map((s) => s.step)).toEqual([40, 60]);
    for (const s of r.samples) expect(new TextEncoder().encode(s.text).length).toBeGreaterThan(0);
    // A character 3-gram on 72 kB of English: between 2 and 4 bits per byte.
    expect(r.ngram.bitsPerByte).toBeGreaterThan(2);
    expect(r.ngram.bitsPerByte).toBeLessThan(4);
    expect(r.figures.map((f) => f.name)).toEqual(['10.1-loss-curve']);
  });

  it('stops on abort, with no tensors left', async () => {
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const run = gptTrainingExperiment(compute, corpus, {
      ...QUICK_GPT_TRAINING,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step === 3) controller.abort(new Error('stop here'));
      },
    });
    await expect(run).rejects.toThrow('stop here');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad options, naming them', async () => {
    await expect(gptTrainingExperiment(compute, corpus, { heads: 3, embedDim: 32 })).rejects.toMatchObject({
      argument: 'heads',
    });
    await expect(gptTrainingExperiment(compute, [], {})).rejects.toBeInstanceOf(EssayError);
  });

  it('runs as the quick tour step', async () => {
    const step = GPT_TRAINING_STEPS.find((s) => s.item === '10.1')!;
    const out = await step.run({ compute, quick: true, data: { corpus: async () => corpus } as unknown as EssayData });
    expect(out.lines.join('\n')).toMatch(/held-out bits per byte/);
    expect(out.figures?.map((f) => f.name)).toEqual(['10.1-loss-curve']);
  }, 60_000);
});
