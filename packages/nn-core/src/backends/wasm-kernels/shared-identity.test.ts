import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './test-backends';

tf.env().set('PROD', true);

interface DataIdOf {
  dataId: object;
}

describe('Identity on wasm', () => {
  beforeAll(() => useBackend('wasm'));

  it("is nn-core's kernel once the backend is active", () => {
    expect(
      (tf.getKernel('Identity', 'wasm') as unknown as Record<symbol, unknown>)[
        Symbol.for('chatgpt-explained.shared-identity')
      ],
    ).toBe(true);
  });

  it('a clone shares the buffer, which lives until the last tensor using it is disposed', () => {
    const buffers = tf.memory() as unknown as { numDataBuffers: number };
    const before = { tensors: tf.memory().numTensors, buffers: buffers.numDataBuffers };
    const x = tf.tensor([1, 2, 3, 4], [2, 2]);
    const y = tf.clone(x);
    expect((y as unknown as DataIdOf).dataId).toBe((x as unknown as DataIdOf).dataId);
    expect((tf.memory() as unknown as { numDataBuffers: number }).numDataBuffers).toBe(before.buffers + 1);
    x.dispose();
    expect(y.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const z = tf.add(y, 1); // the shared buffer still reads right in a kernel
    expect(Array.from(z.dataSync())).toEqual([2, 3, 4, 5]);
    y.dispose();
    z.dispose();
    expect(tf.memory().numTensors).toBe(before.tensors);
    expect((tf.memory() as unknown as { numDataBuffers: number }).numDataBuffers).toBe(before.buffers);
  });

  it('gradients that save their inputs (through clones) equal the cpu backend, and nothing leaks', async () => {
    const f = (x: tf.Tensor) => tf.sum(tf.mul(tf.tanh(tf.matMul(x, x)), tf.exp(x)));
    const run = async (backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      const g = tf.tidy(() => tf.grad(f)(tf.tensor([0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.9], [3, 3])));
      const values = Array.from(await g.data());
      g.dispose();
      expect(tf.memory().numTensors).toBe(before);
      return values;
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i]!, 5));
  });

  it('a variable assigned a clone keeps its value after the source is disposed', async () => {
    await useBackend('wasm');
    const v = tf.variable(tf.zeros([3]));
    const source = tf.tensor([4, 5, 6]);
    v.assign(tf.clone(source));
    source.dispose();
    expect(Array.from(v.dataSync())).toEqual([4, 5, 6]);
    v.dispose();
  });
});
