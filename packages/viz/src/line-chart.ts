import type { Spec as VegaSpec } from 'vega';
import { BASE_KEYS, checkBase, type SpecChecker } from './check';
import { logAxis } from './log-axis';
import { titleOf } from './theme';
import { compileLite } from './vega-lite';

const KEYS = [...BASE_KEYS, 'series', 'xLabel', 'yLabel', 'xScale', 'yScale', 'xDomain', 'yDomain', 'legendTitle'];
const SERIES_KEYS = ['name', 'x', 'y', 'style'];
const STYLES = ['line', 'points', 'line+points'] as const;

/** Checks a line chart spec and builds its Vega spec (through Vega-Lite). */
export function lineChartToVega(input: unknown, check: SpecChecker): VegaSpec {
  const spec = check.object('spec', input, KEYS);
  const base = checkBase(check, spec, { width: 480, height: 300 });
  const xLabel = check.string('spec.xLabel', spec.xLabel);
  const yLabel = check.string('spec.yLabel', spec.yLabel);
  const xScale = check.oneOf('spec.xScale', spec.xScale, ['linear', 'log'], 'linear');
  const yScale = check.oneOf('spec.yScale', spec.yScale, ['linear', 'log'], 'linear');
  const xDomain = check.range('spec.xDomain', spec.xDomain, xScale === 'log');
  const yDomain = check.range('spec.yDomain', spec.yDomain, yScale === 'log');
  const legendTitle = check.optionalString('spec.legendTitle', spec.legendTitle) ?? 'series';

  const rows: { s: string; x: number; y: number; i: number }[] = [];
  const names: string[] = [];
  const lineNames: string[] = [];
  const pointNames: string[] = [];
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  check.array('spec.series', spec.series).forEach((item, k) => {
    const path = `spec.series[${k}]`;
    const series = check.object(path, item, SERIES_KEYS);
    const name = check.string(`${path}.name`, series.name);
    const xs = check.numbers(`${path}.x`, series.x, xScale === 'log');
    const ys = check.numbers(`${path}.y`, series.y, yScale === 'log');
    check.sameLength(`${path}.y`, ys.length, xs.length, `${path}.x`);
    const style = check.oneOf(`${path}.style`, series.style, STYLES, 'line');
    names.push(name);
    if (style !== 'points') lineNames.push(name);
    if (style !== 'line') pointNames.push(name);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      rows.push({ s: name, x, y, i });
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  });
  check.unique('spec.series.name', names);

  const axisFor = (
    scale: 'linear' | 'log',
    domain: readonly [number, number] | undefined,
    min: number,
    max: number,
  ): { scale: Record<string, unknown>; axis: Record<string, unknown> } => {
    if (scale === 'log') {
      const log = logAxis(domain?.[0] ?? min, domain?.[1] ?? max, domain !== undefined);
      return {
        scale: { type: 'log', domain: log.domain, nice: false, zero: false },
        axis: {
          values: log.values,
          // Superscript exponents are small: a larger label size keeps them readable.
          ...(log.labelExpr === undefined ? {} : { labelFontSize: 13 }),
          ...(log.format === undefined ? {} : { format: log.format }),
          ...(log.labelExpr === undefined ? {} : { labelExpr: log.labelExpr }),
        },
      };
    }
    return { scale: domain === undefined ? {} : { domain: [...domain], nice: false, zero: false }, axis: {} };
  };
  const x = axisFor(xScale, xDomain, xMin, xMax);
  const y = axisFor(yScale, yDomain, yMin, yMax);
  const many = names.length > 1;
  const color = many
    ? { field: 's', type: 'nominal', title: legendTitle, scale: { domain: names } }
    : { value: '#4c78a8' };
  const encoding = {
    x: { field: 'x', type: 'quantitative', title: xLabel, scale: x.scale, axis: { ...x.axis, grid: true } },
    y: { field: 'y', type: 'quantitative', title: yLabel, scale: y.scale, axis: { ...y.axis, grid: true } },
    color,
  };
  const layer: Record<string, unknown>[] = [];
  if (lineNames.length > 0) {
    layer.push({
      transform: [{ filter: { field: 's', oneOf: lineNames } }],
      mark: { type: 'line', strokeWidth: 2, clip: true },
      encoding: { ...encoding, order: { field: 'i', type: 'quantitative' } },
    });
  }
  if (pointNames.length > 0) {
    layer.push({
      transform: [{ filter: { field: 's', oneOf: pointNames } }],
      mark: { type: 'point', filled: true, size: 40, opacity: 0.9, clip: true },
      encoding,
    });
  }
  const title = titleOf(base.title, base.subtitle);
  return compileLite(
    {
      ...(title === undefined ? {} : { title }),
      width: base.width,
      height: base.height,
      data: { values: rows },
      layer,
    },
    check.operation,
  );
}
