import type { Axis, Data, Legend, Mark, Scale, Signal, Spec as VegaSpec } from 'vega';
import { BASE_KEYS, checkTitles, type SpecChecker } from './check';
import { parseColor, sampleScheme, scalePosition, type Rgb } from './color-map';
import { downsample, rasterize } from './raster';
import { checkExtent, extentScales, imageMarks, plotAxes, plotSize, type Extent } from './raster-figure';
import { DIVERGING_SCHEMES, SEQUENTIAL_SCHEMES, type ColorScheme } from './spec';
import { MISSING_COLOR, PADDING, titleOf } from './theme';

const KEYS = [
  ...BASE_KEYS,
  'values',
  'xLabel',
  'yLabel',
  'columnLabels',
  'rowLabels',
  'extent',
  'color',
  'paths',
  'maxRasterSide',
];
const COLOR_KEYS = ['scheme', 'type', 'domain', 'reverse', 'label', 'range', 'legend'];
const SCHEMES: readonly ColorScheme[] = [...SEQUENTIAL_SCHEMES, ...DIVERGING_SCHEMES];
/** Colour levels of the raster; palette index 255 is the missing-cell colour. */
const LEVELS = 255;

type Matrix = readonly (readonly (number | null)[])[];

/** Checks a heatmap spec, rasterises its matrix into one PNG, and builds its Vega spec. */
export function heatmapToVega(input: unknown, check: SpecChecker): VegaSpec {
  const spec = check.object('spec', input, KEYS);
  const { rows, columns } = check.matrix('spec.values', spec.values, true);
  const values = spec.values as Matrix;
  const base = checkTitles(check, spec);
  const extent = spec.extent === undefined ? undefined : checkExtent(check, 'spec.extent', spec.extent);
  const size = plotSize(check, spec, extent === undefined ? rows / columns : 1, extent === undefined ? 400 : 360);
  const xLabel = check.optionalString('spec.xLabel', spec.xLabel) ?? 'column';
  const yLabel = check.optionalString('spec.yLabel', spec.yLabel) ?? 'row';
  const columnLabels = labels(check, 'spec.columnLabels', spec.columnLabels, columns, 'columns', extent);
  const rowLabels = labels(check, 'spec.rowLabels', spec.rowLabels, rows, 'rows', extent);
  const maxSide = check.number('spec.maxRasterSide', spec.maxRasterSide, 1024, { min: 16, max: 8192, integer: true });

  const color = spec.color === undefined ? {} : check.object('spec.color', spec.color, COLOR_KEYS);
  const scheme = check.oneOf('spec.color.scheme', color.scheme, SCHEMES, 'viridis');
  const type = check.oneOf('spec.color.type', color.type, ['linear', 'sqrt', 'log'], 'linear');
  const reverse = check.boolean('spec.color.reverse', color.reverse, false);
  const legendTitle = check.optionalString('spec.color.label', color.label) ?? 'value';
  const showLegend = check.boolean('spec.color.legend', color.legend, true);
  const ends = checkEnds(check, color.range, color.scheme);
  const domain =
    check.range('spec.color.domain', color.domain, type === 'log') ??
    dataDomain(check, values, type, ends === undefined && (DIVERGING_SCHEMES as readonly string[]).includes(scheme));

  const paths = checkPaths(check, spec.paths, extent);

  // The raster: row 0 on top for a matrix, at the bottom for a plane (extent).
  const small = downsample(values, columns, maxSide);
  const gridRows = small.values.length;
  const position = scalePosition(type, domain, reverse);
  const palette = [
    ...(ends === undefined ? sampleScheme(scheme, LEVELS) : blend(ends, LEVELS)).map(
      ([r, g, b]) => [r, g, b, 255] as const,
    ),
    [...MISSING_COLOR, 255] as const,
  ];
  const raster = rasterize(
    gridRows,
    small.columns,
    (r, c) => {
      const v = small.values[extent === undefined ? r : gridRows - 1 - r]![c]!;
      return v === null ? LEVELS : Math.round(position(v) * (LEVELS - 1));
    },
    palette,
  );

  const signals: Signal[] = [];
  let scales: Scale[];
  const axisExtra: { x?: Partial<Axis>; y?: Partial<Axis> } = {};
  if (extent !== undefined) {
    scales = extentScales(extent);
  } else {
    scales = [
      indexScale('x', columns, columnLabels !== undefined, 'width'),
      indexScale('y', rows, rowLabels !== undefined, 'height'),
    ];
    axisExtra.x = indexAxis('columnLabels', columnLabels, signals, true);
    axisExtra.y = indexAxis('rowLabels', rowLabels, signals, false);
  }
  scales.push({
    name: 'color',
    type,
    domain: [...domain],
    ...(ends === undefined ? { range: { scheme } } : { range: [...ends], interpolate: 'rgb' }),
    reverse,
    zero: false,
    nice: false,
  } as Scale);
  const legends: Legend[] = !showLegend
    ? []
    : [
        {
          fill: 'color',
          type: 'gradient',
          title: legendTitle,
          direction: 'vertical',
          gradientLength: Math.max(100, Math.min(size.height, 320)),
          gradientThickness: 14,
          ...(type === 'log' ? { format: '~g' } : {}),
        } as Legend,
      ];

  const data: Data[] = paths.map((p, k) => ({
    name: `path${k}`,
    values: p.points.map(([x, y], i) => ({ x, y, last: i === p.points.length - 1, label: p.label ?? '' })),
  }));
  const marks: Mark[] = [...imageMarks(raster), ...paths.flatMap((_, k) => pathMarks(`path${k}`))];
  const title = titleOf(base.title, base.subtitle);
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    ...(title === undefined ? {} : { title }),
    width: size.width,
    height: size.height,
    padding: PADDING,
    autosize: 'pad',
    background: 'white',
    signals,
    data,
    scales,
    axes: plotAxes(xLabel, yLabel, axisExtra),
    legends,
    marks,
  } as VegaSpec;
}

