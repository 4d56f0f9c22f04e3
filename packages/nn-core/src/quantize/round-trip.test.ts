import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackendRegistry } from '../backend/registry';
import { initBackend } from '../backend/select';
import { cpuBackend } from '../backends/cpu';
import { tanh } from '../layers/activation';
import { dense } from '../layers/dense';
import { sequential } from '../layers/sequential';
import { randomValues } from '../test/reference-ops';
import { quantizeLayers } from './quantize-layers';
import { measureQuantization, roundTripWeights } from './round-trip';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

describe('roundTripWeights / measureQuantization', () => {
  // Hand-computed: per column maxima 127 and 3.5 → 8-bit scales 1 and 3.5/127.
  const weights = {
    'fc.weight': { shape: [2, 2], data: Float32Array.from([127, -3.5, -2.5, 1]) },
    'fc.bias': { shape: [2], data: Float32Array.from([0.123, -4.56]) },
  };

  it('rounds matrices through quantise → dequantise and copies vectors unchanged, by default', () => {
    const out = roundTripWeights(weights, { bits: 8 });
    expect(Object.keys(out)).toEqual(['fc.weight', 'fc.bias']);
    const s = Math.fround(3.5 / 127);
    // 1 / s = 36.28… → code 36
    expect(Array.from(out['fc.weight']!.data)).toEqual([127, Math.fround(-127 * s), -3, Math.fround(36 * s)]);
    expect(out['fc.weight']!.shape).toEqual([2, 2]);
    expect(Array.from(out['fc.bias']!.data)).toEqual(Array.from(weights['fc.bias'].data));
    expect(out['fc.bias']!.data).not.toBe(weights['fc.bias'].data); // a copy
    expect(Array.from(weights['fc.weight'].data)).toEqual([127, -3.5, -2.5, 1]); // input untouched

    // 4 bits: scales 127/7 and 0.5 → codes [7, -7, -0.14 → 0, 2]
    const four = roundTripWeights(weights, { bits: 4, filter: (name) => name === 'fc.weight' });
    expect(Array.from(four['fc.weight']!.data)).toEqual([127, -3.5, 0, 1]);
  });

  it('reports max and RMS error and bytes per quantised weight', () => {
    const [row, ...others] = measureQuantization(weights, { bits: 8 });
    expect(others).toEqual([]);
    const s = 3.5 / 127;
    const errors = [
      0,
      Math.abs(-3.5 - Math.fround(-127 * Math.fround(s))),
      0.5,
      Math.abs(1 - Math.fround(36 * Math.fround(s))),
    ];
    expect(row!.name).toBe('fc.weight');
    expect(row!.bits).toBe(8);
    expect(row!.maxAbsError).toBeCloseTo(0.5, 12);
    expect(row!.rmsError).toBeCloseTo(Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / 4), 12);
    expect(row!.rms).toBeCloseTo(Math.sqrt((127 ** 2 + 3.5 ** 2 + 2.5 ** 2 + 1) / 4), 5);
    expect(row!.floatBytes).toBe(16);
    expect(row!.quantizedBytes).toBe(4 + 8);
  });

  it('names the weight when it cannot be quantised', () => {
    expect(() => roundTripWeights(weights, { bits: 8, axis: 1, filter: () => true })).toThrow(
      /roundTripWeights: weight "fc.bias": quantizeWeights: axis must be/,
    );
    expect(() => measureQuantization(weights, { bits: 5 as 8 })).toThrow(
      /measureQuantization: bits must be 8 or 4, got 5/,
    );
  });

  it('a model with round-tripped weights computes what its quantised layers compute; the loss moves more at 4 bits', async () => {
    const make = () =>
      sequential({ a: dense({ inputs: 16, units: 32 }), act: tanh(), b: dense({ inputs: 32, units: 4 }) }).initialize({
        seed: 9,
      });
    const x = tf.tensor2d(Float32Array.from(randomValues(20 * 16, 11)), [20, 16]); // [N, 16]
    const target = tf.tensor2d(Float32Array.from(randomValues(20 * 4, 12)), [20, 4]); // [N, 4]
    const mse = (model: ReturnType<typeof make>): number =>
      tf.tidy(() => tf.mean(tf.square(tf.sub(model.apply(x), target))).dataSync()[0]!);

    const float = make();
    const floatLoss = mse(float);
    const original = await float.readWeights();
    const losses: number[] = [];
    for (const bits of [8, 4] as const) {
      const rounded = roundTripWeights(original, { bits });
      float.setWeights(Object.fromEntries(Object.entries(rounded).map(([name, w]) => [name, w.data])));
      const quantised = make();
      quantised.setWeights(Object.fromEntries(Object.entries(original).map(([name, w]) => [name, w.data])));
      await quantizeLayers(quantised, { bits });
      const [y1, y2] = [float.apply(x), quantised.apply(x)];
      const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(y1, y2))).dataSync()[0]!);
      expect(gap).toBeLessThanOrEqual(1e-5);
      losses.push(mse(float));
      tf.dispose([y1, y2]);
      quantised.dispose();
    }
    const [loss8, loss4] = losses as [number, number];
    expect(Math.abs(loss8 - floatLoss)).toBeLessThan(Math.abs(loss4 - floatLoss));
    expect(Math.abs(loss8 - floatLoss) / floatLoss).toBeLessThan(0.01);
    tf.dispose([x, target]);
    float.dispose();
  });
});
