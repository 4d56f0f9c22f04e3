/**
 * Training on the wasm backend (the fast CPU backend apps use): the same MLP fit as on cpu, with
 * cross-entropy on a classification set as well, leaking nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, dense, initBackend, relu, sequential } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tensorDataset } from './dataset';
import { evaluate } from './evaluate';
import { adam, adamw } from './optimizers/adam';
import { mlp, sineData } from './testing/models';
import { train } from './train';

tf.env().set('PROD', true);
beforeAll(async () => {
  const ctx = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
  expect(ctx.backend).toBe('wasm');
});

describe('training on wasm', () => {
  it('fits the sine regression below 0.01', async () => {
    const { dataset } = sineData(64);
    const model = mlp(16).initialize({ seed: 1 });
    const before = tf.memory().numTensors;
    const optimizer = adam({ learningRate: 0.02 });
    const result = await train(model, dataset, { loss: 'l2', optimizer, batchSize: 16, epochs: 100, clipNorm: 5 });
    expect(result.losses[0]).toBeGreaterThan(0.3);
    expect(await evaluate(model, dataset, { loss: 'l2' })).toBeLessThan(0.01);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('learns three classes of points in the plane with cross-entropy (accuracy 100%)', async () => {
    // Class = which of three sectors around the origin a point lies in.
    const n = 90;
    const xs = new Float32Array(n * 2);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const angle = (2 * Math.PI * (i + 0.5)) / n;
      const radius = 0.5 + (i % 3) * 0.25;
      xs[2 * i] = radius * Math.cos(angle);
      xs[2 * i + 1] = radius * Math.sin(angle);
      labels[i] = Math.floor((3 * i) / n);
    }
    const data = tensorDataset({ data: xs, shape: [n, 2] }, { data: labels, shape: [n] });
    const model = sequential([
      dense({ inputs: 2, units: 16, activation: 'tanh' }),
      relu(),
      dense({ inputs: 16, units: 3 }),
    ]);
    model.initialize({ seed: 2 });
    const optimizer = adamw({ learningRate: 0.03 });
    const result = await train(model, data, { loss: 'crossEntropy', optimizer, batchSize: 30, epochs: 100, seed: 1 });
    expect(result.losses.at(-1)!).toBeLessThan(result.losses[0]! / 4);
    const logits = model.apply(tf.tensor2d(xs, [n, 2]));
    const predicted = tf.argMax(logits, 1);
    expect(Array.from(await predicted.data())).toEqual(Array.from(labels));
    tf.dispose([logits, predicted]);
    optimizer.dispose();
    model.dispose();
  });
});
