/**
 * The digit net: its layer sizes against LeNet-5's published count, training that refuses the test
 * images, reproducible seeded runs, abort, save/load round trips, and predictions whose logits,
 * probabilities and penultimate vectors agree with a float64 recomputation from the weights. No
 * tensor leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { gunzip, readMnist, type MnistData } from '@chatgpt-explained/trainer';
import { beforeAll, describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { LENET5, createDigitNet, digitNetConfig } from './lenet';
import { loadDigitNet, saveDigitNet } from './model-file';
import { evaluateDigitNet, predictDigits } from './predict';
import { TEST_FINGERPRINT_STRIDE, TEST_IMAGE_FINGERPRINTS, findTestImage, imageFingerprint } from './test-split';
import { trainDigitNet } from './train';
import { repoData } from '../testing/repo-data';

const file = (name: string) => repoData(`mnist/${name}`);

let compute: ComputeContext;
let train: MnistData;
let test: MnistData;

/** The first `n` examples of a split (views, no copy). */
function head(set: MnistData, n: number): MnistData {
  return { ...set, count: n, images: set.images.subarray(0, n * 784), labels: set.labels.subarray(0, n) };
}

beforeAll(async () => {
  tf.env().set('PROD', true);
  compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
  train = await readMnist({ images: file('train-images-idx3-ubyte.gz'), labels: file('train-labels-idx1-ubyte.gz') });
  test = await readMnist({ images: file('t10k-images-idx3-ubyte.gz'), labels: file('t10k-labels-idx1-ubyte.gz') });
});

