/**
 * Trains the LeNet-style digit net the CLI ships (`data/models/digits-lenet/`) on MNIST's 60,000
 * training images, with this project's trainer on the wasm backend, and measures it on the 10,000
 * test images.
 *
 *   node scripts/run-ts.mjs apps/cli/scripts/train-digits.ts [options]
 *
 * Writes into the model folder: `model.safetensors` (weights, the recipe and the test accuracy in
 * its metadata), `losses.jsonl` (one line per step: step, loss, learning rate, seconds), and
 * `MODEL_CARD.md`. `apps/cli/src/digit-model.test.ts` replays the first 20 steps against the log.
 *
 * Options: --out DIR (default data/models/digits-lenet), --epochs N (default the recipe's),
 * --time N (time N training steps and one pass over the test images; write nothing).
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateDigitNet, saveDigitNet, trainDigitNet, type DigitNetConfig } from '@chatgpt-explained/essay';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { readMnist, type MnistData } from '@chatgpt-explained/trainer';
import { pretty, writeAtomic } from './script-files';

/** Everything that decides the model; stored in the weights' metadata, which the replay test reads. */
export const DIGIT_RECIPE = {
  name: 'digits-lenet',
  data: 'data/mnist (train-*: 60,000 images for training; t10k-*: 10,000 for the test only)',
  model: { imageSize: 28, conv1Filters: 6, conv2Filters: 16, hidden1: 120, hidden2: 84, classes: 10 },
  training: { seed: 1, epochs: 5, batchSize: 64, learningRate: 0.002 },
  backend: 'wasm',
} as const satisfies { model: DigitNetConfig } & Record<string, unknown>;

const COMMAND = 'node scripts/run-ts.mjs apps/cli/scripts/train-digits.ts';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join('data/models', DIGIT_RECIPE.name) },
    epochs: { type: 'string' },
    time: { type: 'string' },
  },
});

const say = (line: string) => process.stderr.write(`${line}\n`);

async function split(name: 'train' | 't10k'): Promise<MnistData> {
  const read = (kind: string) => new Uint8Array(readFileSync(join('data/mnist', `${name}-${kind}-ubyte.gz`)));
  return readMnist({ images: read('images-idx3'), labels: read('labels-idx1') });
}

