import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { shuffledIndices, tensorDataset } from './dataset';
import { mulberry32 } from './random';
import { code } from './testing/errors';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

describe('seeded shuffling', () => {
  it('is a permutation, the same for the same (seed, epoch), and fresh per epoch and seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer(), fc.nat(1000), (size, seed, epoch) => {
        const order = shuffledIndices(size, seed, epoch);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i));
        expect(shuffledIndices(size, seed, epoch)).toEqual(order);
      }),
    );
    const a = shuffledIndices(100, 7, 0);
    expect(shuffledIndices(100, 7, 1)).not.toEqual(a);
    expect(shuffledIndices(100, 8, 0)).not.toEqual(a);
  });

  it('mulberry32 matches its reference sequence', () => {
    // First outputs for seed 0, computed with an independent Python transcription of the reference C.
    const next = mulberry32(0);
    const got = [next(), next(), next()].map((v) => Math.round(v * 4294967296));
    expect(got).toEqual([1144304738, 1416247, 958946056]);
  });
});

describe('tensorDataset', () => {
  it('batches rows of plain arrays (int32 from integer arrays) and of tensors, in index order', async () => {
    const data = tensorDataset(
      { data: [1, 2, 3, 4, 5, 6], shape: [3, 2] },
      { data: Int32Array.from([7, 8, 9]), shape: [3] },
    );
    expect(data.size).toBe(3);
    const before = tf.memory().numTensors;
    const { x, y } = data.batch([2, 0]);
    expect(x.shape).toEqual([2, 2]);
    expect(Array.from(await x.data())).toEqual([5, 6, 1, 2]);
    expect(y.dtype).toBe('int32');
    expect(Array.from(await y.data())).toEqual([9, 7]);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);

    const tx = tf.tensor3d([[[1]], [[2]], [[3]]]);
    const ty = tf.tensor1d([0, 1, 2], 'int32');
    const fromTensors = tensorDataset(tx, ty);
    const b = fromTensors.batch([1, 1, 2]);
    expect(b.x.shape).toEqual([3, 1, 1]);
    expect(Array.from(await b.x.data())).toEqual([2, 2, 3]);
    expect(Array.from(await b.y.data())).toEqual([1, 1, 2]);
    tf.dispose([b.x, b.y]);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([tx, ty]);
  });

  it('names mismatched sizes, bad shapes and bad indices', () => {
    expect(code(() => tensorDataset({ data: [1, 2], shape: [2] }, { data: [1], shape: [1] }))).toEqual([
      'SHAPE_MISMATCH',
      'y',
    ]);
    expect(code(() => tensorDataset({ data: [1, 2, 3], shape: [2] }, { data: [1], shape: [1] }))).toEqual([
      'SHAPE_MISMATCH',
      'x',
    ]);
    expect(code(() => tensorDataset({ data: [1], shape: [] }, { data: [1], shape: [1] }))).toEqual([
      'SHAPE_MISMATCH',
      'x',
    ]);
    expect(code(() => tensorDataset(42 as never, { data: [1], shape: [1] }))).toEqual(['INVALID_ARGUMENT', 'x']);
    const data = tensorDataset({ data: [1, 2], shape: [2] }, { data: [1, 2], shape: [2] });
    expect(code(() => data.batch([0, 2]))).toEqual(['INVALID_ARGUMENT', 'indices']);
    expect(code(() => shuffledIndices(3, 0.5, 0))).toEqual(['INVALID_ARGUMENT', 'seed']);
  });
});
