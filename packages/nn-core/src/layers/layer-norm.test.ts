import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkGradients } from '../test/grad-check';
import { describeOnBackends } from '../../test/layer-backends';
import { refDense, refLayerNorm } from '../test/reference-layers';
import { maxRelativeError, randomValues } from '../test/reference-ops';
import { thrown } from '../test/thrown';
import { dense } from './dense';
import { layerNorm, type LayerNormOptions } from './layer-norm';
import { sequential } from './sequential';

tf.env().set('PROD', true);

/** Means and variances of ≤ 16 values, one rsqrt: float32 within 1e-5 relative (floor 1). */
const TOLERANCE = 1e-5;

describeOnBackends('layerNorm forward against float64 loops', () => {
  it.each([
    ['[rows, C]', [6, 16], 1e-5],
    ['[B, T, C], epsilon 1e-3', [2, 3, 8], 1e-3],
  ] as const)('%s', async (_name, shape, epsilon) => {
    const c = shape[shape.length - 1]!;
    const rows = shape.reduce((a, b) => a * b, 1) / c;
    const layer = layerNorm({ dim: c, ...(epsilon === 1e-5 ? {} : { epsilon }) }).initialize();
    const x = randomValues(rows * c, 1, -3, 2); // a shifted mean, to test the centring
    const gamma = randomValues(c, 2, 0.5, 1.5);
    const beta = randomValues(c, 3);
    layer.setWeights({ weight: gamma, bias: beta });
    const before = tf.memory().numTensors;
    const input = tf.tensor(Float32Array.from(x), [...shape]);
    const y = layer.apply(input);
    expect(y.shape).toEqual(shape);
    expect(maxRelativeError(await y.data(), refLayerNorm(x, rows, c, gamma, beta, epsilon))).toBeLessThanOrEqual(
      TOLERANCE,
    );
    tf.dispose([input, y]);
    expect(tf.memory().numTensors).toBe(before);
    layer.dispose();
  });

  it('starts as weight 1, bias 0: rows come out with mean 0 and (biased) variance 1; a constant row gives the bias', async () => {
    const layer = layerNorm({ dim: 4 }).initialize();
    const x = tf.tensor2d([
      [1, 2, 3, 4],
      [5, 5, 5, 5],
    ]);
    const y = layer.apply(x);
    const v = await y.data();
    // (x − 2.5) / √(1.25 + 1e-5) for the first row; 0 for the constant row (variance 0, epsilon keeps it finite).
    const s = Math.sqrt(1.25 + 1e-5);
    const want = [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s, 0, 0, 0, 0];
    expect(maxRelativeError(v, want)).toBeLessThanOrEqual(1e-6);
    tf.dispose([x, y]);
    layer.dispose();
  });
});

describeOnBackends(
  'layerNorm gradients',
  () => {
    it('weight and bias, and through the normalisation into a Dense before it, match float64 central differences', async () => {
      const [rows, inDim, c] = [5, 3, 6];
      const model = sequential({ proj: dense({ inputs: inDim, units: c }), ln: layerNorm({ dim: c }) }).initialize();
      const x = randomValues(rows * inDim, 4);
      const weights = {
        'proj.weight': randomValues(inDim * c, 5),
        'proj.bias': randomValues(c, 6),
        'ln.weight': randomValues(c, 7, 0.5, 1.5),
        'ln.bias': randomValues(c, 8),
      };
      const reference = (w: Readonly<Record<string, Float64Array>>): Float64Array =>
        refLayerNorm(
          refDense(x, rows, inDim, w['proj.weight']!, w['proj.bias'], c),
          rows,
          c,
          w['ln.weight']!,
          w['ln.bias']!,
          1e-5,
        );
      const input = tf.tensor(Float32Array.from(x), [rows, inDim]);
      const before = tf.memory().numTensors;
      const check = await checkGradients(model, input, weights, reference, { perWeight: 6 });
      expect(tf.memory().numTensors).toBe(before);
      expect(check.missing).toEqual([]);
      expect(check.largest).toBeGreaterThan(0.05);
      expect(check.worst).toBeLessThanOrEqual(1e-3);
      input.dispose();
      model.dispose();
    });
  },
  ['cpu'],
);

describe('layerNorm options and inputs', () => {
  it('has weight (ones) and bias (zeros) of [C]', () => {
    const layer = layerNorm({ dim: 768 });
    expect(layer.parameterCount()).toBe(2 * 768);
    expect(layer.epsilon).toBe(1e-5);
  });

  it.each([
    ['dim', { dim: 0 }, 0],
    ['epsilon', { dim: 4, epsilon: 0 }, 0],
    ['epsilon', { dim: 4, epsilon: Number.NaN }, Number.NaN],
    ['eps', { dim: 4, eps: 1e-6 }, 1e-6],
  ] as const)('refuses a bad %s', (argument, options, value) => {
    const error = thrown(() => layerNorm(options as unknown as LayerNormOptions));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
  });

  it('throws SHAPE_MISMATCH naming the layer path for a wrong last dimension', () => {
    const model = sequential({ ln_f: layerNorm({ dim: 8 }) });
    const x = tf.ones([2, 7]);
    const error = thrown(() => model.apply(x));
    expect(error.code).toBe('SHAPE_MISMATCH');
    expect(error.message).toBe('LayerNorm "ln_f": input has shape [2, 7]; expected [..., 8]');
    x.dispose();
    model.dispose();
  });
});
