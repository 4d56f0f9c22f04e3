/** Tasks of essay section 5.2: a small net learns the nearest-point task while the reader watches. */
import {
  ESSAY_NEAREST_POINTS,
  nearestPointExperiment,
  type NearestPointResult,
  type PlanePoint,
} from '@chatgpt-explained/essay';
import { renderSvg } from '@chatgpt-explained/viz';
import { task } from '../task';
import { integerIn } from '../task-input';

/** Input of `nearest.train`. */
export interface NearestTrainInput {
  /** 2 to 8 distinct points; default the essay's three. */
  readonly points?: readonly PlanePoint[];
  /** Hidden ReLU layer widths. */
  readonly hidden: readonly number[];
  /** Full-batch Adam steps in all (10 to 2,000). */
  readonly steps: number;
  /** Training points (default 512). */
  readonly samples?: number;
  readonly seed?: number;
}

/** Progress of `nearest.train`: a loss as training goes, and a snapshot of the regions at each stage. */
export type NearestTrainProgress =
  | { readonly kind: 'loss'; readonly step: number; readonly totalSteps: number; readonly loss: number }
  | {
      readonly kind: 'stage';
      readonly step: number;
      readonly totalSteps: number;
      readonly agreement: number;
      readonly regionsSvg: string;
      readonly lossSvg: string;
      /** The loss at every step so far. */
      readonly losses: readonly { readonly step: number; readonly loss: number }[];
    };

/** What `nearest.train` returns: the last stage, and the true Voronoi regions. */
export interface NearestTrainOutput {
  readonly agreement: number;
  readonly firstLoss: number;
  readonly lastLoss: number;
  readonly layers: readonly number[];
  readonly parameters: number;
  readonly voronoiSvg: string;
}

/** The steps after which the regions are drawn: about 1/16, 1/8, 1/4, 1/2 and all of `steps`. */
export function nearestStages(steps: number): number[] {
  const stages = new Set<number>();
  for (const part of [16, 8, 4, 2, 1]) stages.add(Math.max(1, Math.round(steps / part)));
  return [...stages].sort((a, b) => a - b);
}

function lossSpec(losses: readonly { step: number; loss: number }[], totalSteps: number) {
  return {
    kind: 'line' as const,
    title: 'Training loss',
    subtitle: 'cross-entropy of the training points at each step',
    series: [{ name: 'loss', x: losses.map((l) => l.step), y: losses.map((l) => l.loss) }],
    xLabel: 'step',
    yLabel: 'loss (nats)',
    xDomain: [1, totalSteps] as const,
    width: 300,
    height: 180,
  };
}

export const netTasks = {
  /**
   * Trains the nearest-point net (essay 5.2, `nearestPointExperiment`) in stages: the net is trained
   * from the same seed for each stage's number of steps (full-batch and deterministic, so every stage
   * follows the same path as the last), and its regions and loss curve are sent after each stage.
   */
  'nearest.train': task<NearestTrainInput, NearestTrainOutput, NearestTrainProgress>(async (input, ctx) => {
    const steps = integerIn('nearest.train', 'steps', input.steps, 10, 2000);
    const compute = ctx.compute;
    const losses = new Map<number, number>();
    let last: NearestPointResult | undefined;
    for (const stage of nearestStages(steps)) {
      last = await nearestPointExperiment(
        {
          points: input.points ?? ESSAY_NEAREST_POINTS,
          hidden: input.hidden,
          steps: stage,
          samples: input.samples ?? 512,
          seed: input.seed ?? 0,
          grid: 80,
        },
        {
          compute,
          signal: ctx.signal,
          onProgress: (p) => {
            if (losses.has(p.step)) return;
            losses.set(p.step, p.loss);
            ctx.progress({ kind: 'loss', step: p.step, totalSteps: steps, loss: p.loss });
          },
        },
      );
      const sorted = [...losses].sort((a, b) => a[0] - b[0]).map(([step, loss]) => ({ step, loss }));
      const snapshot: NearestTrainProgress = {
        kind: 'stage',
        step: stage,
        totalSteps: steps,
        agreement: last.agreement,
        regionsSvg: await renderSvg(last.figures[1]!.spec),
        lossSvg: await renderSvg(lossSpec(sorted, steps)),
        losses: sorted,
      };
      ctx.progress(snapshot);
    }
    const sorted = [...losses].sort((a, b) => a[0] - b[0]);
    return {
      agreement: last!.agreement,
      firstLoss: sorted[0]![1],
      lastLoss: sorted[sorted.length - 1]![1],
      layers: last!.layers,
      parameters: last!.parameters,
      voronoiSvg: await renderSvg(last!.figures[0]!.spec),
    };
  }),
};