/** Checks `spec.color.range`: two `#rrggbb` colours, and not together with a scheme. */
function checkEnds(check: SpecChecker, value: unknown, scheme: unknown): readonly [string, string] | undefined {
  if (value === undefined) return undefined;
  const path = 'spec.color.range';
  if (scheme !== undefined) {
    check.fail(
      'INVALID_ARGUMENT',
      path,
      value,
      'cannot be used with spec.color.scheme',
      'a scheme or a range, not both',
    );
  }
  const list = check.array(path, value).map((v, i) => check.string(`${path}[${i}]`, v));
  check.sameLength(path, list.length, 2, 'two colours');
  list.forEach((c, i) => {
    if (!/^#[0-9a-f]{6}$/i.test(c))
      check.fail('INVALID_ARGUMENT', `${path}[${i}]`, c, 'must be a #rrggbb colour', '#rrggbb');
  });
  return [list[0]!, list[1]!];
}

/** `count` colours blended evenly in RGB from `ends[0]` to `ends[1]`, as Vega's `rgb` interpolation does. */
function blend(ends: readonly [string, string], count: number): Rgb[] {
  const [a, b] = ends.map(parseColor) as [Rgb, Rgb];
  return Array.from({ length: count }, (_, i) => {
    const t = count === 1 ? 0 : i / (count - 1);
    return [0, 1, 2].map((j) => Math.round(a[j]! + (b[j]! - a[j]!) * t)) as unknown as Rgb;
  });
}

/** Checks row or column labels: one string per row/column, and only without an extent. */
function labels(
  check: SpecChecker,
  path: string,
  value: unknown,
  count: number,
  what: string,
  extent: Extent | undefined,
): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (extent !== undefined) {
    check.fail('INVALID_ARGUMENT', path, value, 'cannot be used with spec.extent', 'labels or an extent, not both');
  }
  const list = check.array(path, value).map((v, i) => check.string(`${path}[${i}]`, v));
  check.sameLength(path, list.length, count, `the matrix's ${what}`);
  return list;
}

