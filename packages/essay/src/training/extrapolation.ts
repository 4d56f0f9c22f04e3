import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { adam, cosineSchedule, tensorDataset, train } from '@chatgpt-explained/trainer';
import type { Figure } from '../figure';
import { hiddenSizes, integerIn, positiveNumber, rangeOf, seedIn } from './checks';
import { CURVE_NET_HIDDEN, meanSquaredError, predictRows } from './curve-net';
import { EssayError } from '../errors';
import { NetStack } from './net-stack';
import type { TrainingRunOptions } from './progress';
import { linspace, sampleTarget, wigglyTarget, WIGGLY_TARGET_FORMULA } from './target';

/** Options of {@link extrapolationExperiment}, with their defaults. */
export interface ExtrapolationOptions extends TrainingRunOptions {
  /** How many nets, each from its own random start, 2 to 8. Default 5. */
  readonly nets?: number;
  /** Hidden layer sizes of each 1-input, 1-output ReLU net. Default {@link CURVE_NET_HIDDEN} ([32, 32]). */
  readonly hidden?: readonly number[];
  /** Training examples `(x, f(x))`, x uniform in `trainRange`, 16 to 100,000. Default 512. */
  readonly examples?: number;
  /** Training steps of every net, 1 to 100,000. Default 2000. */
  readonly steps?: number;
  /** Examples per step, 1 to 1024. Default 32. */
  readonly batchSize?: number;
  /** Adam's learning rate at the start, > 0; it decays along half a cosine to 1/20 of this by the last step. Default 0.02. */
  readonly learningRate?: number;
  /** Where the training examples come from. Default [-1, 1]. */
  readonly trainRange?: readonly [number, number];
  /** Where the nets are drawn and compared; must contain `trainRange` and reach beyond it. Default [-3, 3]. */
  readonly showRange?: readonly [number, number];
  /** Points at which the nets are drawn over `showRange`, 16 to 4001. Default 301. */
  readonly points?: number;
  /** Seeds the nets' random starts, the examples and the batch order. Default 1. */
  readonly seed?: number;
}

/** How far apart the nets' answers are over some x: the largest minus the smallest, at each x. */
export interface NetSpread {
  /** The largest spread (the largest difference between two nets) at any x of the region. */
  readonly max: number;
  /** The spread averaged over the region's points. */
  readonly mean: number;
}

