import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { NnCoreError } from '../../errors';
import {
  convGeometry,
  depthwiseFilterGradRef,
  depthwiseInputGradRef,
  float32Values,
  scaledError,
  type PadSpec,
} from './reference';
import { leaksOf, useBackend, valuesOn } from './test-backends';

tf.env().set('PROD', true);

interface Case {
  readonly x: [number, number, number, number];
  /** [kh, kw, channels, multiplier] */
  readonly filter: [number, number, number, number];
  readonly strides: [number, number];
  readonly pad: PadSpec;
  readonly dilations?: [number, number];
}

const CASES: readonly Case[] = [
  { x: [1, 5, 5, 1], filter: [3, 3, 1, 1], strides: [1, 1], pad: 'valid' },
  { x: [2, 7, 6, 3], filter: [3, 3, 3, 2], strides: [1, 1], pad: 'same' },
  { x: [3, 8, 7, 2], filter: [3, 3, 2, 3], strides: [2, 2], pad: 'same' },
  { x: [2, 9, 8, 4], filter: [5, 5, 4, 1], strides: [2, 2], pad: 'valid' },
  { x: [2, 6, 7, 2], filter: [2, 3, 2, 2], strides: [2, 1], pad: 'same' },
  { x: [2, 7, 7, 2], filter: [3, 3, 2, 2], strides: [1, 1], pad: 1 },
];

/** Dilated cases: the kernels implement dilation (tfjs's gradients never ask for it). */
const DILATED: readonly Case[] = [
  { x: [2, 9, 8, 2], filter: [3, 3, 2, 2], strides: [1, 1], pad: 'same', dilations: [2, 2] },
  { x: [1, 10, 9, 3], filter: [3, 2, 3, 1], strides: [1, 1], pad: 'valid', dilations: [2, 3] },
];

function label(c: Case): string {
  const d = c.dilations ? ` dilations ${c.dilations.join('×')}` : '';
  return `x [${c.x.join(',')}] filter [${c.filter.join(',')}] strides ${c.strides.join('×')} pad ${c.pad}${d}`;
}

function data(c: Case, seed: number) {
  const dilations = c.dilations ?? [1, 1];
  const g = convGeometry(c.x, [c.filter[0], c.filter[1]], c.strides, c.pad, dilations);
  const m = c.filter[3];
  const dyShape: [number, number, number, number] = [c.x[0], g.h.out, g.w.out, c.x[3] * m];
  return {
    g,
    m,
    dyShape,
    dilations,
    x: float32Values(
      c.x.reduce((a, b) => a * b),
      seed,
    ),
    filter: float32Values(
      c.filter.reduce((a, b) => a * b),
      seed + 1,
    ),
    dy: float32Values(
      dyShape.reduce((a, b) => a * b),
      seed + 2,
    ),
  };
}

