import type { Spec as VegaSpec } from 'vega';
import { barChartToVega } from './bar-chart';
import { describe, SpecChecker } from './check';
import { decisionRegionsToVega } from './decision-regions';
import { VizError } from './errors';
import { heatmapToVega } from './heatmap';
import { histogramToVega } from './histogram';
import { lineChartToVega } from './line-chart';
import { scatterToVega } from './scatter';
import { FIGURE_KINDS, type FigureKind, type FigureSpec } from './spec';

const BUILDERS: Readonly<Record<FigureKind, (spec: unknown, check: SpecChecker) => VegaSpec>> = {
  bar: barChartToVega,
  heatmap: heatmapToVega,
  line: lineChartToVega,
  scatter: scatterToVega,
  'decision-regions': decisionRegionsToVega,
  histogram: histogramToVega,
};

/** Checks `spec` and builds its Vega spec; `operation` names the caller in error messages. */
export function buildVegaSpec(spec: unknown, operation: string): VegaSpec {
  const check = new SpecChecker(operation);
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    check.fail('INVALID_ARGUMENT', 'spec', spec, `must be a figure spec object; found ${describe(spec)}`, 'an object');
  }
  const kind = (spec as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !(FIGURE_KINDS as readonly string[]).includes(kind)) {
    const expected = FIGURE_KINDS.map((k) => JSON.stringify(k)).join(', ');
    throw new VizError('UNKNOWN_KIND', `${operation}: spec.kind must be one of ${expected}; found ${describe(kind)}`, {
      argument: 'spec.kind',
      value: kind,
      expected,
    });
  }
  return BUILDERS[kind as FigureKind](spec, check);
}

/**
 * The Vega spec of a figure: checked, with its data inline and the package's look, for apps that
 * want to show it interactively (vega-embed) rather than as a static SVG. Throws a VizError for a bad
 * spec, naming the field and the value.
 */
export function toVegaSpec(spec: FigureSpec): VegaSpec {
  return buildVegaSpec(spec, 'toVegaSpec');
}
