import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { describeOnBackends } from '../../test/layer-backends';
import { refPool2d, type RefTensor } from '../test/reference-layers';
import { maxRelativeError, randomValues } from '../test/reference-ops';
import { thrown } from '../test/thrown';
import { avgPool2d, maxPool2d, type Pool2DOptions } from './pooling';
import { sequential } from './sequential';

tf.env().set('PROD', true);

/** Max is exact; an average of ≤ 9 float32 values is within a few ulps: 1e-6 relative (floor 1). */
const TOLERANCE = 1e-6;

const CASES: ReadonlyArray<readonly [string, Pool2DOptions, readonly [number, number], readonly [number, number]]> = [
  ['default (2×2, stride 2, valid)', {}, [2, 2], [2, 2]],
  ['3×3 stride 2 valid', { poolSize: 3, strides: 2 }, [3, 3], [2, 2]],
  ['2×2 same (odd input, overhanging windows)', { padding: 'same' }, [2, 2], [2, 2]],
  ['[3, 2] strides [1, 2] same', { poolSize: [3, 2], strides: [1, 2], padding: 'same' }, [3, 2], [1, 2]],
];

const INPUT = [2, 5, 7, 3] as const;

describeOnBackends('pooling forward against float64 loops', () => {
  for (const kind of ['max', 'avg'] as const) {
    it.each(CASES)(`${kind}: %s`, async (_name, options, pool, strides) => {
      const layer = kind === 'max' ? maxPool2d(options) : avgPool2d(options);
      const x: RefTensor = {
        data: randomValues(
          INPUT.reduce((a, b) => a * b, 1),
          3,
        ),
        shape: INPUT,
      };
      const want = refPool2d(kind, x, pool, strides, options.padding ?? 'valid');
      const before = tf.memory().numTensors;
      const input = tf.tensor(Float32Array.from(x.data), [...INPUT]); // [B, H, W, C]
      const y = layer.apply(input); // [B, H', W', C]
      expect(y.shape).toEqual(want.shape);
      expect(maxRelativeError(await y.data(), want.data)).toBeLessThanOrEqual(TOLERANCE);
      tf.dispose([input, y]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('average pooling with same padding divides by the cells inside the image (hand-computed)', async () => {
    // [[1, 2, 3], [4, 5, 6], [7, 8, 9]] pooled 2×2 stride 2 'same': windows {1,2,4,5}, {3,6}, {7,8}, {9}.
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const avg = avgPool2d({ padding: 'same' }).apply(x);
    const negated = tf.neg(x);
    const max = maxPool2d({ padding: 'same' }).apply(negated);
    expect(Array.from(await avg.data())).toEqual([3, 4.5, 7.5, 9]);
    expect(Array.from(await max.data())).toEqual([-1, -3, -7, -9]);
    tf.dispose([x, negated, avg, max]);
  });
});

describe('pooling options and inputs', () => {
  it('has no weights; strides default to the pool size', () => {
    const layer = maxPool2d({ poolSize: [3, 2] });
    expect(layer.parameterCount()).toBe(0);
    expect(layer.strides).toEqual([3, 2]);
    expect(avgPool2d().poolSize).toEqual([2, 2]);
    expect(avgPool2d().padding).toBe('valid');
  });

  it.each([
    ['poolSize', { poolSize: 0 }, 0],
    ['strides', { strides: [1, 2, 3] }, [1, 2, 3]],
    ['padding', { padding: 'SAME' }, 'SAME'],
    ['pool', { pool: 2 }, 2],
  ] as const)('refuses a bad %s', (argument, options, value) => {
    for (const make of [maxPool2d, avgPool2d]) {
      const error = thrown(() => make(options as unknown as Pool2DOptions));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.argument).toBe(argument);
      expect(error.value).toEqual(value);
    }
  });

  it('throws SHAPE_MISMATCH naming the layer path for a wrong rank or too small an image', () => {
    const model = sequential({ pool: maxPool2d({ poolSize: 3 }) });
    for (const shape of [
      [4, 4, 3],
      [1, 2, 5, 3],
    ]) {
      const x = tf.zeros(shape);
      const error = thrown(() => model.apply(x));
      expect(error.code).toBe('SHAPE_MISMATCH');
      expect(error.message).toContain('MaxPool2D "pool"');
      x.dispose();
    }
  });
});
