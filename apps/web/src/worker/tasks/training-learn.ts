/** A net learning the wiggly function live (essay 6.1–6.2): curve and loss sent as it trains. */
import { learnFunctionExperiment, WIGGLY_TARGET_FORMULA, wigglyTarget } from '@chatgpt-explained/essay';
import { renderSvg, type LineSeries } from '@chatgpt-explained/viz';
import type { TaskContext } from '../task';
import { integerIn } from '../task-input';

/** Input of the `train.learn-function` task. */
export interface LearnInput {
  /** Training steps, 50 to 3000. */
  readonly steps: number;
  /** Units in each of the two hidden layers, 2 to 64. */
  readonly width: number;
  /** Seeds the weights and the examples. */
  readonly seed: number;
}

/** Progress of `train.learn-function`: the loss every few steps, and the net's curve at each picture. */
export interface LearnProgress {
  readonly step: number;
  readonly totalSteps: number;
  /** The latest batch's L2 loss. */
  readonly loss: number;
  /** The net's curve against the target, as SVG, when a picture was taken. */
  readonly curveSvg?: string;
  /** Loss over all training examples at that picture. */
  readonly fullLoss?: number;
  /** The learning curve so far, as SVG, with each picture. */
  readonly lossSvg?: string;
}

/** Result of `train.learn-function`. */
export interface LearnOutput {
  /** Loss over all training examples before training and after the last step. */
  readonly initialLoss: number;
  readonly finalLoss: number;
  /** Every step's batch loss. */
  readonly losses: readonly number[];
  readonly curveSvg: string;
  readonly lossSvg: string;
}

/** How many pictures of the curve are taken during training (the experiment's limit is 12). */
const PICTURES = 10;

function checkInput(input: LearnInput): void {
  integerIn('train.learn-function', 'steps', input.steps, 50, 3000);
  integerIn('train.learn-function', 'width', input.width, 2, 64);
  integerIn('train.learn-function', 'seed', input.seed, 0);
}

function curveFigure(xs: readonly number[], values: readonly number[], step: number, loss: number): Promise<string> {
  const dots = xs.filter((_, i) => i % 4 === 0);
  const target: LineSeries = { name: 'target', x: dots, y: dots.map(wigglyTarget), style: 'points' };
  return renderSvg({
    kind: 'line',
    title: `The net after ${step} steps`,
    subtitle: `learning ${WIGGLY_TARGET_FORMULA}; loss ${loss.toPrecision(3)}`,
    series: [target, { name: 'net', x: [...xs], y: [...values] }],
    xLabel: 'x',
    yLabel: 'output',
    yDomain: [-1.6, 1.6],
    legendTitle: 'curve',
    width: 320,
    height: 220,
  });
}

function lossFigure(steps: readonly number[], losses: readonly number[]): Promise<string> {
  return renderSvg({
    kind: 'line',
    title: 'Learning curve',
    series: [{ name: 'batch loss', x: [...steps], y: [...losses] }],
    xLabel: 'training step',
    yLabel: 'L2 loss',
    yScale: 'log',
    width: 320,
    height: 160,
  });
}

/** Runs `train.learn-function`: trains from scratch, sending progress; rejects when the signal fires. */
export async function learnFunctionLive(input: LearnInput, ctx: TaskContext): Promise<LearnOutput> {
  checkInput(input);
  const { steps, width, seed } = input;
  const lossSteps: number[] = [];
  const losses: number[] = [];
  const snapshots = Array.from({ length: PICTURES }, (_, i) => Math.round((steps * i) / PICTURES));
  // Pictures render while training goes on; each is sent once ready, in order.
  let sending: Promise<void> = Promise.resolve();
  const result = await learnFunctionExperiment(ctx.compute, {
    steps,
    hidden: [width, width],
    seed,
    examples: 256,
    randomNets: 1,
    points: 101,
    snapshots,
    signal: ctx.signal,
    onProgress: (p) => {
      lossSteps.push(p.step);
      losses.push(p.loss);
      ctx.progress({ step: p.step, totalSteps: p.totalSteps, loss: p.loss } satisfies LearnProgress);
    },
    onSnapshot: (s, xs) => {
      const sofar = { steps: [...lossSteps], losses: [...losses] };
      sending = sending.then(async () => {
        const [curveSvg, lossSvg] = await Promise.all([
          curveFigure(xs, s.values, s.step, s.loss),
          sofar.steps.length > 1 ? lossFigure(sofar.steps, sofar.losses) : Promise.resolve(undefined),
        ]);
        ctx.progress({
          step: s.step,
          totalSteps: steps,
          loss: s.loss,
          fullLoss: s.loss,
          curveSvg,
          ...(lossSvg === undefined ? {} : { lossSvg }),
        } satisfies LearnProgress);
      });
    },
  });
  await sending;
  const last = result.snapshots.at(-1)!;
  return {
    initialLoss: result.initialLoss,
    finalLoss: result.finalLoss,
    losses: result.losses,
    curveSvg: await curveFigure(result.xs, last.values, last.step, last.loss),
    lossSvg: await lossFigure(
      result.losses.map((_, i) => i + 1),
      result.losses,
    ),
  };
}
