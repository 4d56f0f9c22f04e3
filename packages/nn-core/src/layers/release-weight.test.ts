import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../../test/layer-backends';
import { thrown } from '../test/thrown';
import { mlp } from './mlp';

tf.env().set('PROD', true);

describeOnBackends('Layer.releaseWeight', () => {
  it('empties one weight, keeps the others and their values, and frees the memory', () => {
    const layer = mlp({ embedDim: 4, mlpRatio: 2 }).initialize({ seed: 1 });
    const keep = Array.from(layer.weight('c_proj.weight').dataSync());
    const before = tf.memory();
    layer.releaseWeight('c_fc.weight');
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(before.numBytes - after.numBytes).toBe(4 * 8 * 4);
    expect(layer.weight('c_fc.weight').shape).toEqual([0]);
    expect(layer.trainableVariables().length).toBe(3);
    // 4·8 weights gone from the count: 8 (c_fc.bias) + 32 (c_proj.weight) + 4 (c_proj.bias) are left.
    expect(layer.parameterCount()).toBe(44);
    expect(Array.from(layer.weight('c_proj.weight').dataSync())).toEqual(keep);
    layer.initialize({ seed: 2 });
    expect(layer.weight('c_fc.weight').shape).toEqual([0]);
    layer.dispose();
  });

  it('refuses an unknown name with NAME_UNKNOWN listing the known ones', () => {
    const layer = mlp({ embedDim: 4 }).initialize();
    const error = thrown(() => layer.releaseWeight('c_fc.kernel'));
    expect(error).toMatchObject({ name: 'NnCoreError', code: 'NAME_UNKNOWN' });
    expect(String((error as Error).message)).toContain('c_fc.weight');
    layer.dispose();
  });
});

describeOnBackends('Layer.initialize with values', () => {
  it('takes given values by name and draws the rest from the seed; refuses a wrong size', () => {
    const seeded = mlp({ embedDim: 2, mlpRatio: 2 }).initialize({ seed: 5 });
    const layer = mlp({ embedDim: 2, mlpRatio: 2 }).initialize({
      seed: 5,
      values: (name, shape) =>
        name === 'c_fc.weight' ? Array.from({ length: shape[0]! * shape[1]! }, (_, i) => i) : undefined,
    });
    expect(Array.from(layer.weight('c_fc.weight').dataSync())).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(layer.weight('c_proj.weight').dataSync())).toEqual(
      Array.from(seeded.weight('c_proj.weight').dataSync()),
    );
    const error = thrown(() => mlp({ embedDim: 2 }).initialize({ values: () => [1, 2, 3] }));
    expect(error).toMatchObject({ name: 'NnCoreError', code: 'SHAPE_MISMATCH', argument: 'c_fc.weight' });
    seeded.dispose();
    layer.dispose();
  });

  it('a weight released before initialisation is created empty', () => {
    const layer = mlp({ embedDim: 4 });
    const before = tf.memory().numTensors;
    layer.releaseWeight('c_proj.weight');
    expect(tf.memory().numTensors).toBe(before);
    layer.initialize();
    expect(layer.weight('c_proj.weight').shape).toEqual([0]);
    expect(layer.weight('c_fc.weight').shape).toEqual([4, 16]);
    layer.dispose();
  });
});
