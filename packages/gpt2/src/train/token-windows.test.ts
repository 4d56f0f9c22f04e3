import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../../test/backends';
import { Gpt2Error } from '../errors';
import { tokenWindows } from './token-windows';

describeOnBackends('tokenWindows', () => {
  const ids = Int32Array.of(10, 11, 12, 13, 14, 15);

  it('cuts every start into inputs and the targets one token later (hand-computed)', async () => {
    const data = tokenWindows(ids, { contextLength: 3 });
    // Starts 0, 1, 2: the window at 2 uses ids 12…15, the last one.
    expect(data.size).toBe(3);
    const before = tf.memory().numTensors;
    const { x, y } = data.batch([2, 0]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.dtype).toBe('int32');
    expect(y.dtype).toBe('int32');
    expect(await x.array()).toEqual([
      [12, 13, 14],
      [10, 11, 12],
    ]);
    expect(await y.array()).toEqual([
      [13, 14, 15],
      [11, 12, 13],
    ]);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('strides: starts 0, 2 for stride 2; non-overlapping windows for stride = contextLength', async () => {
    const two = tokenWindows(ids, { contextLength: 3, stride: 2 });
    expect(two.size).toBe(2); // ⌊(6 − 3 − 1) / 2⌋ + 1
    expect(two.start(1)).toBe(2);
    const { x, y } = two.batch([1]);
    expect(await x.array()).toEqual([[12, 13, 14]]);
    expect(await y.array()).toEqual([[13, 14, 15]]);
    tf.dispose([x, y]);
    const apart = tokenWindows(
      Int32Array.from({ length: 9 }, (_, i) => i),
      { contextLength: 4, stride: 4 },
    );
    expect(apart.size).toBe(2);
    const b = apart.batch([0, 1]);
    expect(await b.x.array()).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    expect(await b.y.array()).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    tf.dispose([b.x, b.y]);
  });

  it('refuses bad input with Gpt2Error naming the argument', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(Gpt2Error.isInstance(error)).toBe(true);
        return (error as Gpt2Error).argument;
      }
      return 'no error';
    };
    expect(code(() => tokenWindows(ids, { contextLength: 6 }))).toBe('ids');
    expect(code(() => tokenWindows(ids, { contextLength: 0 }))).toBe('contextLength');
    expect(code(() => tokenWindows(ids, { contextLength: 2, stride: 1.5 }))).toBe('stride');
    expect(code(() => tokenWindows([1, 2, 3] as unknown as Int32Array, { contextLength: 1 }))).toBe('ids');
    const before = tf.memory().numTensors;
    expect(code(() => tokenWindows(ids, { contextLength: 3 }).batch([0, 3]))).toBe('indices');
    expect(tf.memory().numTensors).toBe(before);
  });
});
