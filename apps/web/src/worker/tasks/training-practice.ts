/** Net size in practice (essay 7.1): a net of the reader's size fitted to the wiggly target. */
import { netSizeExperiment, WIGGLY_FORMULA } from '@chatgpt-explained/essay';
import { renderSvg } from '@chatgpt-explained/viz';
import type { TaskContext } from '../task';
import { integerIn, oneOf } from '../task-input';

/** The sizes the reader may pick: units per hidden layer. */
export const PRACTICE_SIZES: readonly number[] = [1, 2, 4, 8, 16, 32];

/** Input of the `train.net-size` task. */
export interface NetSizeInput {
  /** Units per hidden layer, one of {@link PRACTICE_SIZES}. */
  readonly units: number;
  /** Hidden layers, 1 to 3. */
  readonly layers: number;
  /** Full-batch Adam steps, 50 to 2000. */
  readonly steps: number;
}

/** Progress of `train.net-size`: the share done and the live loss. */
export interface NetSizeProgress {
  readonly fraction: number;
  readonly loss?: number;
}

/** Result of `train.net-size`. */
export interface NetSizeOutput {
  readonly target: string;
  readonly units: number;
  readonly layers: number;
  readonly steps: number;
  readonly parameters: number;
  /** Mean squared error on the training points after training. */
  readonly loss: number;
  readonly svg: string;
}

/** Runs `train.net-size`. */
export async function trainNetSize(input: NetSizeInput, ctx: TaskContext): Promise<NetSizeOutput> {
  oneOf('train.net-size', 'units', input.units, PRACTICE_SIZES);
  integerIn('train.net-size', 'layers', input.layers, 1, 3);
  integerIn('train.net-size', 'steps', input.steps, 50, 2000);
  const r = await netSizeExperiment(ctx.compute, {
    sizes: [input.units],
    hiddenLayers: input.layers,
    steps: input.steps,
    points: 64,
    perceptronSteps: 1,
    signal: ctx.signal,
    onProgress: (p) =>
      ctx.progress({
        fraction: p.fraction,
        ...(p.loss === undefined ? {} : { loss: p.loss }),
      } satisfies NetSizeProgress),
  });
  const net = r.nets[0]!;
  const fits = r.figures.find((f) => f.name === '7.1-net-size-fits')!.spec;
  const layers = `${input.layers} hidden layer${input.layers === 1 ? '' : 's'}`;
  const svg = await renderSvg({
    ...fits,
    title: `A net with ${layers} of ${input.units} unit${input.units === 1 ? '' : 's'}`,
    subtitle: `${net.parameters} parameters, ${input.steps} steps; target ${WIGGLY_FORMULA}`,
    width: 320,
    height: 230,
  });
  return {
    target: r.target,
    units: input.units,
    layers: input.layers,
    steps: input.steps,
    parameters: net.parameters,
    loss: net.loss,
    svg,
  };
}
