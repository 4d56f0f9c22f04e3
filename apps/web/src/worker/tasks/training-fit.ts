/** The fall-time data of essay 3.1 fitted by the formula the reader picks. */
import { FALL_TIME_MODELS, fallTimesExperiment } from '@chatgpt-explained/essay';
import { renderSvg } from '@chatgpt-explained/viz';
import type { TaskContext } from '../task';
import { integerIn, oneOf } from '../task-input';

/** Input of the `fit.fall-times` task. */
export interface FallFitInput {
  /** The model's name: one of `FALL_TIME_MODELS` (`'line'`, `'quadratic'`, `'poor'`). */
  readonly model: string;
  /** Floors of the tower, 4 to 30. */
  readonly floors: number;
}

/** Result of the `fit.fall-times` task. */
export interface FallFitOutput {
  readonly model: string;
  readonly formula: string;
  /** The data: floor number and fall time in seconds. */
  readonly floors: readonly number[];
  readonly times: readonly number[];
  /** Fitted coefficients in order a, b, c… */
  readonly coefficients: readonly { readonly name: string; readonly value: number }[];
  /** Root-mean-square and largest error over the floors, in seconds. */
  readonly rmsError: number;
  readonly maxError: number;
  readonly svg: string;
}

/** Runs `fit.fall-times`: fits the data with the chosen formula and draws points and curve. */
export async function fitFallTimes(input: FallFitInput, ctx: TaskContext): Promise<FallFitOutput> {
  const model = oneOf(
    'fit.fall-times',
    'model',
    input.model,
    FALL_TIME_MODELS.map((m) => m.name),
  );
  const index = FALL_TIME_MODELS.findIndex((m) => m.name === model);
  integerIn('fit.fall-times', 'floors', input.floors, 4, 30);
  const result = fallTimesExperiment({ floors: input.floors, curvePoints: 120 });
  ctx.signal.throwIfAborted();
  const fit = result.fits[index]!;
  const spec = result.figures[0]!.spec;
  if (spec.kind !== 'line') throw new Error(`fit.fall-times: expected a line chart, got ${spec.kind}`);
  // The essay's figure with every model: keep the chosen model's curve and the data.
  const series = spec.series.filter((s) => s.name === fit.formula || s.style === 'points');
  const svg = await renderSvg({
    ...spec,
    title: `Time to fall from each floor, fitted by ${fit.formula}`,
    series,
    width: 340,
    height: 240,
  });
  return {
    model: fit.name,
    formula: fit.formula,
    floors: result.data.map((d) => d.floor),
    times: result.data.map((d) => d.time),
    coefficients: Object.entries(fit.coefficients).map(([name, value]) => ({ name, value })),
    rmsError: fit.rmsError,
    maxError: fit.maxError,
    svg,
  };
}
