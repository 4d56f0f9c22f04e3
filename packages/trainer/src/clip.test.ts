import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm, clipByValue } from './clip';
import { code } from './testing/errors';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

describe('gradient clipping', () => {
  it('scales all gradients by maxNorm / (norm + 1e-6) when the global norm is larger', async () => {
    const a = tf.tensor1d([3, 4]);
    const b = tf.tensor2d([[12]]);
    const before = tf.memory().numTensors;
    const { grads, norm } = clipByGlobalNorm([a, b], 6.5);
    expect((await norm.data())[0]).toBeCloseTo(13, 5); // √(9 + 16 + 144)
    const scale = 6.5 / (13 + 1e-6);
    expect(Array.from(await grads[0]!.data())).toEqual(
      [3 * scale, 4 * scale].map(Math.fround).map((v) => expect.closeTo(v, 6)),
    );
    expect((await grads[1]!.data())[0]).toBeCloseTo(12 * scale, 5);
    expect(grads[1]!.shape).toEqual([1, 1]);
    tf.dispose([...grads, norm]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });

  it('leaves gradients under the limit unchanged, and clamps by value', async () => {
    const a = tf.tensor1d([0.3, -0.4]);
    const { grads, norm } = clipByGlobalNorm([a], 1);
    expect(Array.from(await grads[0]!.data())).toEqual(Array.from(await a.data()));
    const clamped = clipByValue([tf.tensor1d([-3, 0.5, 2])], 1);
    expect(Array.from(await clamped[0]!.data())).toEqual([-1, 0.5, 1]);
    tf.dispose([a, ...grads, norm, ...clamped]);
    expect(code(() => clipByGlobalNorm([], 0))).toEqual(['INVALID_ARGUMENT', 'maxNorm']);
    expect(code(() => clipByValue([], -1))).toEqual(['INVALID_ARGUMENT', 'limit']);
  });
});
