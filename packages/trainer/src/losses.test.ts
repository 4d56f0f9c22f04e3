import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossFunction } from './losses';
import { code } from './testing/errors';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

async function value(loss: tf.Scalar): Promise<number> {
  const v = (await loss.data())[0]!;
  loss.dispose();
  return v;
}

/** float64 softmax cross-entropy of one row against a probability vector. */
function crossEntropy64(logits: number[], target: number[]): number {
  const max = Math.max(...logits);
  const lse = max + Math.log(logits.reduce((s, z) => s + Math.exp(z - max), 0));
  return -target.reduce((s, t, c) => s + t * (logits[c]! - lse), 0);
}

describe('l2 and l1', () => {
  it('sum over outputs, mean over examples (hand-computed)', async () => {
    const p = tf.tensor2d([
      [1, 2],
      [3, 5],
    ]);
    const t = tf.tensor2d([
      [0, 4],
      [3, 2],
    ]);
    // differences [1, −2], [0, 3]: squares 1 + 4 + 0 + 9 = 14 over 2 examples; abs 1 + 2 + 0 + 3 = 6.
    expect(await value(lossFunction('l2')(p, t))).toBeCloseTo(7, 6);
    expect(await value(lossFunction('l2', { reduction: 'sum' })(p, t))).toBeCloseTo(14, 6);
    expect(await value(lossFunction('l1')(p, t))).toBeCloseTo(3, 6);
    expect(await value(lossFunction('l1', { reduction: 'sum' })(p, t))).toBeCloseTo(6, 6);
    tf.dispose([p, t]);
  });

  it('rank 1 is one output per example; rank 3 averages over every position', async () => {
    const p = tf.tensor1d([1, 2, 3]);
    const t = tf.tensor1d([2, 2, 5]);
    expect(await value(lossFunction('l2')(p, t))).toBeCloseTo(5 / 3, 6); // (1 + 0 + 4) / 3
    const p3 = tf.tensor3d([[[1, 1, 1]], [[0, 0, 2]]]); // [2, 1, 3]
    const t3 = tf.zeros([2, 1, 3]);
    expect(await value(lossFunction('l1')(p3, t3))).toBeCloseTo(2.5, 6); // (3 + 2) / 2 positions
    tf.dispose([p, t, p3, t3]);
  });

  it('gradient of l2 is 2(p − t) / N', async () => {
    const p = tf.tensor2d([[1, 2]]);
    const t = tf.tensor2d([[0, 5]]);
    const g = tf.grad((x: tf.Tensor) => lossFunction('l2')(x, t))(p);
    expect(Array.from(await g.data())).toEqual([2, -6]);
    tf.dispose([p, t, g]);
  });

  it('refuses mismatched shapes', () => {
    const p = tf.zeros([2, 3]);
    const t = tf.zeros([2, 2]);
    expect(code(() => lossFunction('l2')(p, t))).toEqual(['SHAPE_MISMATCH', 'targets']);
    tf.dispose([p, t]);
  });
});

describe('crossEntropy', () => {
  const logits = [
    [2, -1, 0.5],
    [0, 0, 0],
    [-3, 4, 1],
  ];
  const labels = [0, 2, 1];

  it('matches a float64 softmax cross-entropy for labels and for probabilities', async () => {
    const x = tf.tensor2d(logits);
    const y = tf.tensor1d(labels, 'int32');
    const expected = logits.reduce(
      (s, row, i) =>
        s +
        crossEntropy64(
          row,
          [0, 1, 2].map((c) => (c === labels[i] ? 1 : 0)),
        ),
      0,
    );
    expect(await value(lossFunction('crossEntropy')(x, y))).toBeCloseTo(expected / 3, 6);
    expect(await value(lossFunction('crossEntropy', { reduction: 'sum' })(x, y))).toBeCloseTo(expected, 5);
    const soft = [
      [0.7, 0.2, 0.1],
      [0, 0.5, 0.5],
      [0.25, 0.25, 0.5],
    ];
    const probs = tf.tensor2d(soft);
    const softExpected = logits.reduce((s, row, i) => s + crossEntropy64(row, soft[i]!), 0) / 3;
    expect(await value(lossFunction('crossEntropy')(x, probs))).toBeCloseTo(softExpected, 6);
    tf.dispose([x, y, probs]);
  });

  it('takes sequence logits [B, T, C] with labels [B, T], averaging over positions', async () => {
    const x = tf.tensor3d([logits.slice(0, 2), [logits[2]!, logits[0]!]]); // [2, 2, 3]
    const y = tf.tensor2d(
      [
        [0, 2],
        [1, 1],
      ],
      [2, 2],
      'int32',
    );
    const rows = [logits[0]!, logits[1]!, logits[2]!, logits[0]!];
    const ls = [0, 2, 1, 1];
    const expected =
      rows.reduce(
        (s, row, i) =>
          s +
          crossEntropy64(
            row,
            [0, 1, 2].map((c) => (c === ls[i] ? 1 : 0)),
          ),
        0,
      ) / 4;
    expect(await value(lossFunction('crossEntropy')(x, y))).toBeCloseTo(expected, 6);
    tf.dispose([x, y]);
  });

  it('is stable for huge logits and its gradient is (softmax − onehot) / N', async () => {
    const x = tf.tensor2d([[1000, -1000, 0]]);
    const y = tf.tensor1d([1], 'int32');
    expect(await value(lossFunction('crossEntropy')(x, y))).toBeCloseTo(2000, 2);
    const z = tf.tensor2d(logits);
    const l = tf.tensor1d(labels, 'int32');
    const g = tf.grad((v: tf.Tensor) => lossFunction('crossEntropy')(v, l))(z);
    const got = await g.data();
    logits.forEach((row, i) => {
      const max = Math.max(...row);
      const sum = row.reduce((s, v) => s + Math.exp(v - max), 0);
      row.forEach((v, c) => {
        const expected = (Math.exp(v - max) / sum - (c === labels[i] ? 1 : 0)) / 3;
        expect(got[i * 3 + c]).toBeCloseTo(expected, 6);
      });
    });
    tf.dispose([x, y, z, l, g]);
  });

  it('names bad labels, shapes and dtypes; custom functions pass through; no leaks', () => {
    const x = tf.zeros([2, 3]);
    const bad = tf.tensor1d([0, 3], 'int32');
    const floatLabels = tf.tensor1d([0, 1]);
    const before = tf.memory().numTensors;
    expect(code(() => lossFunction('crossEntropy')(x, bad))).toEqual(['INVALID_ARGUMENT', 'targets']);
    expect(code(() => lossFunction('crossEntropy')(x, floatLabels))).toEqual(['SHAPE_MISMATCH', 'targets']);
    expect(code(() => lossFunction('hinge' as never))).toEqual(['INVALID_ARGUMENT', 'loss']);
    expect(code(() => lossFunction('l2', { reduction: 'max' as never }))).toEqual(['INVALID_ARGUMENT', 'reduction']);
    const custom = (p: tf.Tensor) => tf.sum(p) as tf.Scalar;
    expect(lossFunction(custom)).toBe(custom);
    const good = tf.tensor1d([0, 2], 'int32');
    for (const name of ['l2', 'l1', 'crossEntropy'] as const) {
      const t = name === 'crossEntropy' ? good : x;
      tf.dispose(lossFunction(name)(x, t));
    }
    tf.dispose(good);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, bad, floatLabels]);
  });
});
