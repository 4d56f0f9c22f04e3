import type {
  BarChartSpec,
  DecisionRegionsSpec,
  FigureSpec,
  HeatmapSpec,
  HistogramSpec,
  LineChartSpec,
  ScatterSpec,
} from '../spec';

/** A small valid spec of each kind, for tests. */
export const SAMPLE_SPECS = {
  bar: {
    kind: 'bar',
    title: 'Letter counts',
    categories: ['e', 'a', 't', 'o', 'i'],
    series: [
      { name: 'cats', values: [4279, 3442, 3397, 2500, 2400] },
      { name: 'dogs', values: [3911, 2741, 2700, 2608, 2300] },
    ],
    categoryLabel: 'letter',
    valueLabel: 'count',
    legendTitle: 'article',
  } satisfies BarChartSpec,
  line: {
    kind: 'line',
    title: 'Next-token probabilities',
    series: [
      { name: 'GPT-2', x: [1, 2, 3, 4, 5, 10, 100, 1000], y: [0.045, 0.035, 0.032, 0.031, 0.029, 0.01, 0.001, 0.0001] },
      { name: 'power law', x: [1, 1000], y: [0.05, 0.00005], style: 'points' },
    ],
    xLabel: 'rank',
    yLabel: 'probability',
    xScale: 'log',
    yScale: 'log',
    legendTitle: 'source',
  } satisfies LineChartSpec,
  scatter: {
    kind: 'scatter',
    title: 'Word embeddings',
    points: [
      { x: 0.1, y: 0.2, label: 'alligator', group: 'animal' },
      { x: 0.15, y: 0.25, label: 'crocodile', group: 'animal' },
      { x: 0.9, y: 0.8, label: 'turnip', group: 'plant' },
      { x: -0.5, y: 0.4, label: 'eagle', group: 'animal' },
    ],
    xLabel: 'dimension 1',
    yLabel: 'dimension 2',
    legendTitle: 'kind',
  } satisfies ScatterSpec,
  heatmap: {
    kind: 'heatmap',
    title: 'Letter pairs',
    values: [
      [0.1, 0.2, 0.3],
      [0.4, null, 0.6],
    ],
    columnLabels: ['a', 'b', 'c'],
    rowLabels: ['x', 'y'],
    xLabel: 'second letter',
    yLabel: 'first letter',
    color: { label: 'probability' },
  } satisfies HeatmapSpec,
  'decision-regions': {
    kind: 'decision-regions',
    title: 'Nearest point',
    extent: { x: [0, 1], y: [0, 1] },
    classes: ['A', 'B'],
    regions: [
      [0, 0, 1],
      [0, 1, 1],
    ],
    points: [
      { x: 0.2, y: 0.2, class: 0, label: 'a' },
      { x: 0.8, y: 0.8, class: 1 },
    ],
    xLabel: 'x',
    yLabel: 'y',
    legendTitle: 'nearest',
  } satisfies DecisionRegionsSpec,
  histogram: {
    kind: 'histogram',
    title: 'Weights',
    series: [{ name: 'block 0', values: [0, 0.1, 0.2, 0.2, 0.5, 1] }],
    bins: 5,
    xLabel: 'weight',
  } satisfies HistogramSpec,
} as const satisfies Record<FigureSpec['kind'], FigureSpec>;
