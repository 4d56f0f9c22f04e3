/**
 * The resume guarantee: a run interrupted after a checkpoint, resumed by a fresh model and optimizer
 * from that checkpoint, computes bit for bit the losses and weights of a run that never stopped
 * (with shuffling, a partial last batch, dropout, augmentation, a schedule, clipping and AdamW).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, initBackend, type Layer } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryCheckpointStore, readCheckpoint } from './checkpoint';
import { adam, adamw } from './optimizers/adam';
import { sgd } from './optimizers/sgd';
import { cosineSchedule } from './schedules';
import { rejection } from './testing/errors';
import { mlp, sineData } from './testing/models';
import { train, type TrainOptions } from './train';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

const TOTAL = 14;
const { dataset } = sineData(20); // batch 6: steps of 6, 6, 6, 2 examples per epoch

function options(overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    loss: 'l2',
    optimizer: adamw({ learningRate: 0.02, weightDecay: 0.1 }),
    batchSize: 6,
    steps: TOTAL,
    seed: 42,
    learningRate: cosineSchedule({ warmupSteps: 3, totalSteps: TOTAL, minLearningRate: 0.001 }),
    clipNorm: 1,
    augment: (batch, { rng }) => ({ x: tf.add(batch.x, tf.scalar((rng() - 0.5) * 0.1)), y: batch.y }),
    ...overrides,
  };
}

async function weightsOf(model: Layer): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [name, { data }] of Object.entries(await model.readWeights())) out[name] = Array.from(data);
  return out;
}

describe('checkpoint and resume', () => {
  it('an interrupted and resumed run equals an uninterrupted one bit for bit', async () => {
    // Models first: nn-core's initialize() keeps one tensor per weight beyond the variable (see the
    // leak checks below, which count only what training creates).
    const straightModel = mlp(8, 0.25).initialize({ seed: 5 });
    const first = mlp(8, 0.25).initialize({ seed: 5 });
    const second = mlp(8, 0.25).initialize({ seed: 999 }); // other initial weights: the checkpoint must set them
    const before = tf.memory().numTensors;

    // Uninterrupted, also writing checkpoints (which must not change anything).
    const straightOptions = options({ checkpoint: { store: memoryCheckpointStore(), every: 4 } });
    const straight = await train(straightModel, dataset, straightOptions);
    const straightWeights = await weightsOf(straightModel);
    straightOptions.optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // Interrupted at step 7; the last checkpoint is step 5's.
    const store = memoryCheckpointStore();
    const written: number[] = [];
    const controller = new AbortController();
    const firstOptions = options({
      checkpoint: { store, every: 5, name: 'run', onWrite: (e) => written.push(e.step) },
      signal: controller.signal,
      onProgress: (e) => {
        if (e.step === 7) controller.abort();
      },
    });
    await expect(train(first, dataset, firstOptions)).rejects.toMatchObject({ name: 'AbortError' });
    expect(written).toEqual([5]);
    firstOptions.optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // Fresh model (other initial weights) and optimizer, resumed from the store.
    const secondOptions = options({ checkpoint: { store, every: 5, name: 'run' }, resume: true });
    const resumed = await train(second, dataset, secondOptions);
    expect(resumed.startStep).toBe(5);
    expect(resumed.losses).toHaveLength(TOTAL);
    expect(resumed.losses).toEqual(straight.losses); // steps 1–5 from the checkpoint, 6–14 recomputed
    expect(await weightsOf(second)).toEqual(straightWeights);
    const info = readCheckpoint((await store.read('run'))!).info;
    expect(info.step).toBe(TOTAL); // written at the end of the run
    expect(info.losses).toEqual(straight.losses);
    secondOptions.optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (const model of [straightModel, first, second]) model.dispose();
  });

  it('"auto" starts afresh without a checkpoint; true fails; a different run is refused by name', async () => {
    const store = memoryCheckpointStore();
    const model = mlp(4).initialize({ seed: 1 });
    const opt = sgd({ learningRate: 0.01 });
    const base = { loss: 'l2' as const, optimizer: opt, batchSize: 5, steps: 4, checkpoint: { store, every: 2 } };
    const missing = await rejection(train(model, dataset, { ...base, resume: true }));
    expect([missing.code, missing.argument]).toEqual(['CHECKPOINT_NOT_FOUND', 'resume']);
    const fresh = await train(model, dataset, { ...base, resume: 'auto' });
    expect(fresh.startStep).toBe(0);
    const again = await train(model, dataset, { ...base, steps: 6, resume: 'auto' });
    expect(again.startStep).toBe(4);
    expect(again.losses.slice(0, 4)).toEqual(fresh.losses);
    const seed = await rejection(train(model, dataset, { ...base, seed: 3, resume: true }));
    expect([seed.code, seed.argument]).toEqual(['CHECKPOINT_MISMATCH', 'seed']);
    const batch = await rejection(train(model, dataset, { ...base, batchSize: 4, resume: true }));
    expect([batch.code, batch.argument]).toEqual(['CHECKPOINT_MISMATCH', 'batchSize']);
    const otherOpt = adam({ learningRate: 0.01 });
    const kind = await rejection(train(model, dataset, { ...base, optimizer: otherOpt, resume: true }));
    expect([kind.code, kind.argument]).toEqual(['CHECKPOINT_MISMATCH', 'optimizer']);
    const other = mlp(5);
    const shape = await rejection(train(other, dataset, { ...base, resume: true }));
    expect(shape.code).toBe('CHECKPOINT_INVALID');
    expect(shape.message).toMatch(/"in\.weight" has shape \[1, 4\]; the model's weight has \[1, 5\]/);
    for (const layer of [model, other]) layer.dispose();
    opt.dispose();
    otherOpt.dispose();
  });

  it('a failing store is reported as CHECKPOINT_WRITE_FAILED naming the step', async () => {
    const model = mlp(4).initialize({ seed: 1 });
    const opt = sgd({ learningRate: 0.01 });
    const store = { write: () => Promise.reject(new Error('disk full')), read: () => Promise.resolve(undefined) };
    const error = await rejection(
      train(model, dataset, { loss: 'l2', optimizer: opt, batchSize: 5, steps: 3, checkpoint: { store, every: 2 } }),
    );
    expect(error.code).toBe('CHECKPOINT_WRITE_FAILED');
    expect(error.message).toBe('train: writing checkpoint "checkpoint" at step 2 failed: disk full');
    model.dispose();
  });
});
