/**
 * Dense layers computing with quantised weights, on cpu and wasm: the forward pass against a float64
 * reference of x · dequant(W) + b, the error against the float layer within its bound, the weights'
 * bookkeeping after quantisation, and no leaked tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackendRegistry } from '../backend/registry';
import { initBackend } from '../backend/select';
import { cpuBackend } from '../backends/cpu';
import { wasmBackend } from '../backends/wasm.node';
import { NnCoreError } from '../errors';
import { relu } from '../layers/activation';
import { dense, type Dense } from '../layers/dense';
import { sequential } from '../layers/sequential';
import { matMul, randomValues } from '../test/reference-ops';
import { quantizeLayers } from './quantize-layers';
import { quantizedMatMul } from './quantized-matmul';
import { dequantize, quantizeWeights, type QuantizationBits } from './quantized-tensor';

tf.env().set('PROD', true);

/** Float64 x · W + b over rows: x [n, k], W [k, m], b [m]. */
function affine(
  x: Float64Array,
  w: ArrayLike<number>,
  b: ArrayLike<number>,
  n: number,
  k: number,
  m: number,
): Float64Array {
  const y = matMul(x, Float64Array.from(w), n, k, m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) y[i * m + j]! += b[j]!;
  return y;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

const [N, K, M] = [6, 24, 10];

describe.each([
  ['cpu', cpuBackend()],
  ['wasm', wasmBackend()],
] as const)('quantised Dense on %s', (name, adapter) => {
  beforeAll(async () => {
    const ctx = await initBackend(createBackendRegistry([adapter]), name);
    expect(ctx.backend).toBe(name);
  });

  const xs = randomValues(N * K, 1);
  const ws = randomValues(K * M, 2, -0.5, 0.5);
  const bs = randomValues(M, 3);

  function floatLayer(): Dense {
    const layer = dense({ inputs: K, units: M }).initialize({ seed: 4 });
    layer.setWeights({ weight: ws, bias: bs });
    return layer;
  }

  it.each([8, 4] as const)(
    '%i bits, per output unit: y = x · dequant(W) + b to 1e-5, within Σ|x|·scale/2 of the float layer',
    async (bits: QuantizationBits) => {
      const layer = floatLayer();
      const x = tf.tensor2d(Float32Array.from(xs), [N, K]); // [N, K]
      const yFloat = layer.apply(x); // [N, M]
      const before = tf.memory().numTensors;
      const [info] = await quantizeLayers(layer, { bits });
      expect(tf.memory().numTensors).toBe(before);
      expect(info).toMatchObject({ path: '', shape: [K, M], bits, parameters: K * M, floatBytes: 4 * K * M });

      const q = layer.quantized!;
      expect(q.bits).toBe(bits);
      expect(q.axis).toBe(1);
      const y = layer.apply(x); // [N, M]
      expect(tf.memory().numTensors).toBe(before + 1);

      const ref = affine(xs, dequantize(q), bs, N, K, M);
      const got = await y.data();
      expect(maxAbsDiff(got, ref)).toBeLessThanOrEqual(1e-5);

      // Each output moves by at most Σ_k |x_k| · scale_j / 2 from the float layer's.
      const floatValues = await yFloat.data();
      for (let i = 0; i < N; i++) {
        let sumAbsX = 0;
        for (let k = 0; k < K; k++) sumAbsX += Math.abs(xs[i * K + k]!);
        for (let j = 0; j < M; j++) {
          const bound = (sumAbsX * q.scales[j]!) / 2 + 1e-5;
          expect(Math.abs(got[i * M + j]! - floatValues[i * M + j]!)).toBeLessThanOrEqual(bound);
        }
      }
      for (const t of [x, y, yFloat]) t.dispose();
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before - 4); // x, yFloat and the layer's two variables
    },
  );

  it('per-input scales (axis 0) and rank-3 inputs give x · dequant(W) + b too', async () => {
    const layer = floatLayer();
    await quantizeLayers(layer, { bits: 8, axis: 0 });
    expect(layer.quantized!.axis).toBe(0);
    expect(layer.quantized!.scales.length).toBe(K);
    const x = tf.tensor3d(Float32Array.from(xs), [2, N / 2, K]); // [B, T, K]
    const y = layer.apply(x); // [B, T, M]
    expect(y.shape).toEqual([2, N / 2, M]);
    const ref = affine(xs, dequantize(layer.quantized!), bs, N, K, M);
    expect(maxAbsDiff(await y.data(), ref)).toBeLessThanOrEqual(1e-5);
    x.dispose();
    y.dispose();
    layer.dispose();
  });

  it('quantizedMatMul alone matches the float64 product and creates nothing but its result', async () => {
    const q = quantizeWeights(ws, [K, M], { bits: 4 });
    const x = tf.tensor2d(Float32Array.from(xs), [N, K]); // [N, K]
    const before = tf.memory().numTensors;
    const y = quantizedMatMul(x, q); // [N, M]
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(maxAbsDiff(await y.data(), matMul(xs, Float64Array.from(dequantize(q)), N, K, M))).toBeLessThanOrEqual(1e-5);
    const wide = tf.zeros([N, K + 1]); // [N, K + 1]
    expect(() => quantizedMatMul(wide, q)).toThrow(/quantizedMatMul: x has shape \[6, 25\]/);
    expect(tf.memory().numTensors).toBe(before + 2);
    wide.dispose();
    x.dispose();
    y.dispose();
  });

  it('quantises the Dense layers of a model: weights bookkeeping, filter, refusal to quantise twice, no leaks', async () => {
    const model = sequential({
      hidden: dense({ inputs: K, units: M }),
      act: relu(),
      out: dense({ inputs: M, units: 3, bias: false }),
    }).initialize({ seed: 5 });
    const x = tf.tensor2d(Float32Array.from(xs), [N, K]); // [N, K]
    const floatWeights = await model.readWeights();
    const before = tf.memory().numTensors;

    const rows = await quantizeLayers(model, { bits: 8, filter: (path) => path === 'hidden' });
    expect(rows.map((r) => r.path)).toEqual(['hidden']);
    expect(tf.memory().numTensors).toBe(before);
    // `hidden.weight` stays listed, as an empty non-trainable variable; its bias keeps its values.
    const named = model.namedWeights();
    expect(named.map((w) => [w.name, w.variable.shape, w.trainable])).toEqual([
      ['hidden.weight', [0], false],
      ['hidden.bias', [M], true],
      ['out.weight', [M, 3], true],
    ]);
    expect(model.trainableVariables().length).toBe(2);
    expect(model.parameterCount()).toBe(M + M * 3);
    expect(Array.from(await model.weight('hidden.bias').data())).toEqual(Array.from(floatWeights['hidden.bias']!.data));

    // The model's output: relu(x · dequant(W1) + b1) · W2, in float64.
    const hidden = model.childLayers()[0]![1] as Dense;
    const h = affine(xs, dequantize(hidden.quantized!), floatWeights['hidden.bias']!.data, N, K, M).map((v) =>
      Math.max(0, v),
    );
    const ref = matMul(h, Float64Array.from(floatWeights['out.weight']!.data), N, M, 3);
    const y = model.apply(x); // [N, 3]
    expect(maxAbsDiff(await y.data(), ref)).toBeLessThanOrEqual(1e-5);
    y.dispose();

    const twice = await quantizeLayers(model, { bits: 4 }).catch((error: unknown) => error);
    expect(NnCoreError.isInstance(twice) && twice.message).toMatch(/Dense "hidden" is already quantised \(8-bit\)/);
    expect(model.namedWeights()[2]!.variable.shape).toEqual([M, 3]); // nothing changed
    const rest = await quantizeLayers(model, { bits: 4, filter: (path, layer) => !layer.quantized && path !== '' });
    expect(rest.map((r) => [r.path, r.bits, r.quantizedBytes])).toEqual([['out', 4, (M * 3) / 2 + 3 * 4]]);
    expect(model.trainableVariables().length).toBe(1);
    expect(tf.memory().numTensors).toBe(before);

    x.dispose();
    model.dispose();
  });

  it('refuses bad bits, axis and mismatched quantised weights, naming the argument', async () => {
    const layer = floatLayer();
    const bits = await quantizeLayers(layer, { bits: 3 as 8 }).catch((error: unknown) => error);
    expect(bits).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'bits', value: 3 });
    const axis = await quantizeLayers(layer, { bits: 8, axis: 2 }).catch((error: unknown) => error);
    expect(axis).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'axis', value: 2 });
    const wrong = quantizeWeights(new Float32Array(M * K), [M, K], { bits: 8 });
    expect(() => layer.setQuantizedWeight(wrong)).toThrow(
      /Dense.setQuantizedWeight: q has shape \[10, 24\]; this layer's weight is \[24, 10\]/,
    );
    expect(layer.quantized).toBeUndefined();
    expect(layer.weight('weight').shape).toEqual([K, M]);
    layer.dispose();
  });
});
