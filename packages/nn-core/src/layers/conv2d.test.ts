import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { runWithCapture } from '../model/capture';
import { checkGradients } from '../test/grad-check';
import { describeOnBackends } from '../../test/layer-backends';
import { refActivation, refConv2d, type RefTensor } from '../test/reference-layers';
import { maxRelativeError, randomValues } from '../test/reference-ops';
import { thrown } from '../test/thrown';
import { conv2d, type Conv2DOptions } from './conv2d';
import { sequential } from './sequential';

tf.env().set('PROD', true);

/** float32 against float64 for sums of ≤ 54 products of values in [−1, 1]: error ≤ 1e-5 relative (floor 1). */
const TOLERANCE = 1e-5;

interface Case {
  readonly name: string;
  readonly input: readonly [number, number, number, number];
  readonly options: Conv2DOptions;
}

const CASES: readonly Case[] = [
  { name: '3×3 valid, stride 1', input: [2, 5, 6, 2], options: { inChannels: 2, filters: 3, kernelSize: 3 } },
  {
    name: '[3, 2] same, stride 2, relu',
    input: [2, 7, 5, 3],
    options: { inChannels: 3, filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'relu' },
  },
  {
    name: '2×2 same (uneven padding), strides [1, 2], no bias',
    input: [1, 4, 5, 2],
    options: { inChannels: 2, filters: 2, kernelSize: 2, strides: [1, 2], padding: 'same', bias: false },
  },
  {
    name: '[2, 3] valid, strides [2, 1], tanh',
    input: [1, 6, 6, 3],
    options: { inChannels: 3, filters: 2, kernelSize: [2, 3], strides: [2, 1], activation: 'tanh' },
  },
];

