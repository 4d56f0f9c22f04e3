import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, dense, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { tensorDataset } from './dataset';
import { evaluate } from './evaluate';
import { adam } from './optimizers/adam';
import { sgd } from './optimizers/sgd';
import { cosineSchedule } from './schedules';
import { trainStep } from './step';
import { mlp, sineData } from './testing/models';
import { rejection } from './testing/errors';
import { train, type TrainProgress } from './train';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

/** Dense 2 → 1 with w = [1, −1], b = 0.5. */
function linear() {
  const model = dense({ inputs: 2, units: 1 });
  model.initialize({ seed: 0 });
  model.setWeights({ weight: [1, -1], bias: [0.5] });
  return model;
}

describe('trainStep', () => {
  it('takes one SGD step with the hand-computed gradient of the l2 loss, leaking nothing', async () => {
    const model = linear();
    const x = tf.tensor2d([
      [1, 2],
      [3, -1],
    ]);
    const y = tf.tensor2d([[0], [1]]);
    const before = tf.memory().numTensors;
    // p = x·w + b = [−0.5, 4.5]; r = p − y = [−0.5, 3.5]; loss = (0.25 + 12.25) / 2 = 6.25.
    // ∂/∂w = (2/2)·Σ r_i x_i = [10, −4.5]; ∂/∂b = Σ r_i = 3; lr 0.1 → w = [0, −0.55], b = 0.2.
    const loss = await trainStep(model, { x, y }, { loss: 'l2', optimizer: sgd({ learningRate: 0.1 }) });
    expect(loss).toBeCloseTo(6.25, 6);
    expect(tf.memory().numTensors).toBe(before);
    const w = await model.readWeights();
    expect(Array.from(w['weight']!.data).map((v) => Number(v.toFixed(6)))).toEqual([0, -0.55]);
    expect(w['bias']!.data[0]).toBeCloseTo(0.2, 6);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('train', () => {
  it('fits y = sin(2x) + 0.3x with an MLP: the loss falls below 0.01, with progress events and no leaks', async () => {
    const { dataset } = sineData(64);
    const model = mlp(16).initialize({ seed: 1 });
    const before = tf.memory().numTensors;
    const optimizer = adam({ learningRate: 0.02 });
    const events: TrainProgress[] = [];
    const result = await train(model, dataset, {
      loss: 'l2',
      optimizer,
      batchSize: 16,
      epochs: 100,
      learningRate: cosineSchedule({ warmupSteps: 20, totalSteps: 400, minLearningRate: 0.002 }),
      clipNorm: 5,
      progressEvery: 50,
      onProgress: (event) => events.push(event),
    });
    expect(result.steps).toBe(400);
    expect(result.stepsPerEpoch).toBe(4);
    expect(result.epochs).toBe(100);
    expect(result.losses).toHaveLength(400);
    const first = result.losses[0]!;
    const final = await evaluate(model, dataset, { loss: 'l2' });
    expect(first).toBeGreaterThan(0.3);
    expect(final).toBeLessThan(0.01);
    expect(events.map((e) => e.step)).toEqual(Array.from({ length: 8 }, (_, i) => (i + 1) * 50));
    expect(events[0]).toMatchObject({ totalSteps: 400, epoch: 13, stepsPerEpoch: 4, loss: result.losses[49] });
    expect(events[0]!.learningRate).toBeCloseTo(0.002 + 0.5 * (1 + Math.cos((Math.PI * 29) / 380)) * 0.018, 12);
    expect(events.every((e) => e.examplesPerSecond > 0 && e.elapsedMs >= 0)).toBe(true);
    expect(result.examplesPerSecond).toBeGreaterThan(0);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('stops on a NaN loss with an error naming the step', async () => {
    const ys = Float32Array.from({ length: 12 }, (_, i) => i / 10);
    ys[9] = NaN; // example 9 is in the third batch of 4 when not shuffled
    const data = tensorDataset({ data: ys, shape: [12, 1] }, { data: ys, shape: [12, 1] });
    const model = dense({ inputs: 1, units: 1 }).initialize({ seed: 0 });
    const before = tf.memory().numTensors;
    const error = await rejection(
      train(model, data, { loss: 'l2', optimizer: sgd({ learningRate: 0.01 }), batchSize: 4, shuffle: false }),
    );
    expect(error.code).toBe('LOSS_NOT_FINITE');
    expect(error.argument).toBe('step');
    expect(error.value).toBe(3);
    expect(error.message).toMatch(/^train: loss is NaN at step 3 of 3/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('aborts between steps (from an event, or from a timer mid-run), rejecting with the reason and leaking nothing', async () => {
    const { dataset } = sineData(32);
    const model = mlp(8).initialize({ seed: 2 });
    const before = tf.memory().numTensors;
    const optimizer = adam({ learningRate: 0.01 });
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      train(model, dataset, {
        loss: 'l2',
        optimizer,
        batchSize: 8,
        epochs: 10,
        signal: controller.signal,
        onProgress: (e) => {
          seen.push(e.step);
          if (e.step === 3) controller.abort(new Error('stop at 3'));
        },
      }),
    ).rejects.toThrow('stop at 3');
    expect(seen).toEqual([1, 2, 3]);

    const timer = new AbortController();
    setTimeout(() => timer.abort(), 100);
    const started = performance.now();
    await expect(
      train(model, dataset, { loss: 'l2', optimizer, batchSize: 8, steps: 1_000_000, signal: timer.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(2000);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('uses the augmented batch, with seeded draws that repeat across runs', async () => {
    const { dataset } = sineData(8);
    const draws: number[][] = [[], []];
    const lossesOf = async (run: 0 | 1) => {
      const model = mlp(4).initialize({ seed: 3 });
      const optimizer = sgd({ learningRate: 0.05 });
      const result = await train(model, dataset, {
        loss: 'l2',
        optimizer,
        batchSize: 8,
        steps: 3,
        seed: 11,
        augment: (batch, { rng, step, epoch }) => {
          draws[run]!.push(rng(), step, epoch);
          return { x: batch.x, y: tf.zerosLike(batch.y) };
        },
      });
      model.dispose();
      optimizer.dispose();
      return result;
    };
    const a = await lossesOf(0);
    const b = await lossesOf(1);
    expect(draws[0]).toEqual(draws[1]);
    expect(draws[0]!.filter((_, i) => i % 3 === 1)).toEqual([1, 2, 3]);
    expect(b.losses).toEqual(a.losses);
    // Step 1's loss is against zero targets: the untrained model's mean squared output.
    const fresh = mlp(4).initialize({ seed: 3 });
    const xOnly = tensorDataset({ data: sineData(8).xs, shape: [8, 1] }, { data: new Float32Array(8), shape: [8, 1] });
    expect(a.losses[0]).toBeCloseTo(await evaluate(fresh, xOnly, { loss: 'l2' }), 6);
    fresh.dispose();
  });

  it('evaluates a validation set during training, the last value equal to evaluate() afterwards', async () => {
    const { dataset } = sineData(24);
    const validation = sineData(10).dataset;
    const model = mlp(8).initialize({ seed: 4 });
    const optimizer = adam({ learningRate: 0.01 });
    const events: TrainProgress[] = [];
    const result = await train(model, dataset, {
      loss: 'l2',
      optimizer,
      batchSize: 8,
      epochs: 4,
      progressEvery: 100,
      validation: { dataset: validation, batchSize: 4 },
      onProgress: (e) => events.push(e),
    });
    expect(result.validation.map((v) => v.step)).toEqual([3, 6, 9, 12]);
    expect(events.map((e) => e.step)).toEqual([3, 6, 9, 12]);
    expect(events.map((e) => e.validationLoss)).toEqual(result.validation.map((v) => v.loss));
    const before = tf.memory().numTensors;
    expect(result.validation[3]!.loss).toBeCloseTo(await evaluate(model, validation, { loss: 'l2', batchSize: 3 }), 6);
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    model.dispose();
  });

  it('names bad options', async () => {
    const { dataset } = sineData(8);
    const model = mlp(4);
    const optimizer = sgd({ learningRate: 0.1 });
    const base = { loss: 'l2' as const, optimizer };
    const bad = async (options: Record<string, unknown>, data: unknown = dataset) => {
      const e = await rejection(train(model, data as never, { ...base, ...options }));
      return [e.code, e.argument];
    };
    expect(await bad({ epochs: 1, steps: 2 })).toEqual(['INVALID_ARGUMENT', 'steps']);
    expect(await bad({ batchSize: 0 })).toEqual(['INVALID_ARGUMENT', 'batchSize']);
    expect(await bad({ batchSize: 9, dropRemainder: true })).toEqual(['INVALID_ARGUMENT', 'batchSize']);
    expect(await bad({ resume: true })).toEqual(['INVALID_ARGUMENT', 'resume']);
    expect(await bad({ seed: 1.5 })).toEqual(['INVALID_ARGUMENT', 'seed']);
    expect(await bad({ learningRate: () => -1 })).toEqual(['INVALID_ARGUMENT', 'learningRate']);
    expect(await bad({ loss: 'hinge' })).toEqual(['INVALID_ARGUMENT', 'loss']);
    expect(await bad({ optimizer: {} })).toEqual(['INVALID_ARGUMENT', 'optimizer']);
    expect(await bad({}, { size: 0, batch: () => undefined })).toEqual(['INVALID_ARGUMENT', 'dataset']);
    model.dispose();
  });
});
