import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { runWithCapture } from '../model/capture';
import { describeOnBackends } from '../../test/layer-backends';
import { refActivation, refConv2d, refDense, refPool2d } from '../test/reference-layers';
import { maxRelativeError, randomValues } from '../test/reference-ops';
import { thrown } from '../test/thrown';
import { relu } from './activation';
import { conv2d } from './conv2d';
import { dense } from './dense';
import { flatten } from './flatten';
import { maxPool2d } from './pooling';
import { sequential } from './sequential';

tf.env().set('PROD', true);

/** A conv layer of 3·3·2 products then a dense layer of 24: float32 error ≤ 1e-5 relative (floor 1). */
const TOLERANCE = 1e-5;

describeOnBackends('flatten', () => {
  it('keeps the batch axis and the row-major order of the rest', async () => {
    const data = Float32Array.from({ length: 2 * 3 * 4 * 5 }, (_, i) => i);
    const before = tf.memory().numTensors;
    const x = tf.tensor(data, [2, 3, 4, 5]);
    const y = flatten().apply(x);
    expect(y.shape).toEqual([2, 60]);
    expect(await y.data()).toEqual(data);
    const flat = tf.ones([3, 4]);
    const same = flatten().apply(flat);
    expect(same.shape).toEqual([3, 4]);
    tf.dispose([x, y, flat, same]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a small CNN (conv → relu → max pool → flatten → dense) matches the float64 composition', async () => {
    const model = sequential({
      conv: conv2d({ inChannels: 2, filters: 3, kernelSize: 3, padding: 'same' }),
      act: relu(),
      pool: maxPool2d(),
      flat: flatten(),
      out: dense({ inputs: 2 * 2 * 3, units: 4 }),
    }).initialize();
    const x = randomValues(2 * 4 * 5 * 2, 1); // [2, 4, 5, 2]
    const w = {
      'conv.weight': randomValues(3 * 3 * 2 * 3, 2),
      'conv.bias': randomValues(3, 3),
      'out.weight': randomValues(12 * 4, 4),
      'out.bias': randomValues(4, 5),
    };
    model.setWeights(w);
    const conv = refConv2d(
      { data: x, shape: [2, 4, 5, 2] },
      { data: w['conv.weight'], shape: [3, 3, 2, 3] },
      w['conv.bias'],
      [1, 1],
      'same',
    );
    const pooled = refPool2d(
      'max',
      { data: refActivation('relu', conv.data, 3), shape: conv.shape },
      [2, 2],
      [2, 2],
      'valid',
    );
    expect(pooled.shape).toEqual([2, 2, 2, 3]);
    const want = refDense(pooled.data, 2, 12, w['out.weight'], w['out.bias'], 4);
    const before = tf.memory().numTensors;
    const input = tf.tensor(Float32Array.from(x), [2, 4, 5, 2]);
    const { output, activations } = runWithCapture(model, input, { capture: ['flat'] });
    expect(activations['flat']!.shape).toEqual([2, 12]);
    expect(maxRelativeError(await activations['flat']!.data(), pooled.data)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxRelativeError(await output.data(), want)).toBeLessThanOrEqual(TOLERANCE);
    tf.dispose([input, output, ...Object.values(activations)]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('flatten inputs', () => {
  it('throws SHAPE_MISMATCH naming the layer path for rank < 2', () => {
    const x = tf.ones([5]);
    const error = thrown(() => sequential({ flat: flatten() }).apply(x));
    expect(error.code).toBe('SHAPE_MISMATCH');
    expect(error.message).toBe('Flatten "flat": input has shape [5]; expected [B, ...] of rank ≥ 2');
    x.dispose();
  });
});
