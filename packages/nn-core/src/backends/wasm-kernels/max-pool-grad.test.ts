import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convGeometry, float32Values, scaledError, type ConvGeometry, type PadSpec } from './reference';
import { leaksOf, useBackend, valuesOn } from './test-backends';

tf.env().set('PROD', true);

/** maxPool's input gradient from its definition: dy to the first (row-major) maximum of each window. */
function maxPoolGradRef(x: ArrayLike<number>, dy: ArrayLike<number>, g: ConvGeometry): Float64Array {
  const dx = new Float64Array(x.length);
  for (let b = 0; b < g.batch; b++)
    for (let oh = 0; oh < g.h.out; oh++)
      for (let ow = 0; ow < g.w.out; ow++)
        for (let c = 0; c < g.inC; c++) {
          let best = -Infinity;
          let at = -1;
          for (let kh = 0; kh < g.kH; kh++)
            for (let kw = 0; kw < g.kW; kw++) {
              const ih = oh * g.sH + kh - g.h.before;
              const iw = ow * g.sW + kw - g.w.before;
              if (ih < 0 || ih >= g.inH || iw < 0 || iw >= g.inW) continue;
              const i = ((b * g.inH + ih) * g.inW + iw) * g.inC + c;
              if (x[i]! > best) [best, at] = [x[i]!, i];
            }
          if (at >= 0) dx[at]! += dy[((b * g.h.out + oh) * g.w.out + ow) * g.inC + c]!;
        }
  return dx;
}

interface Case {
  readonly x: [number, number, number, number];
  readonly size: [number, number];
  readonly strides: [number, number];
  readonly pad: PadSpec;
  /** Value range of x: all-negative ranges are what wasm's own MaxPoolGrad gets wrong. */
  readonly range: [number, number];
}

const CASES: readonly Case[] = [
  { x: [2, 6, 5, 3], size: [2, 2], strides: [2, 2], pad: 'valid', range: [-1, 1] },
  { x: [2, 8, 8, 2], size: [2, 2], strides: [2, 2], pad: 'valid', range: [-2, -1] },
  { x: [2, 6, 5, 3], size: [3, 3], strides: [1, 1], pad: 'same', range: [-1, 1] },
  { x: [3, 7, 7, 4], size: [3, 3], strides: [2, 2], pad: 'same', range: [-3, -0.5] },
  { x: [1, 9, 6, 2], size: [3, 2], strides: [2, 1], pad: 'valid', range: [-1, 1] },
  { x: [2, 7, 7, 1], size: [3, 3], strides: [2, 2], pad: 1, range: [-1, 1] },
];

function label(c: Case): string {
  return `x [${c.x.join(',')}] in [${c.range.join(', ')}] size ${c.size.join('×')} strides ${c.strides.join('×')} pad ${c.pad}`;
}

describe('MaxPoolGrad on wasm (replaces the shipped kernel)', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
  });

  it.each(CASES.map((c) => [label(c), c] as const))(
    '%s: tf.grad of maxPool matches the definition and cpu',
    async (_l, c) => {
      const g = convGeometry(c.x, c.size, c.strides, c.pad);
      const outShape = [c.x[0], g.h.out, g.w.out, c.x[3]];
      const x = float32Values(
        c.x.reduce((a, b) => a * b),
        3,
        ...c.range,
      );
      const r = float32Values(
        outShape.reduce((a, b) => a * b),
        4,
      );
      const grad = () =>
        tf.grad((t: tf.Tensor) =>
          tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, c.size, c.strides, c.pad), tf.tensor(r, outShape))),
        )(tf.tensor4d(x, c.x));
      const wasm = await valuesOn('wasm', grad);
      const cpu = await valuesOn('cpu', grad);
      expect(scaledError(wasm.values, maxPoolGradRef(x, r, g))).toBeLessThan(1e-6);
      expect(scaledError(wasm.values, cpu.values)).toBeLessThan(1e-6);
    },
  );

  it('sends a tie, and a window of zeros (after relu), to the first maximum; a NaN window passes nothing', async () => {
    // One 2×2 window per channel: [3, 3, 1, 1] (tie), [0, 0, 0, 0] (zeros), [NaN ×4].
    const x = [3, 0, NaN, 3, 0, NaN, 1, 0, NaN, 1, 0, NaN];
    const got = await valuesOn('wasm', () =>
      tf.grad((t: tf.Tensor) =>
        tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid'), tf.tensor([5, 7, 9], [1, 1, 1, 3]))),
      )(tf.tensor4d(x, [1, 2, 2, 3])),
    );
    expect([...got.values]).toEqual([5, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('leaves no tensors or wasm buffers behind', async () => {
    await useBackend('wasm');
    const leaks = await leaksOf(
      () => [tf.tensor4d(float32Values(2 * 6 * 6 * 2, 1), [2, 6, 6, 2])],
      (x) => tf.grad((t: tf.Tensor) => tf.sum(tf.maxPool(t as tf.Tensor4D, 3, 2, 'same')))(x!),
    );
    expect(leaks).toEqual({ tensors: 0, dataIds: 0 });
  });
});
