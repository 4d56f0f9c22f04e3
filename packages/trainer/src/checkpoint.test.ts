import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, decodeSafetensors, encodeSafetensors, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FORMAT, loadCheckpoint, memoryCheckpointStore, readCheckpoint, saveCheckpoint } from './checkpoint';
import { adam } from './optimizers/adam';
import { momentum } from './optimizers/momentum';
import { trainStep } from './step';
import { code } from './testing/errors';
import { mlp } from './testing/models';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

async function stepped() {
  const model = mlp(4).initialize({ seed: 1 });
  const optimizer = adam({ learningRate: 0.01 });
  const x = tf.tensor2d([[0.5], [-1]]);
  const y = tf.tensor2d([[1], [0]]);
  await trainStep(model, { x, y }, { loss: 'l2', optimizer });
  await trainStep(model, { x, y }, { loss: 'l2', optimizer });
  tf.dispose([x, y]);
  return { model, optimizer };
}

describe('checkpoint files', () => {
  it('hold weights, optimizer state, losses and settings as safetensors, and load them back', async () => {
    const { model, optimizer } = await stepped();
    const before = tf.memory().numTensors;
    const bytes = await saveCheckpoint(model, optimizer, {
      step: 2,
      seed: 7,
      losses: [0.5, 0.25],
      config: { batchSize: 2 },
    });
    expect(tf.memory().numTensors).toBe(before);
    const file = decodeSafetensors(bytes);
    expect(file.metadata).toMatchObject({ format: CHECKPOINT_FORMAT, version: '1', step: '2', seed: '7' });
    expect([...file.tensors.keys()]).toContain('model/in.weight');
    expect(file.tensors.get('optimizer/step')).toMatchObject({ dtype: 'I32', shape: [] });
    expect(file.tensors.get('optimizer/m.out.bias')).toMatchObject({ dtype: 'F32', shape: [1] });
    const info = readCheckpoint(bytes).info;
    expect(info).toMatchObject({ step: 2, seed: 7, losses: [0.5, 0.25], config: { batchSize: 2 } });
    expect(info.optimizer).toMatchObject({ name: 'adam', learningRate: 0.01, beta1: 0.9 });

    const copy = mlp(4).initialize({ seed: 2 });
    const copyOptimizer = adam({ learningRate: 0.01 });
    const counted = tf.memory().numTensors;
    loadCheckpoint(bytes, copy, copyOptimizer);
    expect(await copy.readWeights()).toEqual(await model.readWeights());
    const [a, b] = [optimizer.state(), copyOptimizer.state()];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const key of Object.keys(a))
      expect(Array.from(await b[key]!.data())).toEqual(Array.from(await a[key]!.data()));
    tf.dispose([...Object.values(a), ...Object.values(b)]);
    // Loaded state: 12 slots (m and v of 6 weights); nothing else stays behind.
    expect(tf.memory().numTensors).toBe(counted + 12);
    for (const o of [optimizer, copyOptimizer]) o.dispose();
    for (const m of [model, copy]) m.dispose();
  });

  it('refuse what does not fit, leaving the model and optimizer as they were', async () => {
    const { model, optimizer } = await stepped();
    const bytes = await saveCheckpoint(model, optimizer, { step: 0, seed: 0 });
    const target = mlp(4).initialize({ seed: 3 });
    const weights = await target.readWeights();
    const other = momentum({ learningRate: 0.1 });
    expect(code(() => loadCheckpoint(bytes, target, other))).toEqual(['CHECKPOINT_MISMATCH', 'optimizer']);
    const small = mlp(3);
    expect(code(() => loadCheckpoint(bytes, small, optimizer))).toEqual(['CHECKPOINT_INVALID', 'checkpoint']);
    small.dispose();
    expect(code(() => readCheckpoint(new Uint8Array([1, 2, 3])))).toEqual(['CHECKPOINT_INVALID', 'checkpoint']);
    const plain = encodeSafetensors({ w: { shape: [1], data: Float32Array.of(1) } });
    expect(code(() => readCheckpoint(plain))).toEqual(['CHECKPOINT_INVALID', 'checkpoint']);
    // A checkpoint whose model part fits but whose optimizer part names a weight the model lacks.
    const file = decodeSafetensors(bytes);
    const tensors = new Map(
      [...file.tensors].map(([name, e]) => [name, { dtype: e.dtype, shape: e.shape, bytes: e.bytes }]),
    );
    tensors.set('optimizer/m.nope', { dtype: 'F32', shape: [1], bytes: new Uint8Array(4) });
    const broken = encodeSafetensors(tensors, file.metadata);
    const fresh = adam({ learningRate: 0.01 });
    expect(code(() => loadCheckpoint(broken, target, fresh))).toEqual(['CHECKPOINT_INVALID', 'checkpoint']);
    expect(await target.readWeights()).toEqual(weights);
    const freshState = fresh.state();
    expect(Object.keys(freshState)).toEqual(['step']);
    tf.dispose(Object.values(freshState));
    await expect(saveCheckpoint(model, optimizer, { step: 3, seed: 0, losses: [1] })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'losses',
    });
    for (const o of [optimizer, other, fresh]) o.dispose();
    for (const m of [model, target]) m.dispose();
  });

  it('the memory store keeps its own copies', async () => {
    const store = memoryCheckpointStore();
    const bytes = Uint8Array.of(1, 2, 3);
    await store.write('a', bytes);
    bytes[0] = 9;
    const read = await store.read('a');
    expect(Array.from(read!)).toEqual([1, 2, 3]);
    read![1] = 9;
    expect(Array.from((await store.read('a'))!)).toEqual([1, 2, 3]);
    expect(await store.read('b')).toBeUndefined();
    expect(store.names()).toEqual(['a']);
  });
});
