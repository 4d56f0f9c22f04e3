import { movingAverage2d, weightHistograms, weightMatrix, type Gpt2 } from '@chatgpt-explained/gpt2';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { integerIn } from '../models/checks';
import { describeModel, stats, toRows, type Gpt2SectionContext } from './context';

/** Options of {@link gpt2WeightsExperiment}, with their defaults. */
export interface Gpt2WeightsOptions {
  /** The matrix drawn. Default `h.0.attn.c_proj.weight` (C×C: the first block's attention output). */
  readonly matrix?: string;
  /** Side of the moving-average window. Default round(C / 12), at least 2: 64 for GPT-2's 768. */
  readonly window?: number;
  /** Bins of the weight histograms, 5 to 500. Default 80. */
  readonly bins?: number;
}

/** Result of {@link gpt2WeightsExperiment}. */
export interface Gpt2WeightsResult {
  readonly matrix: {
    readonly name: string;
    readonly shape: readonly number[];
    readonly mean: number;
    readonly std: number;
    readonly min: number;
    readonly max: number;
  };
  /** The moving average: its window and shape, and the spread of its values. */
  readonly movingAverage: { readonly window: number; readonly shape: readonly number[]; readonly std: number };
  /** Per block: the weights counted and their spread. Histogram counts are in the figure. */
  readonly blocks: readonly {
    readonly block: number;
    readonly count: number;
    readonly mean: number;
    readonly std: number;
    readonly outside: number;
  }[];
  /** The histogram range, shared by all blocks. */
  readonly range: readonly [number, number];
  /** `9.4-weight-matrix`, `9.4-weight-moving-average`, `9.4-weight-histograms`. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 9.4: a weight matrix of the first block (C×C, 768×768 in GPT-2), which looks like noise,
 * its 64×64 moving average, which shows structure, and a histogram of the weights of every block
 * (all of a block's weights and biases; the range is ±5 of the largest block standard deviation,
 * clipped to the weights' extent, so a few outliers do not squash the curves; weights outside are
 * counted in `outside`).
 */
export function gpt2WeightsExperiment(
  gpt: Gpt2,
  options: Gpt2WeightsOptions = {},
  _context: Gpt2SectionContext = {},
): Gpt2WeightsResult {
  const op = 'gpt2WeightsExperiment';
  const name = options.matrix ?? 'h.0.attn.c_proj.weight';
  const m = weightMatrix(gpt, name);
  if (m.shape.length !== 2) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: matrix ${name} has shape [${m.shape.join(', ')}], not a matrix`, {
      argument: 'matrix',
      value: name,
      expected: 'a 2-D weight such as h.0.attn.c_proj.weight',
    });
  }
  const [rows, columns] = m.shape as [number, number];
  const window = integerIn(
    op,
    'window',
    options.window ?? Math.max(2, Math.round(gpt.config.embedDim / 12)),
    1,
    Math.min(rows, columns),
  );
  const bins = integerIn(op, 'bins', options.bins ?? 80, 5, 500);
  const average = movingAverage2d(m, window);
  const model = describeModel(gpt);
  const whole = weightHistograms(gpt, { bins: 1 });
  const extent = [whole.edges[0]!, whole.edges[1]!] as const;
  const spread = 5 * Math.max(...whole.blocks.map((b) => b.std));
  const range: [number, number] = [Math.max(extent[0], -spread), Math.min(extent[1], spread)];
  const h = weightHistograms(gpt, { bins, ...(range[0] < range[1] ? { range } : {}) });
  const centres = h.edges.slice(0, -1).map((e, i) => (e + h.edges[i + 1]!) / 2);
  const matrixStats = stats(m.data);
  const [ar, ac] = average.shape;
  return {
    matrix: { name, shape: m.shape, ...matrixStats },
    movingAverage: { window, shape: average.shape, std: stats(average.data).std },
    blocks: h.blocks.map((b) => ({ block: b.block, count: b.count, mean: b.mean, std: b.std, outside: b.outside })),
    range: [h.edges[0]!, h.edges.at(-1)!],
    figures: [
      {
        name: '9.4-weight-matrix',
        spec: {
          kind: 'heatmap',
          title: `Weight matrix ${name}`,
          subtitle: `${rows}×${columns} (GPT-2: ${model})`,
          values: toRows(m.data, rows, columns),
          xLabel: 'output unit',
          yLabel: 'input unit',
          color: { scheme: 'redblue', label: 'weight' },
          width: 480,
          height: Math.round((480 * rows) / columns),
        },
      },
      {
        name: '9.4-weight-moving-average',
        spec: {
          kind: 'heatmap',
          title: `${window}×${window} moving average of ${name}`,
          subtitle: `Mean of every ${window}×${window} square: ${ar}×${ac} (GPT-2: ${model})`,
          values: toRows(average.data, ar, ac),
          xLabel: 'output unit (window start)',
          yLabel: 'input unit (window start)',
          color: { scheme: 'redblue', label: 'mean weight' },
          width: 480,
          height: Math.round((480 * ar) / ac),
        },
      },
      {
        name: '9.4-weight-histograms',
        spec: {
          kind: 'line',
          title: 'Weights of each block',
          subtitle: `Histogram of all weights and biases of each block, ${bins} bins (GPT-2: ${model})`,
          xLabel: 'weight',
          yLabel: 'fraction of the block',
          legendTitle: 'block',
          series: h.blocks.map((b) => ({
            name: `block ${b.block}`,
            x: centres,
            y: b.counts.map((c) => c / b.count),
            style: 'line' as const,
          })),
          width: 560,
          height: 340,
        },
      },
    ],
  };
}
