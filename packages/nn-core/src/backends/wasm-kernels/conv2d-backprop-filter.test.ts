import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { NnCoreError } from '../../errors';
import { conv2dFilterGradRef, conv2dRef, convGeometry, float32Values, scaledError, type PadSpec } from './reference';
import { leaksOf, useBackend, valuesOn } from './test-backends';

tf.env().set('PROD', true);

interface Case {
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: [number, number];
  readonly pad: PadSpec;
  readonly rounding?: 'floor' | 'round' | 'ceil';
}

const CASES: readonly Case[] = [
  { x: [1, 5, 5, 1], filter: [3, 3, 1, 2], strides: [1, 1], pad: 'valid' },
  { x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
  { x: [3, 8, 7, 2], filter: [3, 3, 2, 5], strides: [2, 2], pad: 'same' },
  { x: [2, 9, 8, 3], filter: [5, 5, 3, 4], strides: [2, 2], pad: 'valid' },
  { x: [2, 6, 7, 4], filter: [2, 3, 4, 3], strides: [2, 1], pad: 'same' },
  { x: [2, 6, 6, 3], filter: [1, 1, 3, 6], strides: [1, 1], pad: 'valid' },
  { x: [2, 7, 7, 2], filter: [3, 3, 2, 3], strides: [1, 1], pad: 1 },
  // tfjs-core's conv2d gradient drops dimRoundingMode: the kernel infers it from dy's shape (cpu ignores
  // dy's last row and column here).
  { x: [1, 6, 6, 1], filter: [3, 3, 1, 2], strides: [2, 2], pad: 1, rounding: 'ceil' },
  { x: [1, 8, 8, 2], filter: [3, 3, 2, 2], strides: [3, 3], pad: 'same' },
];

function label(c: Case): string {
  return `x [${c.x.join(',')}] filter [${c.filter.join(',')}] strides ${c.strides.join('×')} pad ${c.pad}${c.rounding ? ` ${c.rounding}` : ''}`;
}

function data(c: Case, seed: number) {
  const g = convGeometry(c.x, [c.filter[0], c.filter[1]], c.strides, c.pad, [1, 1], c.rounding);
  const outC = c.filter[3];
  const dyShape: [number, number, number, number] = [c.x[0], g.h.out, g.w.out, outC];
  const x = float32Values(
    c.x.reduce((a, b) => a * b),
    seed,
  );
  const dy = float32Values(
    dyShape.reduce((a, b) => a * b),
    seed + 1,
  );
  return { g, outC, dyShape, x, dy };
}

function runKernel(c: Case, x: tf.Tensor, dy: tf.Tensor, extra: Record<string, unknown> = {}): tf.Tensor {
  const attrs = {
    strides: c.strides,
    pad: c.pad,
    dataFormat: 'NHWC',
    dimRoundingMode: c.rounding,
    filterShape: c.filter,
    ...extra,
  };
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
  });

  it.each(CASES.map((c) => [label(c), c] as const))(
    '%s: matches the float64 definition and the cpu backend',
    async (_l, c) => {
      const { g, outC, dyShape, x, dy } = data(c, 11);
      const want = conv2dFilterGradRef(x, dy, g, outC);
      const kernel = () => runKernel(c, tf.tensor4d(x, c.x), tf.tensor4d(dy, dyShape));
      const wasm = await valuesOn('wasm', kernel);
      const cpu = await valuesOn('cpu', kernel);
      expect(wasm.shape).toEqual(c.filter);
      expect(scaledError(wasm.values, want)).toBeLessThan(1e-6);
      expect(scaledError(wasm.values, cpu.values)).toBeLessThan(1e-6);
    },
  );

  it.each(CASES.map((c) => [label(c), c] as const))('%s: tf.grad of conv2d by its filter', async (_l, c) => {
    const { g, outC, dyShape, x, dy: r } = data(c, 23);
    const filter = float32Values(
      c.filter.reduce((a, b) => a * b),
      5,
    );
    // d/dW Σ conv2d(x, W) · r = the filter gradient with dy = r.
    const grad = tf.grad((w: tf.Tensor) =>
      tf.sum(
        tf.mul(
          tf.conv2d(tf.tensor4d(x, c.x), w as tf.Tensor4D, c.strides, c.pad, 'NHWC', 1, c.rounding),
          tf.tensor4d(r, dyShape),
        ),
      ),
    );
    const got = await valuesOn('wasm', () => grad(tf.tensor4d(filter, c.filter)));
    expect(scaledError(got.values, conv2dFilterGradRef(x, r, g, outC))).toBeLessThan(1e-5);
  });

  it('agrees with central differences of a float64 forward conv2d', async () => {
    const c: Case = { x: [2, 6, 5, 2], filter: [3, 2, 2, 3], strides: [2, 1], pad: 'same' };
    const { g, outC, dyShape, x, dy: r } = data(c, 41);
    const filter = Float64Array.from(
      float32Values(
        c.filter.reduce((a, b) => a * b),
        43,
      ),
    );
    const loss = (f: Float64Array) => conv2dRef(x, f, g, outC).reduce((s, v, i) => s + v * r[i]!, 0);
    const eps = 1e-3;
    const fd = filter.map((_, i) => {
      const up = filter.slice();
      const down = filter.slice();
      up[i]! += eps;
      down[i]! -= eps;
      return (loss(up) - loss(down)) / (2 * eps);
    });
    const got = await valuesOn('wasm', () => runKernel(c, tf.tensor4d(x, c.x), tf.tensor4d(r, dyShape)));
    expect(scaledError(got.values, fd)).toBeLessThan(1e-5);
  });

  it('leaves no tensors or wasm buffers behind', async () => {
    await useBackend('wasm');
    const c = CASES[2]!;
    const { dyShape, x, dy } = data(c, 3);
    const inputs = () => [tf.tensor4d(x, c.x), tf.tensor4d(dy, dyShape)];
    expect(await leaksOf(inputs, (xs, dys) => runKernel(c, xs!, dys!))).toEqual({ tensors: 0, dataIds: 0 });
    const filterInputs = () => [
      tf.tensor4d(x, c.x),
      tf.tensor4d(
        float32Values(
          c.filter.reduce((a, b) => a * b),
          9,
        ),
        c.filter,
      ),
    ];
    const viaGrad = (xs: tf.Tensor, w: tf.Tensor) =>
      tf.grad((f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(xs as tf.Tensor4D, f as tf.Tensor4D, 2, 'same'))))(w);
    expect(await leaksOf(filterInputs, (xs, w) => viaGrad(xs!, w!))).toEqual({ tensors: 0, dataIds: 0 });
  });

  it('refuses NCHW, a dy of the wrong shape and a filterShape with the wrong input channels', async () => {
    await useBackend('wasm');
    const c = CASES[1]!;
    const { dyShape, x, dy } = data(c, 3);
    const attempt = (extra: Record<string, unknown>, dyAs = dyShape): NnCoreError => {
      const before = tf.memory().numTensors;
      let error: unknown;
      tf.tidy(() => {
        try {
          runKernel(
            c,
            tf.tensor4d(x, c.x),
            tf.tensor4d(
              dy.slice(
                0,
                dyAs.reduce((a, b) => a * b),
              ),
              dyAs,
            ),
            extra,
          );
        } catch (e) {
          error = e;
        }
      });
      expect(tf.memory().numTensors).toBe(before);
      if (!NnCoreError.isInstance(error)) throw new Error(`expected an NnCoreError, got ${String(error)}`);
      return error;
    };
    const nchw = attempt({ dataFormat: 'NCHW' });
    expect([nchw.code, nchw.argument, nchw.value]).toEqual(['INVALID_ARGUMENT', 'dataFormat', 'NCHW']);
    expect(nchw.message).toMatch(/Conv2DBackpropFilter \(wasm\): dataFormat NCHW is not supported/);
    const shape = attempt({}, [dyShape[0], dyShape[1], dyShape[2] - 1, dyShape[3]]);
    expect([shape.code, shape.argument]).toEqual(['SHAPE_MISMATCH', 'dy']);
    expect(shape.message).toContain(`expect [${dyShape.join(', ')}]`);
    const channels = attempt({ filterShape: [3, 3, 2, 4] });
    expect([channels.code, channels.argument]).toEqual(['SHAPE_MISMATCH', 'filterShape']);
  });
});
