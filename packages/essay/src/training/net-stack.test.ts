import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { adam, tensorDataset, train } from '@chatgpt-explained/trainer';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { curveNet } from './curve-net';
import { NetStack } from './net-stack';
import { sampleTarget } from './target';

tf.env().set('PROD', true);

beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

/** Net k of a stack as the weights of a plain `curveNet` (`layers.0.weight` [N, in, out] → `0.weight` [in, out]). */
async function netWeights(stack: NetStack, k: number): Promise<Record<string, Float32Array>> {
  const out: Record<string, Float32Array> = {};
  for (const [name, { shape, data }] of Object.entries(await stack.readWeights())) {
    const per = shape.slice(1).reduce((a, b) => a * b, 1);
    out[name.replace(/^layers\./, '')] = data.slice(k * per, (k + 1) * per);
  }
  return out;
}

describe('NetStack', () => {
  it('computes each net of the stack exactly as the plain net with the same weights', async () => {
    const stack = new NetStack(3, [8, 8]).initialize({ seed: 5 });
    const xs = [-1, -0.3, 0, 0.4, 1, 2.5];
    const before = tf.memory().numTensors;
    const y = tf.tidy(() => stack.apply(tf.tensor2d(xs, [6, 1]))); // [6, 3]
    expect(y.shape).toEqual([6, 3]);
    const stacked = (await y.array()) as number[][];
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (let k = 0; k < 3; k++) {
      const net = curveNet([8, 8]).initialize({ seed: 0 });
      net.setWeights(await netWeights(stack, k));
      const alone = tf.tidy(() => net.apply(tf.tensor2d(xs, [6, 1])));
      const values = (await alone.data()) as Float32Array;
      alone.dispose();
      net.dispose();
      xs.forEach((_, i) => expect(stacked[i]![k]).toBeCloseTo(values[i]!, 5));
    }
    // The nets really differ (different random starts).
    expect(Math.abs(stacked[0]![0]! - stacked[0]![1]!)).toBeGreaterThan(1e-3);
    stack.dispose();
  });

  it('trains each net as if it were alone: the same weights after the same Adam steps on the same batches', async () => {
    const data = sampleTarget(64, [-1, 1], 3);
    const count = 2;
    const stack = new NetStack(count, [8, 8]).initialize({ seed: 9 });
    const nets = await Promise.all(
      Array.from({ length: count }, async (_, k) => {
        const net = curveNet([8, 8]).initialize({ seed: 0 });
        net.setWeights(await netWeights(stack, k));
        return net;
      }),
    );
    const options = { loss: 'l2', batchSize: 16, steps: 20, seed: 4 } as const;
    const stackOptimizer = adam({ learningRate: 0.01 });
    const tiled = data.y.flatMap((v) => Array<number>(count).fill(v));
    const before = tf.memory().numTensors;
    const run = await train(
      stack,
      tensorDataset({ data: data.x, shape: [64, 1] }, { data: tiled, shape: [64, count] }),
      {
        ...options,
        optimizer: stackOptimizer,
      },
    );
    const alone: number[][] = [];
    for (const net of nets) {
      const optimizer = adam({ learningRate: 0.01 });
      const r = await train(net, tensorDataset({ data: data.x, shape: [64, 1] }, { data: data.y, shape: [64, 1] }), {
        ...options,
        optimizer,
      });
      alone.push(r.losses);
      optimizer.dispose();
    }
    stackOptimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // The stack's loss is the sum of the nets' losses, step by step.
    run.losses.forEach((loss, s) => expect(loss).toBeCloseTo(alone[0]![s]! + alone[1]![s]!, 4));
    for (let k = 0; k < count; k++) {
      const trained = await netWeights(stack, k);
      const own = await nets[k]!.readWeights();
      for (const [name, values] of Object.entries(trained)) {
        values.forEach((v, i) => expect(v, `${name}[${i}] of net ${k}`).toBeCloseTo(own[name]!.data[i]!, 4));
      }
      nets[k]!.dispose();
    }
    stack.dispose();
  });

  it('refuses inputs of the wrong shape, naming the layer', () => {
    const stack = new NetStack(2, [4]).initialize({ seed: 1 });
    expect(() => stack.apply(tf.zeros([3, 2]))).toThrow('NetStack: input must have shape [B, 1], got [3, 2]');
    try {
      stack.apply(tf.zeros([3]));
    } catch (error) {
      expect(EssayError.isInstance(error) && [error.code, error.argument]).toEqual(['INVALID_ARGUMENT', 'x']);
    }
    stack.dispose();
  });
});
