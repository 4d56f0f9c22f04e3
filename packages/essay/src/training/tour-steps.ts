import type { TourContext, TourStep } from '../tour';
import { extrapolationExperiment, type ExtrapolationOptions } from './extrapolation';
import { learnFunctionExperiment, type LearnFunctionOptions } from './learn-function';
import { lossLandscapeExperiment, type LossLandscapeOptions } from './loss-landscape';
import type { TrainingRunOptions } from './progress';
import { extrapolationLines, landscapeLines, learnFunctionLines, learningCurveLines } from './summary';

/** Cancellation, and progress with the live loss as the message, from the tour's context. */
function runOptions(item: string, { signal, onProgress }: TourContext): TrainingRunOptions {
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(onProgress === undefined
      ? {}
      : {
          onProgress: (p) =>
            onProgress({
              item,
              fraction: p.step / p.totalSteps,
              message: `step ${p.step}/${p.totalSteps}, loss ${Number(p.loss.toPrecision(3))}`,
            }),
        }),
  };
}

/** 6.1–6.2 in quick mode: 600 steps, drawn after 0, 50, 150 and 600 (about a second on wasm). */
export const QUICK_LEARN: LearnFunctionOptions = { steps: 600, snapshots: [0, 50, 150, 600] };
/** 6.3 in quick mode: a 41×41 grid and 150 steps per path. */
export const QUICK_LANDSCAPE: LossLandscapeOptions = { grid: 41, steps: 150 };
/** 6.4 in quick mode: 3 nets and 1000 steps (trained side by side, about the time of one). */
export const QUICK_EXTRAPOLATION: ExtrapolationOptions = { nets: 3, steps: 1000 };

/**
 * The tour steps of training: essay 6.1 (a net learning a function), 6.2 (the learning curve),
 * 6.3 (the loss landscape and gradient descent) and 6.4 (equally good nets that extrapolate apart).
 */
export const TRAINING_STEPS: readonly TourStep[] = [
  {
    item: '6.1',
    run: async (context) => {
      const { figures, ...data } = await learnFunctionExperiment(context.compute, {
        ...(context.quick ? QUICK_LEARN : {}),
        ...runOptions('6.1', context),
      });
      return { lines: learnFunctionLines(data), data, figures: figures.filter((f) => f.name.startsWith('6.1')) };
    },
  },
  {
    item: '6.2',
    run: async (context) => {
      const { figures, ...r } = await learnFunctionExperiment(context.compute, {
        ...(context.quick ? QUICK_LEARN : {}),
        randomNets: 1,
        ...runOptions('6.2', context),
      });
      return {
        lines: learningCurveLines(r),
        data: {
          losses: r.losses,
          initialLoss: r.initialLoss,
          finalLoss: r.finalLoss,
          snapshots: r.snapshots.map((s) => ({ step: s.step, examplesSeen: s.examplesSeen, loss: s.loss })),
        },
        figures: figures.filter((f) => f.name.startsWith('6.2')),
      };
    },
  },
  {
    item: '6.3',
    run: async (context) => {
      const { figures, ...data } = await lossLandscapeExperiment(context.compute, {
        ...(context.quick ? QUICK_LANDSCAPE : {}),
        ...runOptions('6.3', context),
      });
      return { lines: landscapeLines(data), data, figures };
    },
  },
  {
    item: '6.4',
    run: async (context) => {
      const { figures, ...data } = await extrapolationExperiment(context.compute, {
        ...(context.quick ? QUICK_EXTRAPOLATION : {}),
        ...runOptions('6.4', context),
      });
      return { lines: extrapolationLines(data), data, figures };
    },
  },
];
