// The shipped digit net (data/models/digits-lenet): its files agree with each other, its test
// accuracy is ≥ 98.5%, and the first training steps of its recipe, replayed on wasm from the same
// seed, give the logged losses.
import * as tf from '@tensorflow/tfjs-core';
import { evaluateDigitNet, loadDigitNet, trainDigitNet, type DigitNetConfig } from '@chatgpt-explained/essay';
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { decodeSafetensors } from '@chatgpt-explained/nn-core';
import { readMnist, type MnistData } from '@chatgpt-explained/trainer';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataDir } from './data-dir';
import { DIGIT_NET_DIR } from './essay-data';

/** Steps replayed: the first updates from the seeded initial weights, over shuffled batches. */
const REPLAY_STEPS = 20;
/**
 * Allowed difference between a replayed and a logged loss, in nats: as for the GPT replay
 * (default-model.test.ts), tfjs-backend-wasm computes the same float32 values on every machine, so
 * the margin only absorbs a last-bit difference in a V8 Math function (the cosine schedule).
 */
const TOLERANCE = 1e-5;
/** The bar for the shipped net. */
const MIN_ACCURACY = 0.985;

interface Recipe {
  readonly model: DigitNetConfig;
  readonly training: {
    readonly seed: number;
    readonly epochs: number;
    readonly batchSize: number;
    readonly learningRate: number;
  };
}

const data = dataDir();
const modelDir = join(data, 'models', DIGIT_NET_DIR);
const weights = new Uint8Array(readFileSync(join(modelDir, 'model.safetensors')));
const metadata = decodeSafetensors(weights).metadata;
const recipe = JSON.parse(metadata['recipe']!) as Recipe;
const log = readFileSync(join(modelDir, 'losses.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { step: number; loss: number; learningRate: number });

let compute: ComputeContext;
const split = async (prefix: string): Promise<MnistData> =>
  readMnist({
    images: new Uint8Array(readFileSync(join(data, 'mnist', `${prefix}-images-idx3-ubyte.gz`))),
    labels: new Uint8Array(readFileSync(join(data, 'mnist', `${prefix}-labels-idx1-ubyte.gz`))),
  });

beforeAll(async () => {
  tf.env().set('PROD', true);
  compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
});

describe('shipped digit net digits-lenet', () => {
  const stepsPerEpoch = Math.ceil(60_000 / recipe.training.batchSize);
  const totalSteps = recipe.training.epochs * stepsPerEpoch;

  it('ships weights, a loss for every step and a model card that agree', () => {
    expect(existsSync(join(modelDir, 'MODEL_CARD.md'))).toBe(true);
    expect(log.map((s) => s.step)).toEqual(Array.from({ length: totalSteps }, (_, i) => i + 1));
    const accuracy = Number(metadata['test_accuracy']);
    expect(readFileSync(join(modelDir, 'MODEL_CARD.md'), 'utf8')).toContain(`${(100 * accuracy).toFixed(2)} %`);
    expect(JSON.parse(metadata['digit_net_config']!)).toEqual(recipe.model);
  });

  it(
    `reads ≥ ${100 * MIN_ACCURACY}% of the 10,000 test images, as its metadata says`,
    { timeout: 60_000 },
    async () => {
      const test = await split('t10k');
      const before = tf.memory().numTensors;
      const { net } = loadDigitNet(compute, weights);
      const result = await evaluateDigitNet(compute, net, test);
      net.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(result.count).toBe(10_000);
      expect(result.accuracy).toBeGreaterThanOrEqual(MIN_ACCURACY);
      expect(result.accuracy).toBe(Number(metadata['test_accuracy']));
    },
  );

  it(
    `the recipe's first ${REPLAY_STEPS} steps give the logged losses (±${TOLERANCE} nats)`,
    { timeout: 120_000 },
    async () => {
      const train = await split('train');
      const before = tf.memory().numTensors;
      const result = await trainDigitNet(compute, train, {
        config: recipe.model,
        seed: recipe.training.seed,
        batchSize: recipe.training.batchSize,
        learningRate: recipe.training.learningRate,
        steps: REPLAY_STEPS,
        scheduleSteps: totalSteps,
      });
      result.net.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(result.losses).toHaveLength(REPLAY_STEPS);
      result.losses.forEach((loss, i) => {
        const logged = log[i]!;
        expect(
          Math.abs(loss - logged.loss),
          `step ${i + 1}: replayed ${loss}, logged ${logged.loss}`,
        ).toBeLessThanOrEqual(TOLERANCE);
        expect(result.learningRates[i]).toBeCloseTo(logged.learningRate, 12);
      });
    },
  );
});
