import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend, valuesOn } from './test-backends';

tf.env().set('PROD', true);

describe('OneHot on wasm', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
  });

  it.each(['float32', 'int32'] as const)('writes %s values, off-range ids give all-off rows', async (dtype) => {
    const run = () => tf.oneHot(tf.tensor1d([2, 0, -1, 3, 1], 'int32'), 3, 5, -2, dtype);
    const wasm = await valuesOn('wasm', run);
    // By hand: on = 5 at the id, off = -2 elsewhere; ids -1 and 3 are outside [0, 3).
    const want = [-2, -2, 5, 5, -2, -2, -2, -2, -2, -2, -2, -2, -2, 5, -2];
    expect(wasm.dtype).toBe(dtype);
    expect(Array.from(wasm.values)).toEqual(want);
    expect(Array.from((await valuesOn('cpu', run)).values)).toEqual(want);
  });

  it('keeps its shape for rank-2 ids and leaves no tensors behind', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const t = tf.tidy(() => tf.oneHot(tf.tensor2d([[0, 1]], [1, 2], 'int32'), 2));
    expect(t.shape).toEqual([1, 2, 2]);
    expect(Array.from(await t.data())).toEqual([1, 0, 0, 1]);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
