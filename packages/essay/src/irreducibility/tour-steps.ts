import type { TourContext, TourStep } from '../tour';
import type { PracticeRunOptions } from '../practice/nets';
import { centreColumn, runAutomaton } from './automaton';
import { automatonFigure } from './figures';
import { stepsAheadExperiment, type StepsAheadOptions } from './steps-ahead';
import { automatonLines, stepsAheadLines } from './summary';

/** Steps of the rule 30 picture of essay 13.1 (201 cells wide). */
export const RULE30_PICTURE_STEPS = 100;

/**
 * 13.1 in quick mode: one step and sixteen steps ahead, 400 Adam steps on 4,096 examples
 * (about 5 s on wasm). The full run (the defaults of {@link stepsAheadExperiment}) takes about a
 * minute on wasm.
 */
export const QUICK_STEPS_AHEAD: StepsAheadOptions = { stepsAhead: [1, 16], steps: 400, trainRows: 64, heldOutRows: 32 };

/** Cancellation and progress of a tour step, passed on to the experiment. */
function runOptions(item: string, { signal, onProgress }: TourContext): PracticeRunOptions {
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(onProgress === undefined
      ? {}
      : { onProgress: (p) => onProgress({ item, fraction: p.fraction, message: p.message }) }),
  };
}

/**
 * The tour step of essay 13.1: rule 30 from one black cell as a picture, then a feed-forward net
 * asked to predict a cell k steps ahead from exactly the cells that decide it.
 */
export const IRREDUCIBILITY_STEPS: readonly TourStep[] = [
  {
    item: '13.1',
    run: async (context) => {
      const run = runAutomaton({ rule: 30, steps: RULE30_PICTURE_STEPS });
      const centre = centreColumn(run);
      const { figures, ...experiment } = await stepsAheadExperiment(context.compute, {
        ...(context.quick ? QUICK_STEPS_AHEAD : {}),
        ...runOptions('13.1', context),
      });
      return {
        lines: [...automatonLines(run, centre), ...stepsAheadLines(experiment)],
        data: {
          automaton: {
            rule: run.rule,
            steps: run.steps,
            width: run.width,
            boundary: run.boundary,
            centreColumn: centre,
          },
          stepsAhead: experiment,
        },
        figures: [automatonFigure(run), ...figures],
      };
    },
  },
];