async function refusal(promise: Promise<unknown>): Promise<EssayError> {
  try {
    await promise;
  } catch (error) {
    if (EssayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('createDigitNet', () => {
  it("has LeNet-5's 61,706 parameters, layer by layer as counted by hand", () => {
    const net = createDigitNet();
    // conv1 5·5·1·6+6, conv2 5·5·6·16+16, fc1 (5·5·16)·120+120, fc2 120·84+84, logits 84·10+10.
    const rows = Object.fromEntries(net.summary().map((r) => [r.path, r.parameters]));
    expect(rows).toMatchObject({ conv1: 156, conv2: 2416, fc1: 48120, fc2: 10164, logits: 850 });
    expect(net.parameterCount()).toBe(61706);
  });

  it('refuses unknown and invalid config fields', () => {
    expect(() => digitNetConfig({ filters: 3 } as never)).toThrow(/unknown option "filters"/);
    expect(() => digitNetConfig({ hidden1: 0 })).toThrow(/hidden1 must be an integer ≥ 1, got 0/);
  });
});

describe('the test split is refused for training', () => {
  it('the fingerprints are those of every 100th test image (recomputed from the file)', async () => {
    const pixels = (await gunzip(file('t10k-images-idx3-ubyte.gz'))).subarray(16);
    const expected: string[] = [];
    for (let i = 0; i < 10_000; i += TEST_FINGERPRINT_STRIDE)
      expected.push(imageFingerprint(pixels.subarray(i * 784, (i + 1) * 784)).toString(16));
    expect(TEST_IMAGE_FINGERPRINTS).toEqual(expected);
  });

  it('the training split has none of them; the test split, a slice of it and a mixture are refused', async () => {
    expect(findTestImage(train)).toBe(-1);
    const before = tf.memory().numTensors;
    const whole = await refusal(trainDigitNet(compute, test, { steps: 1 }));
    expect(whole.code).toBe('TEST_DATA_REFUSED');
    expect(whole.argument).toBe('trainSet');
    expect(whole.message).toMatch(/image 0 \(of 10000\) is one of MNIST's test images/);
    const slice: MnistData = {
      ...test,
      count: 200,
      images: test.images.slice(550 * 784, 750 * 784),
      labels: test.labels.slice(550, 750),
    };
    expect((await refusal(trainDigitNet(compute, slice, { steps: 1 }))).value).toBe('image 50 of 200');
    const mixed = head(train, 100);
    const images = mixed.images.slice();
    images.set(test.images.subarray(4200 * 784, 4201 * 784), 37 * 784);
    expect((await refusal(trainDigitNet(compute, { ...mixed, images }, { steps: 1 }))).value).toBe('image 37 of 100');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('trainDigitNet', () => {
  it(
    'is reproducible from its seed, lowers the loss, reports progress and leaks nothing',
    { timeout: 120_000 },
    async () => {
      const before = tf.memory().numTensors;
      const small = head(train, 2048);
      const events: number[] = [];
      const a = await trainDigitNet(compute, small, {
        steps: 30,
        batchSize: 32,
        seed: 3,
        onProgress: (e) => events.push(e.step),
      });
      const b = await trainDigitNet(compute, small, { steps: 30, batchSize: 32, seed: 3 });
      expect(events).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(a.losses).toEqual(b.losses);
      expect(a.losses[0]).toBeGreaterThan(2.0); // about ln 10 = 2.30 at the start
      const late = a.losses.slice(-5).reduce((x, y) => x + y, 0) / 5;
      expect(late).toBeLessThan(0.75 * a.losses[0]!);
      const c = await trainDigitNet(compute, small, { steps: 3, batchSize: 32, seed: 4 });
      expect(c.losses[0]).not.toBe(a.losses[0]);
      for (const r of [a, b, c]) r.net.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('stops on abort with the reason, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = trainDigitNet(compute, head(train, 1024), {
      steps: 50,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.step === 2) controller.abort(new Error('stop here'));
      },
    });
    await expect(run).rejects.toThrow('stop here');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('predictDigits and the model file', () => {
  it('round-trips through safetensors with the config in its metadata', async () => {
    const before = tf.memory().numTensors;
    const config = { ...LENET5, conv1Filters: 4, hidden2: 12 };
    const net = createDigitNet(config);
    compute.tf.tidy(() => void net.initialize({ seed: 9 }));
    const bytes = await saveDigitNet(net, config, { note: 'hello' });
    const loaded = loadDigitNet(compute, bytes);
    expect(loaded.config).toEqual(config);
    expect(loaded.metadata['note']).toBe('hello');
    const images = head(test, 7);
    const p = await predictDigits(compute, net, images);
    const q = await predictDigits(compute, loaded.net, images);
    expect(Array.from(q.logits)).toEqual(Array.from(p.logits));
    net.dispose();
    loaded.net.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => loadDigitNet(compute, new Uint8Array(3))).toThrow(/shorter than its 8-byte header/);
  });

  it('gives logits = penultimate · W + b and probabilities = softmax(logits), in float64', async () => {
    const net = createDigitNet();
    compute.tf.tidy(() => void net.initialize({ seed: 5 }));
    const before = tf.memory().numTensors;
    const images = head(test, 13);
    const p = await predictDigits(compute, net, images, { batchSize: 5 });
    expect(tf.memory().numTensors).toBe(before);
    const weights = await net.readWeights();
    const W = weights['logits.weight']!.data; // [84, 10]
    const bias = weights['logits.bias']!.data; // [10]
    expect(p.penultimateWidth).toBe(84);
    for (let i = 0; i < images.count; i++) {
      const h = p.penultimate.subarray(i * 84, (i + 1) * 84);
      expect(Math.min(...h)).toBeGreaterThanOrEqual(0); // after the ReLU
      const logits = Array.from({ length: 10 }, (_, c) => {
        let s = bias[c]!;
        for (let k = 0; k < 84; k++) s += h[k]! * W[k * 10 + c]!;
        return s;
      });
      const max = Math.max(...logits);
      const exp = logits.map((z) => Math.exp(z - max));
      const total = exp.reduce((a, b) => a + b, 0);
      logits.forEach((z, c) => {
        expect(p.logits[i * 10 + c]).toBeCloseTo(z, 4);
        expect(p.probabilities[i * 10 + c]).toBeCloseTo(exp[c]! / total, 6);
      });
      expect(p.predicted[i]).toBe(logits.indexOf(max));
    }
    const acc = await evaluateDigitNet(compute, net, images);
    expect(acc.count).toBe(13);
    expect(acc.confusion.flat().reduce((a, b) => a + b, 0)).toBe(13);
    net.dispose();
  });
});
