/**
 * Essay 13.1's experiment: can a feed-forward net learn a shortcut for rule 30? It sees the exact
 * light cone, the `2k + 1` cells that decide a cell `k` steps later, and must say that cell's colour.
 */
import { dense, relu, sequential, type ComputeContext, type Layer } from '@chatgpt-explained/nn-core';
import { tensorDataset } from '@chatgpt-explained/trainer';
import type { Figure } from '../figure';
import { integerIn, positiveNumber } from '../models/checks';
import { initializeNet, integerList, seedOf, trainNet, type PracticeRunOptions } from '../practice/nets';
import { stepsAheadFigure } from './figures';
import { lightConeData, type LightConeData } from './light-cone';

/** Default horizons of {@link stepsAheadExperiment}: one step up to sixteen. */
export const DEFAULT_STEPS_AHEAD: readonly number[] = [1, 2, 4, 8, 12, 16];

/** Options of {@link stepsAheadExperiment}, with their defaults. */
export interface StepsAheadOptions extends PracticeRunOptions {
  /** Wolfram's rule number, 0 to 255. Default 30. */
  readonly rule?: number;
  /** The horizons `k` to try, 1 to 8 of them, each 1 to 31 (and `2k + 1 ≤ width`). Default {@link DEFAULT_STEPS_AHEAD}. */
  readonly stepsAhead?: readonly number[];
  /** Random rows to train on, 1 to 10000; each gives `width` examples. Default 128. */
  readonly trainRows?: number;
  /** Other random rows to test on, 1 to 10000. Default 64. */
  readonly heldOutRows?: number;
  /** Cells per row, 3 to 1024 (at least `2k + 1` for the largest k). Default 64. */
  readonly width?: number;
  /** Units per hidden layer, 1 to 1024 (the same for every k). Default 64. */
  readonly hidden?: number;
  /** Hidden Ramp (ReLU) layers, 1 to 4. Default 2. */
  readonly hiddenLayers?: number;
  /** Adam steps per net (the same for every k), 1 to 1000000. Default 3000. */
  readonly steps?: number;
  /** Examples per step, 1 to 8192. Default 128. */
  readonly batchSize?: number;
  /** Adam's learning rate at the start (cosine decay to a tenth). Default 0.01. */
  readonly learningRate?: number;
  /** Seeds the rows and the weights. Default 1. */
  readonly seed?: number;
}

/** One horizon of {@link stepsAheadExperiment}. */
export interface StepsAheadRow {
  /** Steps ahead `k`. */
  readonly stepsAhead: number;
  /** `2k + 1` cells in. */
  readonly inputs: number;
  /** `2^(2k+1)`: the number of different inputs there are (a lookup table would need a row for each). */
  readonly patterns: number;
  /** How many different inputs the training examples hold. */
  readonly distinctTrainPatterns: number;
  /** The share of held-out examples whose input also appears among the training examples. */
  readonly heldOutSeen: number;
  readonly parameters: number;
  /** Cross-entropy of the last training step. */
  readonly finalLoss: number;
  /** Right answers on the training examples. */
  readonly trainAccuracy: number;
  /** Right answers on the held-out examples. */
  readonly heldOutAccuracy: number;
  /** Held-out accuracy of always answering the colour most common in training. */
  readonly majorityAccuracy: number;
  /**
   * Held-out accuracy of a lookup table of the training examples: the remembered answer for an
   * input seen in training, the majority colour otherwise.
   */
  readonly lookupAccuracy: number;
}

/** Result of {@link stepsAheadExperiment}. */
export interface StepsAheadResult {
  readonly backend: string;
  readonly rule: number;
  readonly width: number;
  readonly trainRows: number;
  readonly heldOutRows: number;
  readonly trainExamples: number;
  readonly heldOutExamples: number;
  readonly hidden: number;
  readonly hiddenLayers: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  /** One per horizon, in the order given. */
  readonly rows: readonly StepsAheadRow[];
  /** `13.1-steps-ahead`: held-out accuracy against k with the baselines. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 13.1: for each horizon `k`, trains the same shape of net (`hiddenLayers` Ramp layers of
 * `hidden` units, two output logits, cross-entropy, Adam, the same steps and batch size) to predict a
 * cell `k` steps ahead from the `2k + 1` cells of its light cone (see {@link lightConeData}), on
 * `trainRows` random rows, and measures it on `heldOutRows` other random rows. Reports training and
 * held-out accuracy beside a majority guess and a lookup table of the training examples. Disposes
 * every tensor it makes; `signal` stops it between steps.
 */
export async function stepsAheadExperiment(
  compute: ComputeContext,
  options: StepsAheadOptions = {},
): Promise<StepsAheadResult> {
  const op = 'stepsAheadExperiment';
  const rule = integerIn(op, 'rule', options.rule ?? 30, 0, 255);
  const horizons = integerList(op, 'stepsAhead', options.stepsAhead ?? DEFAULT_STEPS_AHEAD, 1, 31, 8);
  const width = integerIn(op, 'width', options.width ?? 64, 2 * Math.max(...horizons) + 1, 1024);
  const trainRows = integerIn(op, 'trainRows', options.trainRows ?? 128, 1, 10_000);
  const heldOutRows = integerIn(op, 'heldOutRows', options.heldOutRows ?? 64, 1, 10_000);
  const hidden = integerIn(op, 'hidden', options.hidden ?? 64, 1, 1024);
  const hiddenLayers = integerIn(op, 'hiddenLayers', options.hiddenLayers ?? 2, 1, 4);
  const steps = integerIn(op, 'steps', options.steps ?? 3000, 1, 1_000_000);
  const batchSize = integerIn(op, 'batchSize', options.batchSize ?? 128, 1, 8192);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.01);
  const seed = seedOf(op, options.seed ?? 1);
  const { signal, onProgress } = options;
  const run = { ...(signal === undefined ? {} : { signal }), ...(onProgress === undefined ? {} : { onProgress }) };
  signal?.throwIfAborted();

