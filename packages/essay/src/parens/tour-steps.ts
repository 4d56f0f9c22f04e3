import type { ComputeContext } from '@chatgpt-explained/nn-core';
import type { ShippedParensModel } from '../data';
import type { Figure } from '../figure';
import type { TourStep, TourStepResult } from '../tour';
import { heldOutParensStrings } from './dataset';
import { evaluateParens, groupByTrainedLength, type ParensEvaluation, type PrefixTally } from './evaluate';
import { parensByLengthFigure, parensGridFigure, parensNextFigure } from './figures';
import { PARENS_SPLIT, isBalanced } from './language';
import { loadParensModel, parensNext, type ParensNext } from './model';

/** The essay's two prefixes (after which it reports its model's probabilities), and two more. */
export const ESSAY_PARENS_PREFIXES: readonly string[] = ['((()()(', '(((()())', '(())', '(()'];

/** Options of {@link parensExperiment}. */
export interface ParensExperimentOptions {
  /** Held-out strings per length. Default 200. */
  readonly perLength?: number;
  /** The longest held-out strings; those over 24 are longer than any training string. Default 32. */
  readonly maxLength?: number;
  /** Prefixes to show the next-token probabilities of. Default {@link ESSAY_PARENS_PREFIXES}. */
  readonly prefixes?: readonly string[];
  readonly signal?: AbortSignal | undefined;
}

/** One model's part of {@link parensExperiment}'s result. */
export interface ParensModelReport {
  readonly name: ShippedParensModel;
  readonly parameters: number;
  readonly evaluation: ParensEvaluation;
  /** Prefixes of strings up to 24 characters, grouped 1–12 and 13–24. */
  readonly heldOut: {
    readonly short: PrefixTally;
    readonly long: PrefixTally;
  };
  /** Prefixes of the held-out strings longer than any training string (null when `maxLength` ≤ 24). */
  readonly beyond: PrefixTally | null;
  readonly next: readonly ParensNext[];
}

/** Training strings are at most this long (the shipped models' recipe). */
const TRAINED_UP_TO = 24;

/**
 * Essay 11.1 on the shipped models: for each, the End criterion on every distinct prefix of the
 * held-out strings, by length and depth, and the next-token probabilities after the essay's prefixes.
 */
export async function parensExperiment(
  compute: ComputeContext,
  models: ReadonlyArray<{ readonly name: ShippedParensModel; readonly files: Readonly<Record<string, Uint8Array>> }>,
  options: ParensExperimentOptions = {},
): Promise<{ readonly models: readonly ParensModelReport[]; readonly figures: readonly Figure[] }> {
  const maxLength = options.maxLength ?? 32;
  const heldOut = heldOutParensStrings(PARENS_SPLIT, { maxLength, perLength: options.perLength ?? 200 });
  const reports: ParensModelReport[] = [];
  for (const { name, files } of models) {
    const model = await loadParensModel(compute, files);
    try {
      const evaluation = await evaluateParens(compute, model, heldOut, { signal: options.signal });
      const groups = groupByTrainedLength(evaluation, heldOut, TRAINED_UP_TO);
      const next: ParensNext[] = [];
      for (const prefix of options.prefixes ?? ESSAY_PARENS_PREFIXES)
        next.push(await parensNext(compute, model, prefix));
      reports.push({
        name,
        parameters: model.parameterCount(),
        evaluation,
        heldOut: { short: groups.short, long: groups.long },
        beyond: groups.beyond,
        next,
      });
    } finally {
      model.dispose();
    }
  }
  const figures: Figure[] = [
    parensByLengthFigure(
      '11.1-parens-by-length',
      reports.map((r) => ({ name: r.name, evaluation: r.evaluation })),
      { subtitle: `held-out strings up to ${maxLength} characters; training strings are at most ${TRAINED_UP_TO}` },
    ),
    ...reports.map((r) => parensGridFigure(`11.1-parens-grid-${r.name}`, r.name, r.evaluation)),
    ...reports.map((r) => parensNextFigure(`11.1-parens-next-${r.name}`, r.name, r.next)),
  ];
  return { models: reports, figures };
}

const pct = (v: number) => (Number.isNaN(v) ? '–' : `${(100 * v).toFixed(1)}%`);

/** Tour step 11.1: the shipped 1-block and 2-block models; skipped when the app ships none. */
export const PARENS_STEPS: readonly TourStep[] = [
  {
    item: '11.1',
    run: async (context): Promise<TourStepResult> => {
      const { data } = context;
      if (data.parensModel === undefined) {
        return { lines: ['skipped: the app bundles no parentheses models'], data: { skipped: 'no parens models' } };
      }
      const names: ShippedParensModel[] = ['parens-1block', 'parens-2block'];
      const models = await Promise.all(names.map(async (name) => ({ name, files: await data.parensModel!(name) })));
      const result = await parensExperiment(context.compute, models, {
        ...(context.quick ? { perLength: 20 } : {}),
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      });
      const lines: string[] = [];
      for (const r of result.models) {
        lines.push(
          `${r.name} (${r.parameters.toLocaleString('en-US')} parameters): End > 0.5 after balanced and < 0.05 after unbalanced held-out prefixes: ` +
            `${pct(r.heldOut.short.thresholdAccuracy)} of ${r.heldOut.short.prefixes} of 1–12 characters, ` +
            `${pct(r.heldOut.long.thresholdAccuracy)} of ${r.heldOut.long.prefixes} of 13–24` +
            (r.beyond === null
              ? ''
              : `, ${pct(r.beyond.thresholdAccuracy)} of ${r.beyond.prefixes} from strings longer than any it was trained on`),
        );
        for (const n of r.next) {
          lines.push(
            `  after ${n.prefix} (${isBalanced(n.prefix) ? 'balanced' : 'unbalanced'}): ${n.tokens.map((t) => `${t.text} ${(100 * t.probability).toFixed(2)}%`).join(', ')}`,
          );
        }
      }
      return {
        lines,
        data: result.models.map((r) => ({
          name: r.name,
          parameters: r.parameters,
          heldOut: r.heldOut,
          beyond: r.beyond,
          next: r.next,
        })),
        figures: result.figures,
      };
    },
  },
];
