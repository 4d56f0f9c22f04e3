/** Figures of essay 11.1: where a parentheses transformer knows where strings end, and where it fails. */
import type { Figure } from '../figure';
import type { ParensEvaluation } from './evaluate';
import type { ParensNext } from './model';

/** A model's evaluation with the name its figures show. */
export interface NamedEvaluation {
  readonly name: string;
  readonly evaluation: ParensEvaluation;
}

/** Accuracy of the End criterion by prefix length, one line per model. */
export function parensByLengthFigure(
  name: string,
  evaluations: readonly NamedEvaluation[],
  options: { readonly subtitle?: string } = {},
): Figure {
  return {
    name,
    spec: {
      kind: 'line',
      title: 'Does End get > 0.5 after balanced and < 0.05 after unbalanced prefixes?',
      ...(options.subtitle === undefined ? {} : { subtitle: options.subtitle }),
      xLabel: 'prefix length (characters)',
      yLabel: 'share of prefixes judged right',
      yDomain: [0, 1],
      legendTitle: 'model',
      series: evaluations.map(({ name: series, evaluation }) => {
        const points = evaluation.byLength.flatMap((t, length) => (t === null ? [] : [[length, t.thresholdAccuracy]]));
        return {
          name: series,
          x: points.map((p) => p[0]!),
          y: points.map((p) => p[1]!),
          style: 'line+points' as const,
        };
      }),
    },
  };
}

/** The End criterion's accuracy by prefix length (columns) and deepest nesting (rows). */
export function parensGridFigure(name: string, model: string, evaluation: ParensEvaluation): Figure {
  const lengths = evaluation.grid[0]?.length ?? 0;
  // Deepest nesting at the top, as depth grows upwards.
  const rows = evaluation.grid.map((row, depth) => ({ row, depth })).filter((r) => r.row.some((v) => v !== null));
  rows.reverse();
  return {
    name,
    spec: {
      kind: 'heatmap',
      title: `${model}: where it knows whether a prefix may end`,
      subtitle: 'share of held-out prefixes with End > 0.5 if balanced, < 0.05 if not; grey: no such prefix',
      values: rows.map((r) => r.row.slice(1)),
      columnLabels: Array.from({ length: lengths - 1 }, (_, i) => String(i + 1)),
      rowLabels: rows.map((r) => String(r.depth)),
      xLabel: 'prefix length',
      yLabel: 'deepest nesting so far',
      color: { scheme: 'viridis', domain: [0, 1], label: 'right' },
    },
  };
}

/** Next-token probabilities after each prefix, grouped bars per token. */
export function parensNextFigure(name: string, model: string, answers: readonly ParensNext[]): Figure {
  return {
    name,
    spec: {
      kind: 'bar',
      title: `${model}: the next token after each prefix`,
      categories: answers.map((a) => a.prefix),
      series: ['(', ')', 'End'].map((token, id) => ({
        name: token,
        values: answers.map((a) => a.tokens[id]!.probability),
      })),
      categoryLabel: 'prefix',
      valueLabel: 'probability',
      valueFormat: '.0%',
      legendTitle: 'next token',
    },
  };
}