  const rows: StepsAheadRow[] = [];
  for (const [n, k] of horizons.entries()) {
    // Training and held-out rows come from disjoint seed ranges (seed·2 and seed·2 + 1).
    const trainSet = lightConeData({ rule, stepsAhead: k, rows: trainRows, width, seed: 2 * seed });
    const heldOut = lightConeData({ rule, stepsAhead: k, rows: heldOutRows, width, seed: 2 * seed + 1 });
    const model = lightConeNet(trainSet.window, hidden, hiddenLayers);
    try {
      initializeNet(compute, model, seed);
      const dataset = tensorDataset(
        { data: signedCells(trainSet.inputs), shape: [trainSet.count, trainSet.window] },
        { data: trainSet.labels, shape: [trainSet.count], dtype: 'int32' },
      );
      const result = await trainNet(
        model,
        dataset,
        { loss: 'crossEntropy', learningRate, batchSize, steps, seed, label: `${k} step${k === 1 ? '' : 's'} ahead` },
        { done: n / horizons.length, share: 1 / horizons.length, ...run },
      );
      const baselines = tableBaselines(trainSet, heldOut);
      rows.push({
        stepsAhead: k,
        inputs: trainSet.window,
        patterns: 2 ** trainSet.window,
        ...baselines,
        parameters: model.parameterCount(),
        finalLoss: result.losses.at(-1) ?? Number.NaN,
        trainAccuracy: await accuracy(compute, model, trainSet),
        heldOutAccuracy: await accuracy(compute, model, heldOut),
      });
    } finally {
      model.dispose();
    }
  }
  return {
    backend: compute.backend,
    rule,
    width,
    trainRows,
    heldOutRows,
    trainExamples: trainRows * width,
    heldOutExamples: heldOutRows * width,
    hidden,
    hiddenLayers,
    steps,
    batchSize,
    learningRate,
    seed,
    rows,
    figures: [stepsAheadFigure(rule, rows)],
  };
}

/** `inputs` cells → `layers` × (`hidden` units, Ramp) → 2 logits (white, black). */
function lightConeNet(inputs: number, hidden: number, layers: number): Layer {
  const stack: Layer[] = [];
  for (let l = 0; l < layers; l++) stack.push(dense({ inputs: l === 0 ? inputs : hidden, units: hidden }), relu());
  stack.push(dense({ inputs: hidden, units: 2 }));
  return sequential(stack);
}

/** Cells 0/1 as −1/+1, the net's input. */
function signedCells(cells: Uint8Array): Float32Array {
  return Float32Array.from(cells, (c) => 2 * c - 1);
}

/** The share of examples whose larger logit is the label's. Leaves no tensors. */
async function accuracy(compute: ComputeContext, model: Layer, data: LightConeData): Promise<number> {
  const { tf } = compute;
  const chunk = 4096;
  const x = signedCells(data.inputs);
  let right = 0;
  for (let from = 0; from < data.count; from += chunk) {
    const n = Math.min(chunk, data.count - from);
    const predicted = tf.tidy(() => {
      const input = tf.tensor2d(x.subarray(from * data.window, (from + n) * data.window), [n, data.window]); // [N, 2k+1]
      return tf.argMax(model.apply(input), -1); // [N]
    });
    try {
      const classes = await predicted.data();
      for (let i = 0; i < n; i++) if (classes[i] === data.labels[from + i]) right++;
    } finally {
      predicted.dispose();
    }
  }
  return right / data.count;
}

/** The majority-colour and lookup-table baselines on the held-out examples, and how much of them training saw. */
function tableBaselines(
  trainSet: LightConeData,
  heldOut: LightConeData,
): Pick<StepsAheadRow, 'distinctTrainPatterns' | 'heldOutSeen' | 'majorityAccuracy' | 'lookupAccuracy'> {
  const key = (d: LightConeData, i: number) => d.inputs.subarray(i * d.window, (i + 1) * d.window).join('');
  const table = new Map<string, number>();
  let ones = 0;
  for (let i = 0; i < trainSet.count; i++) {
    table.set(key(trainSet, i), trainSet.labels[i]!);
    ones += trainSet.labels[i]!;
  }
  const majority = 2 * ones >= trainSet.count ? 1 : 0;
  let seen = 0;
  let majorityRight = 0;
  let lookupRight = 0;
  for (let i = 0; i < heldOut.count; i++) {
    const label = heldOut.labels[i]!;
    const remembered = table.get(key(heldOut, i));
    if (remembered !== undefined) seen++;
    if (label === majority) majorityRight++;
    if ((remembered ?? majority) === label) lookupRight++;
  }
  return {
    distinctTrainPatterns: table.size,
    heldOutSeen: seen / heldOut.count,
    majorityAccuracy: majorityRight / heldOut.count,
    lookupAccuracy: lookupRight / heldOut.count,
  };
}