function pairOf(v: number | readonly [number, number] | undefined, fallback: number): [number, number] {
  if (v === undefined) return [fallback, fallback];
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/** Random weights for a case, and the float64 forward pass with those weights. */
function setup(c: Case, seed: number) {
  const [kh, kw] = pairOf(c.options.kernelSize, 1);
  const { inChannels: cin, filters: cout } = c.options;
  const x: RefTensor = {
    data: randomValues(
      c.input.reduce((a, b) => a * b, 1),
      seed,
    ),
    shape: c.input,
  };
  const weights: Record<string, Float64Array> = { weight: randomValues(kh * kw * cin * cout, seed + 1) };
  if (c.options.bias !== false) weights['bias'] = randomValues(cout, seed + 2);
  const reference = (w: Readonly<Record<string, Float64Array>>): Float64Array => {
    const y = refConv2d(
      x,
      { data: w['weight']!, shape: [kh, kw, cin, cout] },
      w['bias'],
      pairOf(c.options.strides, 1),
      c.options.padding ?? 'valid',
    );
    return refActivation(c.options.activation ?? 'linear', y.data, cout);
  };
  const shape = refConv2d(
    x,
    { data: weights['weight']!, shape: [kh, kw, cin, cout] },
    undefined,
    pairOf(c.options.strides, 1),
    c.options.padding ?? 'valid',
  ).shape;
  return { x, weights, reference, shape };
}

describeOnBackends('conv2d forward against float64 loops', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const layer = conv2d(c.options);
    const { x, weights, reference, shape } = setup(c, 11);
    layer.setWeights(weights);
    const before = tf.memory().numTensors;
    const input = tf.tensor(Float32Array.from(x.data), [...x.shape]); // [B, H, W, Cin]
    const y = layer.apply(input); // [B, H', W', Cout]
    expect(y.shape).toEqual(shape);
    expect(maxRelativeError(await y.data(), reference(weights))).toBeLessThanOrEqual(TOLERANCE);
    tf.dispose([input, y]);
    expect(tf.memory().numTensors).toBe(before);
    layer.dispose();
  });

  it('runs inside a model, is captured by path, and leaks nothing', async () => {
    const c = CASES[1]!;
    const model = sequential({ features: conv2d(c.options) });
    const { x, weights, reference } = setup(c, 5);
    model.setWeights({ 'features.weight': weights['weight']!, 'features.bias': weights['bias']! });
    const before = tf.memory().numTensors;
    const input = tf.tensor(Float32Array.from(x.data), [...x.shape]);
    const { output, activations } = runWithCapture(model, input, { capture: ['features'] });
    expect(maxRelativeError(await activations['features']!.data(), reference(weights))).toBeLessThanOrEqual(TOLERANCE);
    tf.dispose([input, output, ...Object.values(activations)]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describeOnBackends(
  'conv2d gradients',
  () => {
    it.each(CASES.map((c) => [c.name, c] as const))(
      '%s: weight and bias match float64 central differences',
      async (_name, c) => {
        const layer = conv2d(c.options).initialize();
        const { x, weights, reference } = setup(c, 23);
        const input = tf.tensor(Float32Array.from(x.data), [...x.shape]);
        const before = tf.memory().numTensors;
        const check = await checkGradients(layer, input, weights, reference, { perWeight: 6 });
        expect(tf.memory().numTensors).toBe(before);
        expect(check.missing).toEqual([]);
        expect(check.largest).toBeGreaterThan(0.05);
        expect(check.worst).toBeLessThanOrEqual(1e-4);
        input.dispose();
        layer.dispose();
      },
    );
  },
  ['cpu'],
);

describe('conv2d options and inputs', () => {
  it('declares weight [kh, kw, Cin, Cout] (HWIO) and bias [Cout], glorot-initialised with the window in the fans', () => {
    const layer = conv2d({ inChannels: 3, filters: 8, kernelSize: [5, 3] });
    expect(layer.parameterCount()).toBe(5 * 3 * 3 * 8 + 8);
    layer.initialize({ seed: 3 });
    const named = layer.namedWeights();
    expect(named.map((w) => [w.name, w.variable.shape])).toEqual([
      ['weight', [5, 3, 3, 8]],
      ['bias', [8]],
    ]);
    // Glorot: uniform in ±√(6 / (fanIn + fanOut)) with fanIn = 5·3·3, fanOut = 5·3·8.
    const limit = Math.sqrt(6 / (45 + 120));
    const values = Array.from(named[0]!.variable.dataSync());
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.9 * limit);
    expect(conv2d({ inChannels: 1, filters: 2, kernelSize: 3, bias: false }).parameterCount()).toBe(18);
    layer.dispose();
  });

  it.each([
    ['filters', { inChannels: 1, filters: 0, kernelSize: 3 }, 0],
    ['inChannels', { inChannels: 1.5, filters: 1, kernelSize: 3 }, 1.5],
    ['kernelSize', { inChannels: 1, filters: 1, kernelSize: [3] }, [3]],
    ['strides', { inChannels: 1, filters: 1, kernelSize: 3, strides: 0 }, 0],
    ['padding', { inChannels: 1, filters: 1, kernelSize: 3, padding: 'full' }, 'full'],
    ['activation', { inChannels: 1, filters: 1, kernelSize: 3, activation: 'swish' }, 'swish'],
    ['stride', { inChannels: 1, filters: 1, kernelSize: 3, stride: 2 }, 2],
  ] as const)('refuses a bad %s', (argument, options, value) => {
    const error = thrown(() => conv2d(options as unknown as Conv2DOptions));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
    expect(error.message).toContain(argument);
  });

  it('throws SHAPE_MISMATCH naming the layer path for a wrong rank, channel count or too small an image', () => {
    const model = sequential({ features: conv2d({ inChannels: 3, filters: 2, kernelSize: 3 }) }).initialize();
    const before = tf.memory().numTensors;
    for (const shape of [
      [4, 4, 3],
      [1, 4, 4, 2],
      [1, 2, 5, 3],
    ]) {
      const x = tf.zeros(shape);
      const error = thrown(() => model.apply(x));
      expect(error.code).toBe('SHAPE_MISMATCH');
      expect(error.message).toContain('Conv2D "features"');
      expect(error.value).toEqual(shape);
      x.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('throws for an aborted signal', () => {
    const layer = conv2d({ inChannels: 1, filters: 1, kernelSize: 1 });
    const x = tf.ones([1, 2, 2, 1]);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => layer.apply(x, { signal: controller.signal })).toThrow('stop');
    x.dispose();
    layer.dispose();
  });
});
