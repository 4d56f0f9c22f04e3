/**
 * Tasks of essay section 13 (computational irreducibility): rule 30 from one black cell as a picture,
 * and the essay's small net trained to predict a cell k steps ahead from the cells that decide it.
 */
import {
  QUICK_STEPS_AHEAD,
  automatonFigure,
  centreColumn,
  runAutomaton,
  stepsAheadExperiment,
  stepsAheadFigure,
  type StepsAheadRow,
} from '@chatgpt-explained/essay';
import { renderSvg } from '@chatgpt-explained/viz';
import { task, type TaskContext } from '../task';
import { integerIn } from '../task-input';

/** Most steps the picture may run (401 cells wide, 201 rows). */
export const RULE30_MAX_STEPS = 200;
/** Most horizons k the net may be asked to predict. */
export const MAX_STEPS_AHEAD = 16;
/** Fewest and most Adam steps a reader's run may take. */
export const TRAIN_STEPS_RANGE = [100, 3000] as const;

/** Input of `rule30.picture`. */
export interface Rule30PictureInput {
  /** Steps to run from one black cell, 1 to {@link RULE30_MAX_STEPS}. */
  readonly steps: number;
}

/** Result of `rule30.picture`. */
export interface Rule30PictureOutput {
  readonly steps: number;
  /** `2·steps + 1`. */
  readonly width: number;
  /** The middle cell of every row, the start first. */
  readonly centreColumn: readonly number[];
  readonly svg: string;
}

/** Input of `rule30.steps-ahead`. */
export interface StepsAheadInput {
  /** Steps ahead k, 1 to {@link MAX_STEPS_AHEAD}. */
  readonly stepsAhead: number;
  /** Adam steps, in {@link TRAIN_STEPS_RANGE}. */
  readonly trainSteps: number;
  /** Earlier runs' rows (other k), drawn in the chart beside this one. */
  readonly earlier?: readonly StepsAheadRow[];
}

/** Progress of `rule30.steps-ahead`. */
export interface StepsAheadProgress {
  readonly fraction: number;
  readonly loss?: number;
}

/** Result of `rule30.steps-ahead`. */
export interface StepsAheadOutput {
  /** This run's row. */
  readonly row: StepsAheadRow;
  readonly trainExamples: number;
  readonly heldOutExamples: number;
  readonly trainSteps: number;
  /** Held-out accuracy against k for this run and the earlier ones. */
  readonly svg: string;
}

/** Runs `rule30.picture`: the automaton's rows drawn as the essay's figure. */
async function rule30Picture(input: Rule30PictureInput): Promise<Rule30PictureOutput> {
  const steps = integerIn('rule30.picture', 'steps', input.steps, 1, RULE30_MAX_STEPS);
  const run = runAutomaton({ rule: 30, steps });
  const { spec } = automatonFigure(run);
  // At least 3 pixels a cell (more for a few steps, so they stay visible), at most 640 wide: the page
  // scales it down on a phone.
  const svg = await renderSvg({ ...spec, width: Math.min(640, run.width * Math.max(3, Math.floor(400 / run.width))) });
  return { steps, width: run.width, centreColumn: centreColumn(run), svg };
}

/** Runs `rule30.steps-ahead`: the essay's net for one horizon, on the quick budget with the reader's steps. */
async function stepsAhead(input: StepsAheadInput, ctx: TaskContext): Promise<StepsAheadOutput> {
  const op = 'rule30.steps-ahead';
  const k = integerIn(op, 'stepsAhead', input.stepsAhead, 1, MAX_STEPS_AHEAD);
  const trainSteps = integerIn(op, 'trainSteps', input.trainSteps, ...TRAIN_STEPS_RANGE);
  const result = await stepsAheadExperiment(ctx.compute, {
    ...QUICK_STEPS_AHEAD,
    stepsAhead: [k],
    steps: trainSteps,
    signal: ctx.signal,
    onProgress: (p) =>
      ctx.progress({
        fraction: p.fraction,
        ...(p.loss === undefined ? {} : { loss: p.loss }),
      } satisfies StepsAheadProgress),
  });
  const row = result.rows[0]!;
  const rows = [...(input.earlier ?? []).filter((r) => r.stepsAhead !== k), row].sort(
    (a, b) => a.stepsAhead - b.stepsAhead,
  );
  const { spec } = stepsAheadFigure(result.rule, rows);
  const svg = await renderSvg({
    ...spec,
    title: `Predicting rule 30 k steps ahead (${trainSteps} training steps)`,
    width: 320,
    height: 220,
  });
  return {
    row,
    trainExamples: result.trainExamples,
    heldOutExamples: result.heldOutExamples,
    trainSteps,
    svg,
  };
}

export const irreducibilityTasks = {
  /** Essay 13.1: rule 30 from one black cell for the reader's number of steps, as a picture. */
  'rule30.picture': task<Rule30PictureInput, Rule30PictureOutput>(rule30Picture),
  /** Essay 13.1: can a net predict rule 30 k steps ahead? Held-out accuracy beside the majority guess. */
  'rule30.steps-ahead': task<StepsAheadInput, StepsAheadOutput, StepsAheadProgress>(stepsAhead),
};
