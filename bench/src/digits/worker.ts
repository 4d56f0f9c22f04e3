// pnpm bench digits, our side (its own process): LeNet-5 (createDigitNet) trained with our trainer
// (trainDigitNet: Adam, cross-entropy, seeded shuffle) on tfjs-backend-wasm, then evaluated on the test
// images (evaluateDigitNet). Prints one JSON line: steps/s and evaluation images/s.
import * as tf from '@tensorflow/tfjs-core';
import { evaluateDigitNet, trainDigitNet } from '@chatgpt-explained/essay';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { readMnist, type MnistData } from '@chatgpt-explained/trainer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, isSmoke, median, readConfig } from '../harness';
import type { DigitsBenchConfig, DigitsWorkerResult } from '../digits-types';

const config = readConfig<DigitsBenchConfig>('digits');
const run = isSmoke() ? config.smoke : config.full;

async function split(prefix: string): Promise<MnistData> {
  const read = (kind: string) => new Uint8Array(readFileSync(join(ROOT, 'data/mnist', `${prefix}-${kind}-ubyte.gz`)));
  return readMnist({ images: read('images-idx3'), labels: read('labels-idx1') });
}

tf.env().set('PROD', true);
const compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
const train = await split('train');
const test = await split('t10k');
const times: number[] = [];
const before = tf.memory().numTensors;
let last = performance.now();
const { net } = await trainDigitNet(compute, train, {
  steps: run.warmupSteps + run.timedSteps,
  batchSize: config.batchSize,
  learningRate: config.learningRate,
  onProgress: (e) => {
    const now = performance.now();
    if (e.step > run.warmupSteps) times.push(now - last);
    last = now;
  },
});
// The first timed step's interval starts at the end of the last warmup step (or at the start).
const stepMs = times.reduce((a, b) => a + b, 0) / times.length;
const evalImages: MnistData = {
  ...test,
  count: run.evalImages,
  images: test.images.subarray(0, run.evalImages * 784),
  labels: test.labels.subarray(0, run.evalImages),
};
const rounds: number[] = [];
for (let r = 0; r < run.evalRounds; r++) {
  const t0 = performance.now();
  await evaluateDigitNet(compute, net, evalImages, { batchSize: config.evalBatch });
  rounds.push((performance.now() - t0) / 1000);
}
net.dispose();
const result: DigitsWorkerResult = {
  implementation: 'ours-wasm',
  detail: `ours: nn-core + trainer on ${compute.backend} (${compute.reason})`,
  stepsPerSecond: 1000 / stepMs,
  evalImagesPerSecond: run.evalImages / median(rounds),
  leakedTensors: tf.memory().numTensors - before,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
