import type { Spec as VegaSpec } from 'vega';
import { BASE_KEYS, checkBase, type SpecChecker } from './check';
import { titleOf } from './theme';
import { compileLite } from './vega-lite';

const KEYS = [
  ...BASE_KEYS,
  'categories',
  'series',
  'categoryLabel',
  'valueLabel',
  'horizontal',
  'valueFormat',
  'legendTitle',
];
const SERIES_KEYS = ['name', 'values'];

/** Checks a bar chart spec and builds its Vega spec (through Vega-Lite). */
export function barChartToVega(input: unknown, check: SpecChecker): VegaSpec {
  const spec = check.object('spec', input, KEYS);
  const base = checkBase(check, spec, { width: 480, height: 300 });
  const categoryLabel = check.string('spec.categoryLabel', spec.categoryLabel);
  const valueLabel = check.string('spec.valueLabel', spec.valueLabel);
  const horizontal = check.boolean('spec.horizontal', spec.horizontal, false);
  const valueFormat = check.optionalString('spec.valueFormat', spec.valueFormat);
  const legendTitle = check.optionalString('spec.legendTitle', spec.legendTitle) ?? 'series';
  const categories = check
    .array('spec.categories', spec.categories)
    .map((c, i) => check.string(`spec.categories[${i}]`, c));
  check.unique('spec.categories', categories);

  const names: string[] = [];
  const rows: { c: string; s: string; v: number }[] = [];
  check.array('spec.series', spec.series).forEach((item, k) => {
    const path = `spec.series[${k}]`;
    const series = check.object(path, item, SERIES_KEYS);
    const name = check.string(`${path}.name`, series.name);
    const values = check.numbers(`${path}.values`, series.values);
    check.sameLength(`${path}.values`, values.length, categories.length, 'spec.categories');
    names.push(name);
    values.forEach((v, i) => rows.push({ c: categories[i]!, s: name, v }));
  });
  check.unique('spec.series.name', names);

  const many = names.length > 1;
  const longest = Math.max(...categories.map((c) => c.length));
  const category = {
    field: 'c',
    type: 'nominal',
    sort: categories,
    title: categoryLabel,
    scale: { paddingInner: 0.15, paddingOuter: 0.1 },
    axis: horizontal ? {} : longest > 3 ? { labelAngle: -40, labelAlign: 'right' } : { labelAngle: 0 },
  };
  const value = {
    field: 'v',
    type: 'quantitative',
    title: valueLabel,
    axis: { grid: true, ...(valueFormat === undefined ? {} : { format: valueFormat }) },
  };
  const color = many
    ? { field: 's', type: 'nominal', title: legendTitle, scale: { domain: names } }
    : { value: '#4c78a8' };
  const offset = many ? { field: 's', sort: names, title: legendTitle, scale: { paddingInner: 0.05 } } : undefined;
  const title = titleOf(base.title, base.subtitle);
  return compileLite(
    {
      ...(title === undefined ? {} : { title }),
      width: base.width,
      height: base.height,
      data: { values: rows },
      mark: { type: 'bar' },
      encoding: horizontal
        ? { y: category, x: value, color, ...(offset ? { yOffset: offset } : {}) }
        : { x: category, y: value, color, ...(offset ? { xOffset: offset } : {}) },
    },
    check.operation,
  );
}
