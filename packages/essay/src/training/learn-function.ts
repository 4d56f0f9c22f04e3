import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { adam, cosineSchedule, tensorDataset, train } from '@chatgpt-explained/trainer';
import type { LineSeries } from '@chatgpt-explained/viz';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { hiddenSizes, integerIn, positiveNumber, seedIn } from './checks';
import { CURVE_NET_HIDDEN, curveNet, meanSquaredError, predictCurve } from './curve-net';
import type { TrainingRunOptions } from './progress';
import { linspace, sampleTarget, wigglyTarget, WIGGLY_TARGET_FORMULA } from './target';

/** The steps at which {@link learnFunctionExperiment} draws the net by default (those ≤ `steps`, and `steps`). */
export const DEFAULT_LEARN_SNAPSHOTS: readonly number[] = [0, 30, 100, 300, 1000, 3000];

/** Options of {@link learnFunctionExperiment}, with their defaults. */
export interface LearnFunctionOptions extends TrainingRunOptions {
  /** Hidden layer sizes of the 1-input, 1-output ReLU net. Default {@link CURVE_NET_HIDDEN} ([32, 32]). */
  readonly hidden?: readonly number[];
  /** Training examples `(x, f(x))` with x uniform in [-1, 1], 16 to 100,000. Default 512. */
  readonly examples?: number;
  /** Training steps (mini-batches), 1 to 100,000. Default 3000. */
  readonly steps?: number;
  /** Examples per step, 1 to 1024. Default 32. */
  readonly batchSize?: number;
  /** Adam's learning rate at the start, > 0; it decays along half a cosine to 1/20 of this by the last step. Default 0.01. */
  readonly learningRate?: number;
  /**
   * Steps after which the net's curve is drawn, 1 to 12 of them, each from 0 (the untrained net) to
   * `steps`; `steps` itself is always drawn. Default {@link DEFAULT_LEARN_SNAPSHOTS} below `steps`.
   */
  readonly snapshots?: readonly number[];
  /** How many untrained nets to draw (seeds `seed`, `seed + 1`, …), 1 to 8. Default 4. */
  readonly randomNets?: number;
  /** Seeds the trained net's weights (it is random net 1), the examples and the batch order. Default 1. */
  readonly seed?: number;
  /** Points at which curves are drawn over [-1, 1], 16 to 2001. Default 201. */
  readonly points?: number;
  /**
   * Receives each snapshot of the trained net as it is taken (with the curve's `xs`), so an app can
   * draw the curve while the net trains.
   */
  readonly onSnapshot?: (snapshot: LearnSnapshot, xs: readonly number[]) => void;
}

/** The trained net's curve after some steps. */
export interface LearnSnapshot {
  /** Steps taken (0: the untrained net). */
  readonly step: number;
  /** Examples seen so far, `step × batchSize`. */
  readonly examplesSeen: number;
  /** The net's output at each of `xs`. */
  readonly values: readonly number[];
  /** The `l2` loss (mean squared error) over all the training examples. */
  readonly loss: number;
}

/** Result of {@link learnFunctionExperiment}. */
export interface LearnFunctionResult {
  readonly backend: string;
  /** The target, written out. */
  readonly target: string;
  /** The training range of x. */
  readonly range: readonly [number, number];
  readonly hidden: readonly number[];
  readonly examples: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Where curves are drawn. */
  readonly xs: readonly number[];
  /** The target at each of `xs`. */
  readonly targetValues: readonly number[];
  /** Untrained nets: each seed's curve and its loss on the training examples. */
  readonly randomNets: ReadonlyArray<{
    readonly seed: number;
    readonly values: readonly number[];
    readonly loss: number;
  }>;
  /** The trained net after more and more steps, in order. */
  readonly snapshots: readonly LearnSnapshot[];
  /** The loss of every step's batch (before its update): the learning curve. */
  readonly losses: readonly number[];
  /** Loss on all training examples before training (= random net 1's). */
  readonly initialLoss: number;
  /** Loss on all training examples after the last step. */
  readonly finalLoss: number;
  /** `6.1-random-nets`, `6.1-fits`, `6.2-learning-curve`. */
  readonly figures: readonly Figure[];
}

const RANGE: readonly [number, number] = [-1, 1];

/**
 * Essay 6.1–6.2: a net with one input and one output (ReLU, hidden layers `hidden`) learns the
 * wiggly target {@link wigglyTarget} from examples. Draws some untrained nets (different seeds)
 * against the target, then the same net after more and more training steps (Adam, `l2` loss,
 * decaying learning rate, mini-batches from the trainer), and the learning curve: the loss of every step. Disposes every
 * tensor it makes.
 */