function hardware(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores (tfjs-backend-wasm 4.22 runs single-threaded in Node), Node ${process.version}`;
}

interface Final {
  testAccuracy: number;
  correct: number;
  trainingSeconds: number;
  evalSeconds: number;
  steps: number;
  finalLoss: number;
  parameters: number;
  confusion: number[][];
}

function modelCard(recipe: typeof DIGIT_RECIPE, epochs: number, f: Final, command: string): string {
  const m = recipe.model;
  const t = recipe.training;
  const perDigit = f.confusion
    .map((row, d) => {
      const total = row.reduce((a, b) => a + b, 0);
      return `| ${d} | ${total} | ${((100 * row[d]!) / total).toFixed(2)} % |`;
    })
    .join('\n');
  return `# digits-lenet: a LeNet-style digit recogniser trained on MNIST

The digit net of the essay's sections 4.1 and 8.2 (\`chatgpt-explained digits …\`, the tour), shipped
so that nothing needs training to run: the 1998 LeNet-5 layout, trained from scratch on this machine
with this project's own trainer.

## Data and licences

MNIST (\`data/mnist/\`; provenance and hashes in its README), by Yann LeCun and Corinna Cortes, under
CC BY-SA 3.0: trained on the 60,000 training images (\`train-*-ubyte.gz\`) only; the 10,000 test images
(\`t10k-*\`) were used for the accuracy below and nothing else (\`trainDigitNet\` refuses them). These
weights are derived from MNIST and are shared under CC BY-SA 3.0 as well; the code is MIT.

## Architecture

\`createDigitNet\` in \`@chatgpt-explained/essay\` (NHWC, pixels scaled to [0, 1]):
conv 5×5 ×${m.conv1Filters} (same) → ReLU → max-pool 2 → conv 5×5 ×${m.conv2Filters} → ReLU → max-pool 2 → dense ${m.hidden1} → ReLU →
dense ${m.hidden2} → ReLU (the penultimate layer of 8.2) → dense ${m.classes}: **${f.parameters.toLocaleString('en')} parameters**. Unlike
the 1998 net it uses ReLU and max-pooling rather than scaled tanh and trainable subsampling, and a
plain softmax output rather than RBF units.

## Training

\`\`\`sh
${command}
\`\`\`

- ${epochs} epochs of mini-batches of ${t.batchSize} (${f.steps.toLocaleString('en')} steps), examples in a seeded shuffle per epoch (seed ${t.seed};
  initial weights, Glorot uniform, from the same seed).
- Softmax cross-entropy; Adam (β 0.9/0.999) at ${t.learningRate}, cosine-decayed to ${t.learningRate / 10} at the last step; no
  augmentation, no weight decay, no dropout.
- Hardware: ${hardware()}; backend tfjs-backend-wasm (SIMD). Wall time ${(f.trainingSeconds / 60).toFixed(1)} minutes
  (${((1000 * f.trainingSeconds) / f.steps).toFixed(0)} ms per step; the machine was shared with other work).
- Every step's loss is in \`losses.jsonl\`; CI replays the first 20 steps from the same seed and checks
  them against it (\`apps/cli/src/digit-model.test.ts\`).

## Results

- Final training loss (last step): ${f.finalLoss.toFixed(4)} nats.
- **Test accuracy: ${(100 * f.testAccuracy).toFixed(2)} %** (${f.correct.toLocaleString('en')} of 10,000 test images; evaluated in
  ${f.evalSeconds.toFixed(1)} s). \`chatgpt-explained digits eval --json\` reproduces it.

| digit | test images | correct |
|---:|---:|---:|
${perDigit}

## Limitations

- Handwritten digits centred in 28×28 grey images, as MNIST prepares them; other sizes, positions,
  thick pens, printed digits or non-digits get a confident but meaningless answer.
- No calibration: the softmax is often near 1 for the answer, also when the answer is wrong.
`;
}

async function main(): Promise<void> {
  tf.env().set('PROD', true);
  const compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
  say(`backend: ${compute.reason}`);
  const recipe = DIGIT_RECIPE;
  const epochs = args.epochs === undefined ? recipe.training.epochs : Number(args.epochs);
  const train = await split('train');
  const test = await split('t10k');
  say(`data: ${train.count} training images, ${test.count} test images`);

  if (args.time !== undefined) {
    const n = Number(args.time);
    const times: number[] = [];
    let last = performance.now();
    const { net } = await trainDigitNet(compute, train, {
      config: recipe.model,
      ...recipe.training,
      steps: n,
      onProgress: () => {
        const now = performance.now();
        times.push(now - last);
        last = now;
      },
    });
    const steady = times.slice(Math.min(3, times.length - 1));
    const ms = steady.reduce((a, b) => a + b, 0) / steady.length;
    say(`ms per step: ${times.map((t) => t.toFixed(0)).join(' ')}`);
    say(
      `steady ${ms.toFixed(1)} ms per step of ${recipe.training.batchSize}: an epoch of ${Math.ceil(train.count / recipe.training.batchSize)} steps ≈ ${((ms * Math.ceil(train.count / recipe.training.batchSize)) / 60000).toFixed(1)} min`,
    );
    const t0 = performance.now();
    const acc = await evaluateDigitNet(compute, net, test);
    say(`test pass: ${((performance.now() - t0) / 1000).toFixed(1)} s (accuracy after ${n} steps ${acc.accuracy})`);
    net.dispose();
    return;
  }

  const out = args.out!;
  mkdirSync(out, { recursive: true });
  const command = COMMAND + (args.epochs === undefined ? '' : ` --epochs ${epochs}`);
  const lines: string[] = [];
  const started = performance.now();
  const result = await trainDigitNet(compute, train, {
    config: recipe.model,
    ...recipe.training,
    epochs,
    onProgress: (e) => {
      const seconds = (performance.now() - started) / 1000;
      lines.push(
        JSON.stringify({
          step: e.step,
          loss: e.loss,
          learningRate: e.learningRate,
          elapsedSeconds: +seconds.toFixed(2),
        }),
      );
      if (e.step % 50 === 0 || e.step === e.totalSteps)
        say(`step ${e.step}/${e.totalSteps} epoch ${e.epoch} loss ${e.loss.toFixed(4)} ${seconds.toFixed(0)} s`);
    },
  });
  const trainingSeconds = (performance.now() - started) / 1000;
  const t0 = performance.now();
  const accuracy = await evaluateDigitNet(compute, result.net, test);
  const evalSeconds = (performance.now() - t0) / 1000;
  say(
    `test accuracy ${(100 * accuracy.accuracy).toFixed(2)} % (${accuracy.correct}/${accuracy.count}) in ${evalSeconds.toFixed(1)} s`,
  );
  const final: Final = {
    testAccuracy: accuracy.accuracy,
    correct: accuracy.correct,
    trainingSeconds,
    evalSeconds,
    steps: result.steps,
    finalLoss: result.losses.at(-1)!,
    parameters: result.net.parameterCount(),
    confusion: accuracy.confusion,
  };
  const run = { ...recipe, training: { ...recipe.training, epochs } };
  const bytes = await saveDigitNet(result.net, result.config, {
    name: recipe.name,
    recipe: JSON.stringify(run),
    command,
    test_accuracy: String(accuracy.accuracy),
    license: 'CC-BY-SA-3.0 (weights derived from MNIST)',
  });
  writeAtomic(join(out, 'losses.jsonl'), `${lines.join('\n')}\n`);
  writeAtomic(join(out, 'model.safetensors'), bytes);
  const cardPath = join(out, 'MODEL_CARD.md');
  writeAtomic(cardPath, await pretty(cardPath, modelCard(run as typeof DIGIT_RECIPE, epochs, final, command)));
  result.net.dispose();
  say(`wrote ${out} (${trainingSeconds.toFixed(0)} s of training)`);
}

await main();
