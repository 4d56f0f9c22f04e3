/**
 * Tasks of essay section 10: the shipped model's training loss curve (from its loss log), and a live
 * tiny byte-level GPT trained from scratch in the worker with the essay's `gptTrainingExperiment`.
 */
import { gptTrainingExperiment, type CorpusText } from '@chatgpt-explained/essay';
import { renderSvg, type LineSeries } from '@chatgpt-explained/viz';
import { task } from '../task';
import { integerIn } from '../task-input';

/** The shipped model's training log, as `train-default-gpt.ts` wrote it (the fields used here). */
interface LossLog {
  readonly recipe: { readonly training: { readonly batchSize: number; readonly contextLength: number } };
  readonly parameters: number;
  readonly steps: readonly { readonly step: number; readonly loss: number }[];
  readonly validation: readonly { readonly step: number; readonly bitsPerByte: number }[];
  readonly final: { readonly heldOutBitsPerByte: number; readonly bar: number; readonly trainingSeconds: number };
}

/** Book the live run trains on (shipped with the site). */
const LIVE_BOOK = 'pg84-frankenstein';

/** Mean of each run of `width` values, as points (step of the run's last value, mean). */
function windowMeans(steps: readonly number[], values: readonly number[], width: number): LineSeries['x'][] {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < values.length; i += width) {
    const part = values.slice(i, i + width);
    x.push(steps[i + part.length - 1]!);
    y.push(part.reduce((a, b) => a + b, 0) / part.length);
  }
  return [x, y];
}

/** Settings of the live run the reader may change. */
export interface LiveTrainingInput {
  /** Training steps (5–400). */
  readonly steps: number;
}

/** Progress of the live run: every step's loss; now and then the curve so far as SVG. */
export interface LiveTrainingProgress {
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
  readonly svg?: string;
}

function liveCurve(losses: readonly number[], totalSteps: number): Promise<string> {
  return renderSvg({
    kind: 'line',
    title: 'Your tiny GPT learning, live',
    xLabel: 'training step',
    yLabel: 'loss (nats per byte)',
    xDomain: [1, Math.max(2, totalSteps)],
    series: [{ name: 'training loss', x: losses.map((_, i) => i + 1), y: [...losses] }],
  });
}

export const gptTrainingTasks = {
  /** Essay 10.1: the loss curve of the bundled corpus-gpt2's training run, from its shipped log. */
  'gptTraining.shipped': task(async (_input: Record<string, never>, ctx) => {
    const log = JSON.parse(await ctx.files.text('data/models/corpus-gpt2/loss-log.json')) as LossLog;
    const [x, y] = windowMeans(
      log.steps.map((s) => s.step),
      log.steps.map((s) => s.loss),
      10,
    );
    const svg = await renderSvg({
      kind: 'line',
      title: 'How the bundled corpus-gpt2 learned',
      subtitle: `${log.parameters.toLocaleString('en-US')} parameters, ${log.recipe.training.batchSize}×${log.recipe.training.contextLength} tokens per step`,
      xLabel: 'training step',
      yLabel: 'loss (nats per token, 10-step mean)',
      series: [{ name: 'training loss', x: x!, y: y! }],
    });
    return {
      svg,
      steps: log.steps.length,
      firstLoss: log.steps[0]!.loss,
      lastLoss: log.steps.at(-1)!.loss,
      heldOutBitsPerByte: log.final.heldOutBitsPerByte,
      ngramBitsPerByte: log.final.bar,
      hours: log.final.trainingSeconds / 3600,
    };
  }),

  /**
   * Essay 10.1, live: trains a tiny byte-level GPT (1 block, width 32) from scratch on the start of
   * Frankenstein for `steps` steps; progress carries every step's loss and, about twice a second,
   * the curve so far. Stops when cancelled.
   */
  'gptTraining.live': task<
    LiveTrainingInput,
    {
      svg: string;
      losses: number[];
      heldOutBitsPerByte: number;
      ngramBitsPerByte: number;
      sample: string;
      tokensPerSecond: number;
    },
    LiveTrainingProgress
  >(async (input, ctx) => {
    const steps = integerIn('gptTraining.live', 'steps', input.steps, 5, 400);
    const corpus: CorpusText[] = [{ name: LIVE_BOOK, text: await ctx.files.text(`data/corpus/${LIVE_BOOK}.txt`) }];
    const losses: number[] = [];
    let lastDrawn = 0;
    let drawing = false;
    const result = await gptTrainingExperiment(ctx.compute, corpus, {
      trainCharsPerBook: 20_000,
      heldOutCharsPerBook: 1_000,
      layers: 1,
      embedDim: 32,
      heads: 2,
      contextLength: 32,
      batchSize: 8,
      steps,
      learningRate: 0.01,
      evaluations: 1,
      samples: 1,
      sampleBytes: 80,
      signal: ctx.signal,
      onProgress: (p) => {
        losses.push(p.loss);
        ctx.progress({ step: p.step, totalSteps: p.totalSteps, loss: p.loss } satisfies LiveTrainingProgress);
        const now = performance.now();
        if (!drawing && now - lastDrawn > 500) {
          drawing = true;
          lastDrawn = now;
          const snapshot = { step: p.step, totalSteps: p.totalSteps, loss: p.loss };
          void liveCurve(losses, steps)
            .then((svg) => ctx.progress({ ...snapshot, svg } satisfies LiveTrainingProgress))
            .finally(() => {
              drawing = false;
            });
        }
      },
    });
    return {
      svg: await renderSvg(result.figures[0]!.spec),
      losses: [...result.losses],
      heldOutBitsPerByte: result.heldOutBitsPerByte,
      ngramBitsPerByte: result.ngram.bitsPerByte,
      sample: result.samples.at(-1)?.text ?? '',
      tokensPerSecond: result.tokensPerSecond,
    };
  }),
};
