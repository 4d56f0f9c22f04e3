import { nextTokenDistribution, rankProbabilityFit, type Gpt2 } from '@chatgpt-explained/gpt2';
import type { Figure } from '../figure';
import { integerIn } from '../models/checks';
import { describeModel, type Gpt2SectionContext } from './context';
import { ESSAY_PROMPT } from './next-tokens';

/** Options of {@link gpt2RankProbabilityExperiment}, with their defaults. */
export interface Gpt2RankProbabilityOptions {
  /** The prompt. Default {@link ESSAY_PROMPT}. */
  readonly prompt?: string;
  /** Fit the power law over ranks 1 … `fitTop` (at most the vocabulary). Default 1000. */
  readonly fitTop?: number;
  /** Points drawn, spread evenly over log rank, 10 to 5000. Default 400. */
  readonly points?: number;
}

/** Result of {@link gpt2RankProbabilityExperiment}. */
export interface Gpt2RankProbabilityResult {
  readonly prompt: string;
  /** The ten most likely next tokens. */
  readonly top: readonly {
    readonly rank: number;
    readonly id: number;
    readonly text: string;
    readonly probability: number;
  }[];
  /** Ranks fitted: 1 … `fitted`. */
  readonly fitted: number;
  /** `b` of the least-squares fit `ln p = a + b · ln rank`: p ∝ rank^b. */
  readonly exponent: number;
  /** `a` of the fit (natural logarithm). */
  readonly intercept: number;
  /** R² of the fit in log-log space. */
  readonly r2: number;
  /** `1.4-gpt2-rank-probability`: log-log plot of the probabilities by rank, with the fitted line. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 1.4: the probability of every next token after the prompt, sorted, against its rank on
 * log-log axes: close to a straight line, a power law `p ∝ rank^b`, whose exponent `b` is fitted by
 * least squares over the top ranks.
 */
export function gpt2RankProbabilityExperiment(
  gpt: Gpt2,
  options: Gpt2RankProbabilityOptions = {},
  _context: Gpt2SectionContext = {},
): Gpt2RankProbabilityResult {
  const op = 'gpt2RankProbabilityExperiment';
  const prompt = options.prompt ?? ESSAY_PROMPT;
  const v = gpt.config.vocabSize;
  const fitTop = Math.min(v, integerIn(op, 'fitTop', options.fitTop ?? 1000, 2, 1_000_000));
  const points = integerIn(op, 'points', options.points ?? 400, 10, 5000);
  const p = nextTokenDistribution(gpt, prompt);
  const fit = rankProbabilityFit(p, { top: fitTop });
  const order = Array.from(p.keys()).sort((a, b) => p[b]! - p[a]! || a - b);
  // Ranks spread evenly in log space (every rank at the start), probabilities 0 left out (log axis).
  const ranks = new Set<number>();
  for (let k = 0; k < points; k++) ranks.add(Math.round(Math.exp((Math.log(v) * k) / (points - 1))));
  const drawn = [...ranks].filter((r) => r >= 1 && r <= v && fit.sorted[r - 1]! > 0);
  const line = (r: number) => Math.exp(fit.intercept + fit.exponent * Math.log(r));
  return {
    prompt,
    top: order.slice(0, 10).map((id, i) => ({ rank: i + 1, id, text: gpt.encoding.decode([id]), probability: p[id]! })),
    fitted: fit.fitted,
    exponent: fit.exponent,
    intercept: fit.intercept,
    r2: fit.r2,
    figures: [
      {
        name: '1.4-gpt2-rank-probability',
        spec: {
          kind: 'line',
          title: 'Next-token probability against rank',
          subtitle: `After "${prompt}" (GPT-2: ${describeModel(gpt)}); fit over ranks 1–${fit.fitted}: p ∝ rank^${fit.exponent.toFixed(2)}`,
          xLabel: 'rank',
          yLabel: 'probability',
          xScale: 'log',
          yScale: 'log',
          legendTitle: '',
          series: [
            { name: 'next token', x: drawn, y: drawn.map((r) => fit.sorted[r - 1]!), style: 'points' },
            {
              name: `fit: rank^${fit.exponent.toFixed(2)}`,
              x: [1, fit.fitted],
              y: [line(1), line(fit.fitted)],
              style: 'line',
            },
          ],
          width: 560,
          height: 360,
        },
      },
    ],
  };
}
