import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuBackend } from '../backends/cpu';
import { createBackendRegistry } from '../backend/registry';
import { initBackend } from '../backend/select';
import { runWithCapture } from '../model/capture';
import { dense } from './dense';
import { Activation, relu } from './activation';
import { sequential } from './sequential';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

describe('dense + sequential', () => {
  it('computes x·W + b with ReLU, names weights, counts parameters, captures, does not leak', async () => {
    const model = sequential({
      hidden: dense({ inputs: 2, units: 3 }),
      act: relu(),
      out: dense({ inputs: 3, units: 1 }),
    });
    model.initialize({ seed: 1 });
    expect(model.namedWeights().map((w) => w.name)).toEqual(['hidden.weight', 'hidden.bias', 'out.weight', 'out.bias']);
    expect(model.parameterCount()).toBe(2 * 3 + 3 + 3 + 1);
    model.setWeights({
      'hidden.weight': [1, -1, 0.5, 2, 1, -2],
      'hidden.bias': [0, 1, -1],
      'out.weight': [1, 2, 3],
      'out.bias': [0.5],
    });
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([[1, 2]]);
    // hidden: [1+4, -1+2+1, 0.5-4-1] = [5, 2, -4.5] → relu [5, 2, 0] → 5 + 4 + 0 + 0.5
    const y = model.apply(x);
    expect(Array.from(await y.data())).toEqual([9.5]);
    const { output, activations } = runWithCapture(model, x, { capture: ['hidden', 'act'] });
    expect(Array.from(await activations['hidden']!.data())).toEqual([5, 2, -4.5]);
    expect(Array.from(await activations['act']!.data())).toEqual([5, 2, 0]);
    for (const t of [x, y, output, ...Object.values(activations)]) t.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('initialize, re-initialize and dispose leave no tensors behind', () => {
    const before = tf.memory().numTensors;
    const model = sequential([dense({ inputs: 4, units: 8 }), relu(), dense({ inputs: 8, units: 2 })]);
    model.initialize({ seed: 3 });
    expect(tf.memory().numTensors).toBe(before + 4);
    model.initialize({ seed: 4 });
    expect(tf.memory().numTensors).toBe(before + 4);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("apply and runWithCapture never hand back the caller's input tensor", async () => {
    const identity = new Activation('linear');
    const x = tf.tensor1d([1, 2]);
    const y = identity.apply(x);
    expect(y).not.toBe(x);
    y.dispose();
    const { output } = runWithCapture(identity, x, { capture: [] });
    output.dispose();
    expect(Array.from(await x.data())).toEqual([1, 2]);
    x.dispose();
  });
});