export async function learnFunctionExperiment(
  compute: ComputeContext,
  options: LearnFunctionOptions = {},
): Promise<LearnFunctionResult> {
  const op = 'learnFunctionExperiment';
  const hidden = hiddenSizes(op, options.hidden ?? CURVE_NET_HIDDEN);
  const examples = integerIn(op, 'examples', options.examples ?? 512, 16, 100_000);
  const steps = integerIn(op, 'steps', options.steps ?? 3000, 1, 100_000);
  const batchSize = integerIn(op, 'batchSize', options.batchSize ?? 32, 1, 1024);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.01);
  const randomNets = integerIn(op, 'randomNets', options.randomNets ?? 4, 1, 8);
  const seed = seedIn(op, 'seed', options.seed ?? 1);
  const points = integerIn(op, 'points', options.points ?? 201, 16, 2001);
  const snapshots = snapshotSteps(op, options.snapshots, steps);
  const { signal, onProgress } = options;

  const xs = linspace(RANGE[0], RANGE[1], points);
  const targetValues = xs.map(wigglyTarget);
  const data = sampleTarget(examples, RANGE, seed);
  const dataset = tensorDataset({ data: data.x, shape: [examples, 1] }, { data: data.y, shape: [examples, 1] });

  const drawNet = async (net: ReturnType<typeof curveNet>) => ({
    values: await predictCurve(compute, net, xs),
    loss: meanSquaredError(await predictCurve(compute, net, data.x), data.y),
  });

  const random: Array<{ seed: number; values: number[]; loss: number }> = [];
  for (let k = 0; k < randomNets; k++) {
    signal?.throwIfAborted();
    const net = curveNet(hidden).initialize({ seed: seed + k });
    try {
      random.push({ seed: seed + k, ...(await drawNet(net)) });
    } finally {
      net.dispose();
    }
  }

  const net = curveNet(hidden).initialize({ seed });
  const optimizer = adam({ learningRate });
  const schedule = cosineSchedule({ totalSteps: steps, minLearningRate: learningRate / 20 });
  const taken: LearnSnapshot[] = [];
  const losses: number[] = [];
  try {
    let done = 0;
    for (const [segment, until] of snapshots.entries()) {
      if (until > done) {
        const run = await train(net, dataset, {
          loss: 'l2',
          optimizer,
          batchSize,
          steps: until - done,
          learningRate: (step, base) => schedule(done + step, base),
          // A new shuffle for each stretch between pictures (train restarts its epochs each call).
          seed: seed + segment,
          signal,
          progressEvery: 10,
          ...(onProgress === undefined
            ? {}
            : { onProgress: (p) => onProgress({ step: done + p.step, totalSteps: steps, loss: p.loss }) }),
        });
        losses.push(...run.losses);
        done = until;
      }
      const snapshot = { step: until, examplesSeen: until * batchSize, ...(await drawNet(net)) };
      taken.push(snapshot);
      options.onSnapshot?.(snapshot, xs);
    }
  } finally {
    optimizer.dispose();
    net.dispose();
  }

  const initialLoss = taken[0]!.step === 0 ? taken[0]!.loss : random[0]!.loss;
  const finalLoss = taken.at(-1)!.loss;
  const result = {
    backend: compute.backend,
    target: WIGGLY_TARGET_FORMULA,
    range: RANGE,
    hidden: [...hidden],
    examples,
    batchSize,
    learningRate,
    seed,
    xs,
    targetValues,
    randomNets: random,
    snapshots: taken,
    losses,
    initialLoss,
    finalLoss,
  };
  return { ...result, figures: learnFigures(result) };
}

function snapshotSteps(op: string, given: readonly number[] | undefined, steps: number): number[] {
  if (given === undefined) return [...new Set([...DEFAULT_LEARN_SNAPSHOTS.filter((s) => s < steps), steps])];
  if (!Array.isArray(given) || given.length < 1 || given.length > 12) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: snapshots must list 1 to 12 steps, got ${JSON.stringify(given)}`, {
      argument: 'snapshots',
      value: given,
      expected: '1 to 12 steps',
    });
  }
  given.forEach((s, i) => integerIn(op, `snapshots[${i}]`, s, 0, steps));
  return [...new Set([...given, steps])].sort((a, b) => a - b);
}

const round = (v: number) => Number(v.toPrecision(3));

function learnFigures(r: Omit<LearnFunctionResult, 'figures'>): Figure[] {
  // The target as dots, so it shows through the curves that fit it.
  const dots = linspace(r.range[0], r.range[1], 41);
  const target: LineSeries = { name: 'target', x: dots, y: dots.map(wigglyTarget), style: 'points' };
  const net = `1 → ${r.hidden.join(' → ')} → 1 ReLU net`;
  const steps = r.losses.length;
  const lossSteps = Array.from({ length: steps }, (_, i) => i + 1);
  return [
    {
      name: '6.1-random-nets',
      spec: {
        kind: 'line',
        title: 'Untrained nets: random weights, random functions',
        subtitle: `${r.randomNets.length} ${net}s with different seeds, before any training; target ${r.target}`,
        series: [
          target,
          ...r.randomNets.map((n) => ({ name: `seed ${n.seed}: loss ${round(n.loss)}`, x: r.xs, y: n.values })),
        ],
        xLabel: 'x',
        yLabel: 'output',
        legendTitle: 'curve',
      },
    },
    {
      name: '6.1-fits',
      spec: {
        kind: 'line',
        title: 'The same net after more and more examples',
        subtitle: `${net} learning ${r.target} from ${r.examples} examples, ${r.batchSize} per step (Adam)`,
        series: [
          target,
          ...r.snapshots.map((s) => ({
            name: `${s.examplesSeen.toLocaleString('en-US')}: loss ${round(s.loss)}`,
            x: r.xs,
            y: s.values,
          })),
        ],
        xLabel: 'x',
        yLabel: 'output',
        legendTitle: 'examples seen',
      },
    },
    {
      name: '6.2-learning-curve',
      spec: {
        kind: 'line',
        title: 'The learning curve: L2 loss over training',
        subtitle: `loss of each step's batch of ${r.batchSize}, and of all ${r.examples} training examples where the net was drawn`,
        series: [
          { name: 'batch loss', x: lossSteps, y: r.losses },
          {
            name: 'all training examples',
            x: r.snapshots.filter((s) => s.step > 0).map((s) => s.step),
            y: r.snapshots.filter((s) => s.step > 0).map((s) => s.loss),
            style: 'line+points',
          },
        ],
        xLabel: 'training step',
        yLabel: 'L2 loss (mean squared error)',
        yScale: 'log',
        legendTitle: 'loss',
      },
    },
  ];
}
