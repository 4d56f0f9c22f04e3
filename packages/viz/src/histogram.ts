import type { Spec as VegaSpec } from 'vega';
import { BASE_KEYS, checkBase, type SpecChecker } from './check';
import { titleOf } from './theme';
import { compileLite } from './vega-lite';

const KEYS = [...BASE_KEYS, 'series', 'xLabel', 'yLabel', 'bins', 'domain', 'normalize', 'legendTitle'];
const SERIES_KEYS = ['name', 'values'];
const NORMALIZE = ['count', 'fraction', 'density'] as const;

/**
 * Counts of `values` in `bins` equal-width bins over `[lo, hi]`: bin `i` holds `lo + i·w ≤ v <
 * lo + (i+1)·w`, the last one also `v = hi`; values outside are left out.
 */
export function binCounts(values: readonly number[], lo: number, hi: number, bins: number): Float64Array {
  const counts = new Float64Array(bins);
  const scale = bins / (hi - lo);
  for (const v of values) {
    if (v < lo || v > hi) continue;
    const i = Math.min(bins - 1, Math.floor((v - lo) * scale));
    counts[i] = counts[i]! + 1;
  }
  return counts;
}

/** Checks a histogram spec, bins its values, and builds its Vega spec (through Vega-Lite). */
export function histogramToVega(input: unknown, check: SpecChecker): VegaSpec {
  const spec = check.object('spec', input, KEYS);
  const base = checkBase(check, spec, { width: 480, height: 300 });
  const xLabel = check.string('spec.xLabel', spec.xLabel);
  const normalize = check.oneOf('spec.normalize', spec.normalize, NORMALIZE, 'count');
  const yLabel = check.optionalString('spec.yLabel', spec.yLabel) ?? normalize;
  const bins = check.number('spec.bins', spec.bins, 30, { min: 1, max: 1000, integer: true });
  const domain = check.range('spec.domain', spec.domain);
  const legendTitle = check.optionalString('spec.legendTitle', spec.legendTitle) ?? 'series';

  const all = check.array('spec.series', spec.series).map((item, k) => {
    const path = `spec.series[${k}]`;
    const series = check.object(path, item, SERIES_KEYS);
    return { name: check.string(`${path}.name`, series.name), values: check.numbers(`${path}.values`, series.values) };
  });
  check.unique(
    'spec.series.name',
    all.map((s) => s.name),
  );
  let lo = domain?.[0] ?? Infinity;
  let hi = domain?.[1] ?? -Infinity;
  if (domain === undefined) {
    for (const { values } of all) {
      for (const v of values) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
  }
  const width = (hi - lo) / bins;
  const rows: { s: string; x0: number; x1: number; y: number }[] = [];
  for (const { name, values } of all) {
    const counts = binCounts(values, lo, hi, bins);
    const divisor = normalize === 'count' ? 1 : normalize === 'fraction' ? values.length : values.length * width;
    counts.forEach((count, i) =>
      rows.push({ s: name, x0: lo + i * width, x1: lo + (i + 1) * width, y: count / divisor }),
    );
  }

  const many = all.length > 1;
  const title = titleOf(base.title, base.subtitle);
  return compileLite(
    {
      ...(title === undefined ? {} : { title }),
      width: base.width,
      height: base.height,
      data: { values: rows },
      mark: many
        ? { type: 'rect', fillOpacity: 0.35, strokeWidth: 1.2 }
        : { type: 'rect', stroke: '#ffffff', strokeWidth: bins > 120 ? 0 : 0.6 },
      encoding: {
        x: {
          field: 'x0',
          type: 'quantitative',
          title: xLabel,
          scale: { domain: [lo, hi], nice: false, zero: false },
        },
        x2: { field: 'x1' },
        y: { field: 'y', type: 'quantitative', title: yLabel, axis: { grid: true } },
        y2: { datum: 0 },
        ...(many
          ? {
              color: { field: 's', type: 'nominal', title: legendTitle, scale: { domain: all.map((s) => s.name) } },
              stroke: { field: 's', type: 'nominal', title: legendTitle, scale: { domain: all.map((s) => s.name) } },
            }
          : { color: { value: '#4c78a8' } }),
      },
    },
    check.operation,
  );
}
