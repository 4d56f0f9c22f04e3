import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { NnCoreError } from '../../errors';
import { float32Values, scaledError, segmentSumRef } from './reference';
import { leaksOf, useBackend, valuesOn } from './test-backends';

tf.env().set('PROD', true);

/** Ids in [0, below) from a seed. */
function ids(n: number, below: number, seed: number): Int32Array {
  return Int32Array.from(float32Values(n, seed, 0, below), (v) => Math.floor(v));
}

describe('UnsortedSegmentSum on wasm', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
  });

  it.each([
    { x: [7], segments: 3 },
    { x: [9, 4], segments: 5 },
    { x: [12, 3, 2], segments: 4 },
    { x: [6, 5], segments: 10 }, // more segments than rows: some stay zero
  ])('x $x into $segments segments: matches the float64 sums and the cpu backend', async ({ x: shape, segments }) => {
    const n = shape[0]!;
    const inner = shape.slice(1).reduce((a, b) => a * b, 1);
    const x = float32Values(n * inner, 31);
    const segIds = ids(n, segments, 37);
    const run = () => tf.unsortedSegmentSum(tf.tensor(x, shape), tf.tensor1d(segIds, 'int32'), segments);
    const wasm = await valuesOn('wasm', run);
    const cpu = await valuesOn('cpu', run);
    expect(wasm.shape).toEqual([segments, ...shape.slice(1)]);
    expect(wasm.dtype).toBe('float32');
    expect(scaledError(wasm.values, segmentSumRef(x, segIds, segments, inner))).toBeLessThan(1e-6);
    expect(scaledError(wasm.values, cpu.values)).toBeLessThan(1e-6);
  });

  it('sums int32 values exactly and keeps the dtype', async () => {
    const x = Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const got = await valuesOn('wasm', () =>
      tf.unsortedSegmentSum(tf.tensor2d(x, [4, 2], 'int32'), tf.tensor1d([2, 0, 2, 1], 'int32'), 3),
    );
    expect(got.dtype).toBe('int32');
    expect([...got.values]).toEqual([3, 4, 7, 8, 1 + 5, 2 + 6]);
  });

  it('drops ids outside [0, numSegments), as the cpu backend does', async () => {
    const x = [1, 10, 100, 1000, 10000];
    const segIds = [0, -1, 1, 2, 1];
    const run = () => tf.unsortedSegmentSum(tf.tensor1d(x), tf.tensor1d(segIds, 'int32'), 2);
    const wasm = await valuesOn('wasm', run);
    const cpu = await valuesOn('cpu', run);
    expect([...wasm.values]).toEqual([1, 10100]);
    expect([...cpu.values]).toEqual([...wasm.values]);
  });

  it('takes segmentIds of a longer prefix of x (TensorFlow rule): [2, 3] ids on a [2, 3, 2] x', async () => {
    const x = float32Values(12, 3);
    const segIds = [0, 2, 1, 1, 0, 2];
    const got = await valuesOn(
      'wasm',
      () =>
        tf
          .engine()
          .runKernel(
            'UnsortedSegmentSum',
            { x: tf.tensor3d(x, [2, 3, 2]), segmentIds: tf.tensor2d(segIds, [2, 3], 'int32') },
            { numSegments: 3 },
          ) as tf.Tensor,
    );
    expect(got.shape).toEqual([3, 2]);
    expect(scaledError(got.values, segmentSumRef(x, segIds, 3, 2))).toBeLessThan(1e-6);
  });

  it("is tf.gather's gradient: an embedding table's gradient matches the float64 sums and cpu", async () => {
    const [V, D, B, T] = [11, 4, 3, 5];
    const table = float32Values(V * D, 5);
    const tokenIds = ids(B * T, V, 7);
    const upstream = float32Values(B * T * D, 9);
    const grad = () =>
      tf.grad((w: tf.Tensor) =>
        tf.sum(tf.mul(tf.gather(w, tf.tensor2d(tokenIds, [B, T], 'int32')), tf.tensor3d(upstream, [B, T, D]))),
      )(tf.tensor2d(table, [V, D]));
    const wasm = await valuesOn('wasm', grad);
    const cpu = await valuesOn('cpu', grad);
    expect(scaledError(wasm.values, segmentSumRef(upstream, tokenIds, V, D))).toBeLessThan(1e-6);
    expect(scaledError(wasm.values, cpu.values)).toBeLessThan(1e-6);
  });

  it('leaves no tensors or wasm buffers behind', async () => {
    await useBackend('wasm');
    const leaks = await leaksOf(
      () => [tf.tensor2d(float32Values(12, 1), [6, 2]), tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32')],
      (x, s) => tf.unsortedSegmentSum(x!, s as tf.Tensor1D, 3),
    );
    expect(leaks).toEqual({ tensors: 0, dataIds: 0 });
  });

  it('refuses segmentIds that do not begin x’s shape, and float segmentIds', async () => {
    await useBackend('wasm');
    const attempt = (segmentIds: () => tf.Tensor): NnCoreError => {
      let error: unknown;
      tf.tidy(() => {
        try {
          tf.engine().runKernel(
            'UnsortedSegmentSum',
            { x: tf.zeros([4, 2]), segmentIds: segmentIds() },
            { numSegments: 2 },
          );
        } catch (e) {
          error = e;
        }
      });
      if (!NnCoreError.isInstance(error)) throw new Error(`expected an NnCoreError, got ${String(error)}`);
      return error;
    };
    const shape = attempt(() => tf.tensor1d([0, 1, 0], 'int32'));
    expect([shape.code, shape.argument, shape.value]).toEqual(['SHAPE_MISMATCH', 'segmentIds', [3]]);
    expect(shape.message).toContain("does not begin x's shape [4, 2]");
    const dtype = attempt(() => tf.tensor1d([0, 1, 0, 1], 'float32'));
    expect([dtype.code, dtype.argument, dtype.value]).toEqual(['INVALID_ARGUMENT', 'segmentIds', 'float32']);
  });
});
