import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../test/layer-backends';
import { thrown } from '../test/thrown';
import { dropout, type DropoutOptions } from './dropout';
import { sequential } from './sequential';

tf.env().set('PROD', true);

async function run(rate: number, x: tf.Tensor, options: { training?: boolean; seed?: number }): Promise<Float32Array> {
  const y = dropout({ rate }).apply(x, options);
  const values = (await y.data()) as Float32Array;
  if (y !== x) y.dispose();
  return values;
}

describe('dropout', () => {
  it('passes the input through when not training, and for rate 0', async () => {
    await useBackend('cpu');
    const x = tf.tensor1d([1, -2, 3, 4]);
    expect(Array.from(await run(0.5, x, {}))).toEqual([1, -2, 3, 4]);
    expect(Array.from(await run(0.5, x, { training: false, seed: 3 }))).toEqual([1, -2, 3, 4]);
    expect(Array.from(await run(0, x, { training: true, seed: 3 }))).toEqual([1, -2, 3, 4]);
    x.dispose();
  });

  it('in training keeps about 1 − rate of the values, scaled by 1 / (1 − rate), so the mean is kept', async () => {
    await useBackend('cpu');
    const rate = 0.3;
    const x = tf.ones([100, 100]);
    const before = tf.memory().numTensors;
    const y = await run(rate, x, { training: true, seed: 42 });
    expect(tf.memory().numTensors).toBe(before);
    const kept = y.filter((v) => v !== 0);
    // Every kept value is 1 / 0.7 (float32); dropped ones are exactly 0.
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.7)]));
    // 10,000 Bernoulli(0.7) draws: standard deviation of the kept fraction 0.0046; allow ±4σ.
    expect(Math.abs(kept.length / y.length - (1 - rate))).toBeLessThan(0.0184);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.0184 / 0.7);
    x.dispose();
  });

  it('one seed gives one mask, on cpu and on wasm; another seed another mask', async () => {
    const x = tf.ones([64]);
    await useBackend('cpu');
    const a = await run(0.5, x, { training: true, seed: 7 });
    const b = await run(0.5, x, { training: true, seed: 7 });
    const c = await run(0.5, x, { training: true, seed: 8 });
    await useBackend('wasm');
    const d = await run(0.5, x, { training: true, seed: 7 });
    expect(b).toEqual(a);
    expect(d).toEqual(a);
    expect(c).not.toEqual(a);
    x.dispose();
    await useBackend('cpu');
  });

  it('gives two dropout layers of one model different masks (seeds derived from their paths)', async () => {
    await useBackend('cpu');
    const model = sequential({ a: dropout({ rate: 0.5 }), b: dropout({ rate: 0.5 }) });
    const x = tf.ones([256]);
    const y = model.apply(x, { training: true, seed: 1 });
    const values = await y.data();
    // After two independent masks of keep-probability 0.5, ~1/4 survive (scaled by 4); one shared mask would keep ~1/2.
    const kept = values.filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([4]));
    expect(kept.length).toBeGreaterThan(256 * 0.25 - 30);
    expect(kept.length).toBeLessThan(256 * 0.25 + 30);
    tf.dispose([x, y]);
  });

  it.each([
    ['rate', { rate: 1 }, 1],
    ['rate', { rate: -0.1 }, -0.1],
    ['rate', { rate: Number.NaN }, Number.NaN],
    ['rate', {}, undefined],
    ['p', { rate: 0.1, p: 0.1 }, 0.1],
  ] as const)('refuses a bad %s', (argument, options, value) => {
    const error = thrown(() => dropout(options as unknown as DropoutOptions));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
  });
});
