/** Gradient descent on the two-weight net's loss landscape (essay 6.3), from the reader's start. */
import { lossLandscapeExperiment, TWO_WEIGHT_NET } from '@chatgpt-explained/essay';
import { renderSvg } from '@chatgpt-explained/viz';
import type { TaskContext } from '../task';
import { integerIn, numberIn } from '../task-input';

/** Input of the `train.landscape` task. */
export interface LandscapeInput {
  /** Where gradient descent starts, inside w1 ∈ [-4, 4], w2 ∈ [-3, 3]. */
  readonly w1: number;
  readonly w2: number;
  /** Plain gradient descent's step size, 0.01 to 3. */
  readonly learningRate: number;
  /** Steps of gradient descent, 10 to 1000. */
  readonly steps: number;
}

/** Result of `train.landscape`. */
export interface LandscapeOutput {
  readonly net: string;
  readonly start: { readonly w1: number; readonly w2: number; readonly loss: number };
  readonly end: { readonly w1: number; readonly w2: number; readonly loss: number };
  /** The loss after every step (`steps + 1` values, the start's first). */
  readonly losses: readonly number[];
  readonly svg: string;
}

const W1: readonly [number, number] = [-4, 4];
const W2: readonly [number, number] = [-3, 3];

function checkInput(input: LandscapeInput): void {
  numberIn('train.landscape', 'w1', input.w1, ...W1);
  numberIn('train.landscape', 'w2', input.w2, ...W2);
  numberIn('train.landscape', 'learningRate', input.learningRate, 0.01, 3);
  integerIn('train.landscape', 'steps', input.steps, 10, 1000);
}

/** Runs `train.landscape`: the landscape on a 61×61 grid and one descent path drawn on it. */
export async function descendLandscape(input: LandscapeInput, ctx: TaskContext): Promise<LandscapeOutput> {
  checkInput(input);
  const r = await lossLandscapeExperiment(ctx.compute, {
    grid: 61,
    w1Range: W1,
    w2Range: W2,
    starts: [{ w1: input.w1, w2: input.w2 }],
    steps: input.steps,
    learningRate: input.learningRate,
    signal: ctx.signal,
  });
  const path = r.paths[0]!;
  const spec = r.figures[0]!.spec;
  const svg = await renderSvg({
    ...spec,
    title: 'Loss landscape and the gradient-descent path',
    width: 320,
    height: 250,
  });
  return {
    net: TWO_WEIGHT_NET.formula,
    start: { ...path.points[0]!, loss: path.losses[0]! },
    end: path.end,
    losses: path.losses,
    svg,
  };
}
