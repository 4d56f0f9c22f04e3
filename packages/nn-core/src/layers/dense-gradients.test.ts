/**
 * Gradient checks of Dense with every activation (the forward pass is tested in dense.test.ts):
 * tfjs's gradients against float64 central differences of the reference forward.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGradients } from '../test/grad-check';
import { useBackend } from '../../test/layer-backends';
import { refActivation, refDense } from '../test/reference-layers';
import { maxRelativeError, randomValues } from '../test/reference-ops';
import { ACTIVATIONS } from './activation-functions';
import { dense } from './dense';
import { gelu, relu, sigmoid, softmax, tanh } from './activation';
import { sequential } from './sequential';

tf.env().set('PROD', true);
beforeAll(() => useBackend('cpu'));

const [ROWS, IN, OUT] = [5, 4, 3];

describe('dense gradients on cpu', () => {
  it.each(ACTIVATIONS.map((a) => [a] as const))(
    'dense with %s: weight and bias match float64 central differences',
    async (activation) => {
      const layer = dense({ inputs: IN, units: OUT, activation }).initialize();
      const x = randomValues(ROWS * IN, 1, -2, 2);
      const weights = { weight: randomValues(IN * OUT, 2), bias: randomValues(OUT, 3) };
      const reference = (w: Readonly<Record<string, Float64Array>>) =>
        refActivation(activation, refDense(x, ROWS, IN, w['weight']!, w['bias'], OUT), OUT);
      layer.setWeights(weights);
      const input = tf.tensor(Float32Array.from(x), [ROWS, IN]);
      // The forward pass too, so the finite differences are of the function tfjs computes.
      const y = layer.apply(input);
      expect(maxRelativeError(await y.data(), reference(weights))).toBeLessThanOrEqual(1e-6);
      y.dispose();
      const before = tf.memory().numTensors;
      const check = await checkGradients(layer, input, weights, reference, { perWeight: 12 });
      expect(tf.memory().numTensors).toBe(before);
      expect(check.missing).toEqual([]);
      expect(check.worst).toBeLessThanOrEqual(1e-4);
      if (activation !== 'softmax') expect(check.largest).toBeGreaterThan(0.05);
      input.dispose();
      layer.dispose();
    },
  );

  it('through activation layers between dense layers (dense → tanh → dense → sigmoid → dense → gelu → relu → dense → softmax)', async () => {
    const model = sequential({
      a: dense({ inputs: IN, units: 6 }),
      t: tanh(),
      b: dense({ inputs: 6, units: 5 }),
      s: sigmoid(),
      c: dense({ inputs: 5, units: 4 }),
      g: gelu(),
      r: relu(),
      d: dense({ inputs: 4, units: OUT }),
      p: softmax(),
    }).initialize();
    const x = randomValues(ROWS * IN, 4, -2, 2);
    const weights = {
      'a.weight': randomValues(IN * 6, 5),
      'a.bias': randomValues(6, 6),
      'b.weight': randomValues(6 * 5, 7),
      'b.bias': randomValues(5, 8),
      'c.weight': randomValues(5 * 4, 9, -2, 2),
      'c.bias': randomValues(4, 10),
      'd.weight': randomValues(4 * OUT, 11, -2, 2),
      'd.bias': randomValues(OUT, 12),
    };
    const reference = (w: Readonly<Record<string, Float64Array>>) => {
      let h = refActivation('tanh', refDense(x, ROWS, IN, w['a.weight']!, w['a.bias'], 6), 6);
      h = refActivation('sigmoid', refDense(h, ROWS, 6, w['b.weight']!, w['b.bias'], 5), 5);
      h = refActivation('relu', refActivation('gelu', refDense(h, ROWS, 5, w['c.weight']!, w['c.bias'], 4), 4), 4);
      return refActivation('softmax', refDense(h, ROWS, 4, w['d.weight']!, w['d.bias'], OUT), OUT);
    };
    const input = tf.tensor(Float32Array.from(x), [ROWS, IN]);
    const before = tf.memory().numTensors;
    const check = await checkGradients(model, input, weights, reference, { perWeight: 6 });
    expect(tf.memory().numTensors).toBe(before);
    expect(check.missing).toEqual([]);
    expect(check.largest).toBeGreaterThan(0.01);
    expect(check.worst).toBeLessThanOrEqual(1e-3);
    input.dispose();
    model.dispose();
  });
});
