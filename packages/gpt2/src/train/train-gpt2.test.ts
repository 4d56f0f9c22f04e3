import * as tf from '@tensorflow/tfjs-core';
import { memoryCheckpointStore } from '@chatgpt-explained/trainer';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../../test/backends';
import { gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { createGpt2Model } from '../model/gpt2-model';
import { bitsPerByte } from './bits-per-byte';
import { gpt2LearningRateSchedule, trainGpt2 } from './train-gpt2';

// A tiny corpus that repeats one 8-token cycle: after its first token each window is predictable.
const V = 9;
const cycle = (n: number) => Int32Array.from({ length: n }, (_, i) => i % 8);
const config = gpt2Config({ vocabSize: V, contextLength: 8, embedDim: 16, layers: 1, heads: 2 });
const options = { steps: 60, batchSize: 8, learningRate: 1e-2, warmupSteps: 5, seed: 7 } as const;

it('the schedule warms up linearly, then follows a cosine to the minimum on the last step (hand-computed)', () => {
  const rate = gpt2LearningRateSchedule({ steps: 11, learningRate: 1, warmupSteps: 2, minLearningRate: 0.1 });
  expect(rate(0)).toBeCloseTo(0.5, 12); // 1 · 1/2
  expect(rate(1)).toBeCloseTo(1, 12); // 1 · 2/2
  expect(rate(2)).toBeCloseTo(1, 12); // cos(0): the top
  // Decay over steps 2…10: r = (6 − 2) / 8 = ½ → 0.1 + ½(1 + cos(π/2))·0.9 = 0.55.
  expect(rate(6)).toBeCloseTo(0.55, 12);
  expect(rate(10)).toBeCloseTo(0.1, 12);
  // Defaults: warmup ⌊steps/10⌋, minimum a tenth of the peak 1e-3.
  const defaults = gpt2LearningRateSchedule({ steps: 20 });
  expect(defaults(0)).toBeCloseTo(5e-4, 15);
  expect(defaults(19)).toBeCloseTo(1e-4, 15);
  expect(() => gpt2LearningRateSchedule({ steps: 5, warmupSteps: 6 })).toThrow(Gpt2Error);
});

describeOnBackends('trainGpt2', () => {
  it('a tiny GPT-2 learns a repeating corpus: loss from ≈ ln 9 to below 0.5 nats, no tensors left', async () => {
    const model = createGpt2Model(config).initialize({ seed: 1 });
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const result = await trainGpt2(model, cycle(400), {
      ...options,
      validationIds: cycle(64),
      evaluateEvery: 30,
      onProgress: (e) => progress.push(e.step),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.losses).toHaveLength(60);
    expect(progress).toHaveLength(60);
    expect(result.losses[0]!).toBeGreaterThan(1.8); // ln 9 ≈ 2.2 at the start
    // The first position of a window has no context (ln 8 / 8 ≈ 0.26 nats of the mean at best).
    const tail = result.losses.slice(-5).reduce((a, b) => a + b, 0) / 5;
    expect(tail).toBeLessThan(0.5);
    expect(result.validation.map((v) => v.step)).toEqual([30, 60]);
    expect(result.validation[1]!.loss).toBeLessThan(0.5);
    expect(result.learningRates[4]).toBeCloseTo(1e-2, 12);
    expect(result.learningRates[59]).toBeCloseTo(1e-3, 12);
    // With its whole past in view every token after the first is nearly certain.
    const held = await bitsPerByte(model, cycle(9), 8, { stride: 1 });
    expect(held.bitsPerToken).toBeLessThan(0.3);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('stopping at untilStep and resuming from a checkpoint gives the same losses as one run', async () => {
    const whole = createGpt2Model(config).initialize({ seed: 2 });
    const short = { ...options, steps: 8 };
    const once = await trainGpt2(whole, cycle(200), short);
    const parts = createGpt2Model(config).initialize({ seed: 2 });
    const store = memoryCheckpointStore();
    const first = await trainGpt2(parts, cycle(200), { ...short, untilStep: 3, checkpoint: { store, every: 10 } });
    expect(first.losses).toHaveLength(3);
    const rest = await trainGpt2(parts, cycle(200), { ...short, checkpoint: { store, every: 10 }, resume: true });
    expect(rest.startStep).toBe(3);
    expect(rest.losses).toEqual(once.losses);
    whole.dispose();
    parts.dispose();
  });

  it('abort stops between steps, rejects with the reason and leaves no tensors behind', async () => {
    const model = createGpt2Model(config).initialize({ seed: 3 });
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let seen = 0;
    await expect(
      trainGpt2(model, cycle(200), {
        ...options,
        signal: controller.signal,
        onProgress: (e) => {
          seen = e.step;
          if (e.step === 2) controller.abort(new Error('user stop'));
        },
      }),
    ).rejects.toThrow('user stop');
    expect(seen).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    await expect(trainGpt2(model, cycle(200), { ...options, signal: controller.signal })).rejects.toThrow('user stop');
    model.dispose();
  });

  it('refuses bad options with Gpt2Error naming them', async () => {
    const model = createGpt2Model(config).initialize({ seed: 4 });
    const fails = async (o: object, ids = cycle(50)) => {
      try {
        await trainGpt2(model, ids, { ...options, ...o });
      } catch (error) {
        expect(Gpt2Error.isInstance(error)).toBe(true);
        return (error as Gpt2Error).argument;
      }
      return 'no error';
    };
    expect(await fails({ contextLength: 9 })).toBe('contextLength');
    expect(await fails({ steps: 0 })).toBe('steps');
    expect(await fails({ untilStep: 61 })).toBe('untilStep');
    expect(await fails({}, Int32Array.of(1, 2, 9, 3, 4, 5, 6, 7, 8, 0))).toBe('trainIds');
    expect(await fails({ validationIds: Int32Array.of(1, 2) })).toBe('ids');
    expect(await fails({ weightDecay: -1 })).toBe('weightDecay');
    model.dispose();
  });
});
