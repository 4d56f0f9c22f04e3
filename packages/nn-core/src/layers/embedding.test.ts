import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkGradients } from '../test/grad-check';
import { describeOnBackends } from '../../test/layer-backends';
import { refEmbedding } from '../test/reference-layers';
import { randomValues } from '../test/reference-ops';
import { thrown } from '../test/thrown';
import { embedding, type EmbeddingOptions } from './embedding';
import { sequential } from './sequential';

tf.env().set('PROD', true);

describeOnBackends('embedding forward', () => {
  it.each([
    ['[B, T]', [1, 4, 4, 0, 9, 2], [2, 3]],
    ['[T]', [3, 0, 9], [3]],
    ['[2, 2, 2]', [0, 1, 2, 3, 4, 5, 6, 7], [2, 2, 2]],
  ] as const)('looks up rows exactly for ids of shape %s', async (_name, ids, shape) => {
    const layer = embedding({ vocabSize: 10, dim: 3 }).initialize();
    const table = randomValues(30, 1);
    layer.setWeights({ weight: table });
    const before = tf.memory().numTensors;
    const x = tf.tensor(ids, [...shape], 'int32');
    const y = layer.apply(x);
    expect(y.shape).toEqual([...shape, 3]);
    // A lookup copies float32 values: exact.
    expect(Array.from(await y.data())).toEqual(Array.from(refEmbedding(ids, table, 3)));
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
    layer.dispose();
  });

  it('refuses ids outside [0, vocabSize) with INVALID_ARGUMENT naming the id and the layer path', () => {
    const model = sequential({ wte: embedding({ vocabSize: 10, dim: 2 }) }).initialize();
    const before = tf.memory().numTensors;
    for (const [bad, index] of [
      [10, 2],
      [-1, 1],
    ] as const) {
      const ids = index === 2 ? [0, 3, bad] : [0, bad, 5];
      const x = tf.tensor1d(ids, 'int32');
      const error = thrown(() => model.apply(x));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.argument).toBe('ids');
      expect(error.value).toBe(bad);
      expect(error.message).toBe(`Embedding "wte": id ${bad} at flat index ${index} is outside [0, 10)`);
      x.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('refuses float ids with SHAPE_MISMATCH', () => {
    const layer = embedding({ vocabSize: 10, dim: 2 });
    const x = tf.tensor1d([1, 2]);
    const error = thrown(() => layer.apply(x));
    expect(error.code).toBe('SHAPE_MISMATCH');
    expect(error.argument).toBe('ids');
    expect(error.value).toBe('float32');
    x.dispose();
    layer.dispose();
  });
});

describeOnBackends(
  'embedding gradients',
  () => {
    it('reach weight: repeated ids add up, unused rows get 0, matching float64 central differences', async () => {
      const [vocab, dim] = [7, 4];
      const ids = [1, 4, 4, 0, 4, 6];
      const layer = embedding({ vocabSize: vocab, dim }).initialize();
      const weights = { weight: randomValues(vocab * dim, 2) };
      const x = tf.tensor2d(ids, [2, 3], 'int32');
      const before = tf.memory().numTensors;
      const check = await checkGradients(layer, x, weights, (w) => refEmbedding(ids, w['weight']!, dim), {
        perWeight: 28,
      });
      expect(tf.memory().numTensors).toBe(before);
      expect(check.missing).toEqual([]);
      expect(check.entries.length).toBe(28);
      expect(check.worst).toBeLessThanOrEqual(1e-6);
      // Rows 2, 3, 5 are never looked up; row 4 three times.
      for (const e of check.entries) if ([2, 3, 5].includes(Math.floor(e.index / dim))) expect(e.analytic).toBe(0);
      expect(check.largest).toBeGreaterThan(0.5);
      x.dispose();
      layer.dispose();
    });
  },
  ['cpu'],
);

describe('embedding options', () => {
  it('declares weight [vocab, dim], initialised normal with std 0.02 by default', () => {
    const layer = embedding({ vocabSize: 500, dim: 40 }).initialize({ seed: 1 });
    expect(layer.parameterCount()).toBe(20_000);
    const values = Array.from(layer.weight('weight').dataSync());
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    // 20,000 samples: the sample std is within 2% of 0.02 with overwhelming probability.
    expect(Math.abs(std - 0.02)).toBeLessThan(0.0004);
    expect(Math.abs(mean)).toBeLessThan(0.001);
    layer.dispose();
  });

  it.each([
    ['vocabSize', { vocabSize: 0, dim: 2 }, 0],
    ['dim', { vocabSize: 2, dim: -1 }, -1],
    ['init', { vocabSize: 2, dim: 2, init: { normal: -1 } }, { normal: -1 }],
    ['size', { vocabSize: 2, dim: 2, size: 3 }, 3],
  ] as const)('refuses a bad %s', (argument, options, value) => {
    const error = thrown(() => embedding(options as unknown as EmbeddingOptions).initialize());
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
  });
});