/** Result of {@link extrapolationExperiment}. */
export interface ExtrapolationResult {
  readonly backend: string;
  readonly target: string;
  readonly trainRange: readonly [number, number];
  readonly showRange: readonly [number, number];
  readonly hidden: readonly number[];
  readonly examples: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Where the nets are drawn. */
  readonly xs: readonly number[];
  /** The target at each of `xs`. */
  readonly targetValues: readonly number[];
  /** Each net's output at every one of `xs`, and its `l2` loss over the training examples. */
  readonly nets: ReadonlyArray<{ readonly values: readonly number[]; readonly trainingLoss: number }>;
  /** The spread of the nets' answers inside `trainRange`. */
  readonly inside: NetSpread;
  /** The spread outside `trainRange` (the rest of `showRange`). */
  readonly outside: NetSpread;
  /** `outside.max / inside.max`: how much more they disagree when extrapolating. */
  readonly disagreementRatio: number;
  /** The summed loss of all nets at every step (the stack's training loss). */
  readonly losses: readonly number[];
  /** `6.4-extrapolation`: the nets and the target over `showRange`, the training range marked. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 6.4: several nets, the same shape and trained the same way on the same examples of the
 * wiggly target from `trainRange`, but from different random weights. They agree where there were
 * examples and part ways outside: each has found its own "different but equivalent" solution, and
 * the data do not say which is right beyond them. The nets train side by side as one
 * {@link NetStack} (each exactly as if alone). Disposes every tensor it makes.
 */
export async function extrapolationExperiment(
  compute: ComputeContext,
  options: ExtrapolationOptions = {},
): Promise<ExtrapolationResult> {
  const op = 'extrapolationExperiment';
  const count = integerIn(op, 'nets', options.nets ?? 5, 2, 8);
  const hidden = hiddenSizes(op, options.hidden ?? CURVE_NET_HIDDEN);
  const examples = integerIn(op, 'examples', options.examples ?? 512, 16, 100_000);
  const steps = integerIn(op, 'steps', options.steps ?? 2000, 1, 100_000);
  const batchSize = integerIn(op, 'batchSize', options.batchSize ?? 32, 1, 1024);
  const learningRate = positiveNumber(op, 'learningRate', options.learningRate ?? 0.02);
  const trainRange = rangeOf(op, 'trainRange', options.trainRange ?? [-1, 1]);
  const showRange = rangeOf(op, 'showRange', options.showRange ?? [-3, 3]);
  if (
    !(showRange[0] <= trainRange[0] && showRange[1] >= trainRange[1]) ||
    (showRange[0] === trainRange[0] && showRange[1] === trainRange[1])
  ) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: showRange ${JSON.stringify(showRange)} must contain trainRange ${JSON.stringify(trainRange)} and reach beyond it`,
      {
        argument: 'showRange',
        value: showRange,
        expected: `a range containing ${JSON.stringify(trainRange)} and more`,
      },
    );
  }
  const points = integerIn(op, 'points', options.points ?? 301, 16, 4001);
  const seed = seedIn(op, 'seed', options.seed ?? 1);
  const { signal, onProgress } = options;

  const data = sampleTarget(examples, trainRange, seed);
  // Every net learns the same targets: y repeated once per net, [E, N].
  const targets = new Float32Array(examples * count);
  data.y.forEach((y, i) => targets.fill(y, i * count, (i + 1) * count));
  const dataset = tensorDataset({ data: data.x, shape: [examples, 1] }, { data: targets, shape: [examples, count] });

  const xs = linspace(showRange[0], showRange[1], points);
  const stack = new NetStack(count, hidden).initialize({ seed });
  const optimizer = adam({ learningRate });
  let losses: number[];
  let shown: number[][];
  let onData: number[][];
  try {
    const run = await train(stack, dataset, {
      loss: 'l2',
      optimizer,
      batchSize,
      steps,
      learningRate: cosineSchedule({ totalSteps: steps, minLearningRate: learningRate / 20 }),
      seed,
      signal,
      progressEvery: 10,
      // The stack's loss is the sum of the nets'; report the mean net's.
      ...(onProgress === undefined
        ? {}
        : { onProgress: (p) => onProgress({ step: p.step, totalSteps: steps, loss: p.loss / count }) }),
    });
    losses = run.losses;
    shown = await predictRows(compute, stack, xs, count); // [P][N]
    onData = await predictRows(compute, stack, data.x, count); // [E][N]
  } finally {
    optimizer.dispose();
    stack.dispose();
  }

  const nets = Array.from({ length: count }, (_, k) => ({
    values: shown.map((row) => row[k]!),
    trainingLoss: meanSquaredError(
      onData.map((row) => row[k]!),
      data.y,
    ),
  }));
  const isInside = (x: number) => x >= trainRange[0] && x <= trainRange[1];
  const inside = spread(shown.filter((_, i) => isInside(xs[i]!)));
  const outside = spread(shown.filter((_, i) => !isInside(xs[i]!)));
  const result = {
    backend: compute.backend,
    target: WIGGLY_TARGET_FORMULA,
    trainRange,
    showRange,
    hidden: [...hidden],
    examples,
    steps,
    batchSize,
    learningRate,
    seed,
    xs,
    targetValues: xs.map(wigglyTarget),
    nets,
    inside,
    outside,
    disagreementRatio: outside.max / inside.max,
    losses,
  };
  return { ...result, figures: [extrapolationFigure(result)] };
}

function spread(rows: readonly (readonly number[])[]): NetSpread {
  if (rows.length === 0) return { max: 0, mean: 0 };
  let max = 0;
  let sum = 0;
  for (const row of rows) {
    const s = Math.max(...row) - Math.min(...row);
    if (s > max) max = s;
    sum += s;
  }
  return { max, mean: sum / rows.length };
}

const round = (v: number) => Number(v.toPrecision(2));

function extrapolationFigure(r: Omit<ExtrapolationResult, 'figures'>): Figure {
  // The y axis shows the nets' whole spread, but at most the target's own span beyond it either way,
  // so the fit inside the training range stays visible (curves leaving the plot are clipped).
  const targetLo = Math.min(...r.targetValues);
  const targetHi = Math.max(...r.targetValues);
  const span = targetHi - targetLo || 1;
  const netValues = r.nets.flatMap((n) => n.values);
  const lo = Math.max(Math.min(targetLo, ...netValues), targetLo - span);
  const hi = Math.min(Math.max(targetHi, ...netValues), targetHi + span);
  const pad = 0.03 * (hi - lo);
  const [bottom, top] = [lo - pad, hi + pad];
  const dots = linspace(r.showRange[0], r.showRange[1], Math.round((r.showRange[1] - r.showRange[0]) * 10) + 1);
  const [a, b] = r.trainRange;
  return {
    name: '6.4-extrapolation',
    spec: {
      kind: 'line',
      title: `${r.nets.length} equally good nets agree on the training range, not beyond it`,
      subtitle: `${r.target}, learned from x in [${a}, ${b}]; largest disagreement ${round(r.inside.max)} inside, ${round(r.outside.max)} outside`,
      series: [
        { name: 'target', x: dots, y: dots.map(wigglyTarget), style: 'points' },
        ...r.nets.map((n, k) => ({ name: `net ${k + 1}: loss ${round(n.trainingLoss)}`, x: r.xs, y: n.values })),
        // The training range as a bracket: up its left edge, along the bottom, up its right edge.
        { name: 'training range', x: [a, a, b, b], y: [top, bottom, bottom, top] },
      ],
      xLabel: 'x',
      yLabel: 'output',
      yDomain: [bottom, top],
      legendTitle: 'curve',
      width: 560,
    },
  };
}
