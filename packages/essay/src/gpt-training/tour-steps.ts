import type { TourContext, TourStep } from '../tour';
import { gptTrainingExperiment, type GptTrainingOptions, type GptTrainingResult } from './experiment';

/**
 * 10.1 in quick mode (CI): one block of width 32, a 32-byte context, 40 steps on 12,000 characters of
 * each book (a few seconds on wasm).
 */
export const QUICK_GPT_TRAINING: GptTrainingOptions = {
  trainCharsPerBook: 12_000,
  heldOutCharsPerBook: 1_000,
  layers: 1,
  embedDim: 32,
  heads: 2,
  contextLength: 32,
  steps: 40,
  batchSize: 8,
  evaluations: 2,
  samples: 1,
  sampleBytes: 80,
};

/** 10.1 in the full tour: the experiment's defaults (two blocks of width 64, 300 steps; about a minute or two on wasm). */
export const FULL_GPT_TRAINING: GptTrainingOptions = {};

/** Human-readable lines of a 10.1 result. */
export function gptTrainingLines(r: Omit<GptTrainingResult, 'figures'>): string[] {
  const first = r.losses[0] ?? Number.NaN;
  const last = r.losses.at(-1) ?? Number.NaN;
  return [
    `a ${r.parameters.toLocaleString('en')}-parameter byte-level GPT trained ${r.settings.steps} steps on ${r.trainBytes.toLocaleString('en')} bytes: loss ${first.toFixed(2)} → ${last.toFixed(2)} nats per byte, ${Math.round(r.tokensPerSecond).toLocaleString('en')} bytes/s on ${r.backend}`,
    `held-out bits per byte: ${r.validation.map((v) => `step ${v.step} ${v.bitsPerByte.toFixed(3)}`).join(', ')} (knowing nothing: ${r.uniformBitsPerByte.toFixed(3)}; Kneser–Ney ${r.ngram.order}-gram on the same text: ${r.ngram.bitsPerByte.toFixed(3)})`,
    ...r.samples.map((s) => `sample after step ${s.step}: ${JSON.stringify(s.text)}`),
  ];
}

function options(context: TourContext): GptTrainingOptions {
  const { signal, onProgress } = context;
  return {
    ...(context.quick ? QUICK_GPT_TRAINING : FULL_GPT_TRAINING),
    ...(signal === undefined ? {} : { signal }),
    ...(onProgress === undefined
      ? {}
      : {
          onProgress: (p) =>
            onProgress({
              item: '10.1',
              fraction: p.step / p.totalSteps,
              message: `step ${p.step}/${p.totalSteps}, loss ${p.loss.toFixed(3)}`,
            }),
        }),
  };
}

/** The tour step of essay 10.1: a tiny GPT trained from scratch on the corpus, beside an n-gram. */
export const GPT_TRAINING_STEPS: readonly TourStep[] = [
  {
    item: '10.1',
    run: async (context) => {
      const corpus = await context.data.corpus();
      const { figures, ...data } = await gptTrainingExperiment(context.compute, corpus, options(context));
      return { lines: gptTrainingLines(data), data, figures };
    },
  },
];