/** The colour domain from the data: its extent (symmetric for diverging schemes), never empty. */
function dataDomain(
  check: SpecChecker,
  values: Matrix,
  type: 'linear' | 'sqrt' | 'log',
  diverging: boolean,
): readonly [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      if (type === 'log' && v <= 0) check.notPositive(`spec.values[${r}][${c}]`, v);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }),
  );
  if (lo > hi) check.fail('EMPTY_DATA', 'spec.values', values, 'holds only null cells', 'at least one number');
  if (type === 'log') return lo === hi ? [lo / 2, hi * 2] : [lo, hi];
  if (diverging) {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** Checks `spec.paths`, which needs an extent. */
function checkPaths(
  check: SpecChecker,
  value: unknown,
  extent: Extent | undefined,
): { label: string | undefined; points: [number, number][] }[] {
  if (value === undefined) return [];
  if (extent === undefined) {
    check.fail('INVALID_ARGUMENT', 'spec.paths', value, 'needs spec.extent (paths use its coordinates)', 'an extent');
  }
  return check.array('spec.paths', value, true).map((item, k) => {
    const path = `spec.paths[${k}]`;
    const p = check.object(path, item, ['label', 'points']);
    const points = check.array(`${path}.points`, p.points).map((pt, i) => {
      const pair = check.array(`${path}.points[${i}]`, pt);
      check.sameLength(`${path}.points[${i}]`, pair.length, 2, '[x, y]');
      return [check.finite(`${path}.points[${i}][0]`, pair[0]), check.finite(`${path}.points[${i}][1]`, pair[1])] as [
        number,
        number,
      ];
    });
    return { label: check.optionalString(`${path}.label`, p.label), points };
  });
}

/**
 * The position scale of a matrix axis: bands for labels, else cell indices with ticks at cell
 * centres. Both run from 0 to `extent` (`'width'` or `'height'`): columns left to right, rows top to
 * bottom, as the raster is drawn.
 */
function indexScale(name: string, count: number, labelled: boolean, extent: string): Scale {
  const range = [0, { signal: extent }];
  return labelled
    ? ({
        name,
        type: 'band',
        domain: Array.from({ length: count }, (_, i) => i),
        range,
        paddingInner: 0,
        paddingOuter: 0,
      } as Scale)
    : ({ name, type: 'linear', domain: [-0.5, count - 0.5], range, zero: false, nice: false } as Scale);
}

/** Axis settings for a matrix axis: the labels through a signal, or integer cell indices. */
function indexAxis(
  signal: string,
  labels: readonly string[] | undefined,
  signals: Signal[],
  horizontal: boolean,
): Partial<Axis> {
  if (labels === undefined) return { tickMinStep: 1, format: 'd' };
  signals.push({ name: signal, value: labels });
  const rotate = horizontal && Math.max(...labels.map((l) => l.length)) > 2;
  return {
    labelOverlap: 'parity',
    ...(rotate ? { labelAngle: -45, labelAlign: 'right', labelBaseline: 'top' } : {}),
    encode: { labels: { update: { text: { signal: `${signal}[datum.value]` } } } },
  } as Partial<Axis>;
}

/** A path over the image: dark casing, white line, point markers, and its label at the end. */
function pathMarks(data: string): Mark[] {
  const xy = { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' } };
  return [
    {
      type: 'line',
      from: { data },
      encode: {
        enter: { ...xy, stroke: { value: '#000000' }, strokeWidth: { value: 4 }, strokeOpacity: { value: 0.5 } },
      },
    },
    {
      type: 'line',
      from: { data },
      encode: { enter: { ...xy, stroke: { value: '#ffffff' }, strokeWidth: { value: 2 } } },
    },
    {
      type: 'symbol',
      from: { data },
      encode: {
        enter: {
          ...xy,
          size: { value: 30 },
          fill: { value: '#ffffff' },
          stroke: { value: '#000000' },
          strokeWidth: { value: 1 },
        },
      },
    },
    {
      type: 'text',
      from: { data },
      encode: {
        enter: {
          ...xy,
          text: { signal: "datum.last ? datum.label : ''" },
          dx: { value: 7 },
          baseline: { value: 'middle' },
          fontSize: { value: 12 },
          fontWeight: { value: 'bold' },
          fill: { value: '#ffffff' },
          stroke: { value: '#000000' },
          strokeWidth: { value: 0.6 },
        },
      },
    },
  ] as Mark[];
}
