import type { TourContext, TourStep } from '../tour';
import { netSizeExperiment, type NetSizeOptions } from './net-size';
import type { PracticeRunOptions } from './nets';
import { practiceExperiment, type PracticeOptions } from './practice';
import { quantizationExperiment, type QuantizationOptions } from './quantization';
import { practiceLines, quantizationLines, netSizeLines } from './summary';

/** Cancellation and progress of a tour step, passed on to an experiment. */
function runOptions(item: string, { signal, onProgress }: TourContext): PracticeRunOptions {
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(onProgress === undefined
      ? {}
      : { onProgress: (p) => onProgress({ item, fraction: p.fraction, message: p.message }) }),
  };
}

/** 7.1 in quick mode: three sizes and fewer steps (about 2 s on wasm). */
export const QUICK_NET_SIZE: NetSizeOptions = { sizes: [1, 4, 32], steps: 300, points: 64, perceptronSteps: 200 };
/** 7.2 in quick mode: half the batch-size comparison's epochs. */
export const QUICK_PRACTICE: PracticeOptions = { batch: { epochs: 4 } };
/** 7.3 in quick mode: fewer training steps. */
export const QUICK_QUANTIZATION: QuantizationOptions = { steps: 300, points: 64 };

/**
 * The tour steps of the practice of training: essay 7.1 (net size and the perceptron), 7.2
 * (epochs, batch size, L1 against L2, augmentation) and 7.3 (weights quantised to 8 and 4 bits).
 */
export const PRACTICE_STEPS: readonly TourStep[] = [
  {
    item: '7.1',
    run: async (context) => {
      const { figures, ...data } = await netSizeExperiment(context.compute, {
        ...(context.quick ? QUICK_NET_SIZE : {}),
        ...runOptions('7.1', context),
      });
      return { lines: netSizeLines(data), data, figures };
    },
  },
  {
    item: '7.2',
    run: async (context) => {
      const { figures, ...data } = await practiceExperiment(context.compute, {
        ...(context.quick ? QUICK_PRACTICE : {}),
        ...runOptions('7.2', context),
      });
      return { lines: practiceLines(data), data, figures };
    },
  },
  {
    item: '7.3',
    run: async (context) => {
      const { figures, ...data } = await quantizationExperiment(context.compute, {
        ...(context.quick ? QUICK_QUANTIZATION : {}),
        ...runOptions('7.3', context),
      });
      return { lines: quantizationLines(data), data, figures };
    },
  },
];