function filterKernel(c: Case, x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  const attrs = { strides: c.strides, dilations: c.dilations ?? [1, 1], pad: c.pad, filterShape: c.filter };
  return tf
    .engine()
    .runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

function inputKernel(c: Case, dy: tf.Tensor, filter: tf.Tensor, extra: Record<string, unknown> = {}): tf.Tensor {
  const attrs = { strides: c.strides, dilations: c.dilations ?? [1, 1], pad: c.pad, inputShape: c.x, ...extra };
  return tf
    .engine()
    .runKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describe('DepthwiseConv2dNativeBackpropFilter and …Input on wasm', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
  });

  it.each(CASES.map((c) => [label(c), c] as const))(
    '%s: both match the float64 definitions and the cpu backend',
    async (_l, c) => {
      const { g, m, dyShape, x, filter, dy } = data(c, 7);
      const dW = () => filterKernel(c, tf.tensor4d(x, c.x), tf.tensor4d(dy, dyShape));
      const dX = () => inputKernel(c, tf.tensor4d(dy, dyShape), tf.tensor4d(filter, c.filter));
      const [wasmW, cpuW, wasmX, cpuX] = [
        await valuesOn('wasm', dW),
        await valuesOn('cpu', dW),
        await valuesOn('wasm', dX),
        await valuesOn('cpu', dX),
      ];
      expect(wasmW.shape).toEqual(c.filter);
      expect(wasmX.shape).toEqual(c.x);
      expect(scaledError(wasmW.values, depthwiseFilterGradRef(x, dy, g, m))).toBeLessThan(1e-6);
      expect(scaledError(wasmX.values, depthwiseInputGradRef(dy, filter, g, m))).toBeLessThan(1e-6);
      expect(scaledError(wasmW.values, cpuW.values)).toBeLessThan(1e-6);
      expect(scaledError(wasmX.values, cpuX.values)).toBeLessThan(1e-6);
    },
  );

  it.each(DILATED.map((c) => [label(c), c] as const))('%s: both match the float64 definitions', async (_l, c) => {
    const { g, m, dyShape, x, filter, dy } = data(c, 13);
    const w = await valuesOn('wasm', () => filterKernel(c, tf.tensor4d(x, c.x), tf.tensor4d(dy, dyShape)));
    const i = await valuesOn('wasm', () => inputKernel(c, tf.tensor4d(dy, dyShape), tf.tensor4d(filter, c.filter)));
    expect(scaledError(w.values, depthwiseFilterGradRef(x, dy, g, m))).toBeLessThan(1e-6);
    expect(scaledError(i.values, depthwiseInputGradRef(dy, filter, g, m))).toBeLessThan(1e-6);
  });

  it('tf.grads of depthwiseConv2d and separableConv2d match the cpu backend', async () => {
    const c = CASES[2]!;
    const { x, filter } = data(c, 17);
    const point = float32Values(c.x[3] * c.filter[3] * 4, 19);
    const grads = (name: 'depthwise' | 'separable') => () => {
      const xs = tf.tensor4d(x, c.x);
      const w = tf.tensor4d(filter, c.filter);
      const p = tf.tensor4d(point, [1, 1, c.x[3] * c.filter[3], 4]);
      const all =
        name === 'depthwise'
          ? tf.grads((a: tf.Tensor, b: tf.Tensor) =>
              tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, 'same'))),
            )([xs, w])
          : tf.grads((a: tf.Tensor, b: tf.Tensor, q: tf.Tensor) =>
              tf.sum(
                tf.square(tf.separableConv2d(a as tf.Tensor4D, b as tf.Tensor4D, q as tf.Tensor4D, c.strides, 'same')),
              ),
            )([xs, w, p]);
      return tf.concat(all.map((g) => tf.reshape(g, [-1])));
    };
    for (const name of ['depthwise', 'separable'] as const) {
      const wasm = await valuesOn('wasm', grads(name));
      const cpu = await valuesOn('cpu', grads(name));
      expect(scaledError(wasm.values, cpu.values), name).toBeLessThan(1e-4);
    }
  });

  it('leaves no tensors or wasm buffers behind', async () => {
    await useBackend('wasm');
    const c = CASES[1]!;
    const { dyShape, x, filter, dy } = data(c, 3);
    expect(
      await leaksOf(
        () => [tf.tensor4d(x, c.x), tf.tensor4d(dy, dyShape)],
        (xs, dys) => filterKernel(c, xs!, dys!),
      ),
    ).toEqual({ tensors: 0, dataIds: 0 });
    expect(
      await leaksOf(
        () => [tf.tensor4d(dy, dyShape), tf.tensor4d(filter, c.filter)],
        (dys, w) => inputKernel(c, dys!, w!),
      ),
    ).toEqual({ tensors: 0, dataIds: 0 });
  });

  it('refuses an inputShape whose channels differ from the filter', async () => {
    await useBackend('wasm');
    const c = CASES[1]!;
    const { dyShape, filter, dy } = data(c, 3);
    let error: unknown;
    tf.tidy(() => {
      try {
        inputKernel(c, tf.tensor4d(dy, dyShape), tf.tensor4d(filter, c.filter), { inputShape: [2, 7, 6, 4] });
      } catch (e) {
        error = e;
      }
    });
    expect(NnCoreError.isInstance(error)).toBe(true);
    expect([(error as NnCoreError).code, (error as NnCoreError).argument]).toEqual(['SHAPE_MISMATCH', 'inputShape']);
  });
});
