import type { Data, Legend, Mark, Scale, Spec as VegaSpec } from 'vega';
import { BASE_KEYS, checkTitles, type SpecChecker } from './check';
import { categoricalColors, classScheme, tint } from './color-map';
import { rasterize } from './raster';
import { checkExtent, extentScales, imageMarks, plotAxes, plotSize } from './raster-figure';
import { PADDING, titleOf } from './theme';

const KEYS = [...BASE_KEYS, 'extent', 'classes', 'regions', 'confidence', 'points', 'xLabel', 'yLabel', 'legendTitle'];
const POINT_KEYS = ['x', 'y', 'class', 'label'];
/** The most classes: the size of Vega's largest categorical scheme. */
const MAX_CLASSES = 20;
/** The most shades of each class colour for confidence from 0 to 1 (fewer with many classes, 256 colours in all). */
const MAX_SHADES = 32;
/** How much class colour a fully confident region gets (the rest is white), so points stand out. */
const REGION_STRENGTH = 0.5;

/** Checks a decision-regions spec, rasterises its grid into one PNG, and builds its Vega spec. */
export function decisionRegionsToVega(input: unknown, check: SpecChecker): VegaSpec {
  const spec = check.object('spec', input, KEYS);
  const base = checkTitles(check, spec);
  const extent = checkExtent(check, 'spec.extent', spec.extent);
  const xLabel = check.string('spec.xLabel', spec.xLabel);
  const yLabel = check.string('spec.yLabel', spec.yLabel);
  const legendTitle = check.optionalString('spec.legendTitle', spec.legendTitle) ?? 'class';
  const classes = check.array('spec.classes', spec.classes).map((c, i) => check.string(`spec.classes[${i}]`, c));
  check.unique('spec.classes', classes);
  if (classes.length > MAX_CLASSES) {
    check.fail(
      'INVALID_ARGUMENT',
      'spec.classes',
      classes,
      `has ${classes.length} classes; at most ${MAX_CLASSES}`,
      `1 to ${MAX_CLASSES} classes`,
    );
  }
  const { rows, columns } = check.matrix('spec.regions', spec.regions, false);
  const regions = spec.regions as readonly (readonly number[])[];
  regions.forEach((row, r) =>
    row.forEach((k, c) => {
      if (!Number.isInteger(k) || k < 0 || k >= classes.length) {
        check.fail(
          'INVALID_ARGUMENT',
          `spec.regions[${r}][${c}]`,
          k,
          `must be a class index from 0 to ${classes.length - 1}; found ${k}`,
          `an integer from 0 to ${classes.length - 1}`,
        );
      }
    }),
  );
  let confidence: readonly (readonly number[])[] | undefined;
  if (spec.confidence !== undefined) {
    const shape = check.matrix('spec.confidence', spec.confidence, false);
    check.sameLength('spec.confidence', shape.rows, rows, 'spec.regions');
    check.sameLength('spec.confidence[0]', shape.columns, columns, 'spec.regions[0]');
    confidence = spec.confidence as readonly (readonly number[])[];
    confidence.forEach((row, r) =>
      row.forEach((p, c) => {
        if (p < 0 || p > 1) {
          check.fail(
            'INVALID_ARGUMENT',
            `spec.confidence[${r}][${c}]`,
            p,
            `must be in [0, 1]; found ${p}`,
            'a number from 0 to 1',
          );
        }
      }),
    );
  }
  const points = (spec.points === undefined ? [] : check.array('spec.points', spec.points, true)).map((item, i) => {
    const path = `spec.points[${i}]`;
    const p = check.object(path, item, POINT_KEYS);
    const k = check.finite(`${path}.class`, p.class);
    if (!Number.isInteger(k) || k < 0 || k >= classes.length) {
      check.fail(
        'INVALID_ARGUMENT',
        `${path}.class`,
        k,
        `must be a class index from 0 to ${classes.length - 1}; found ${k}`,
        `an integer from 0 to ${classes.length - 1}`,
      );
    }
    return {
      x: check.finite(`${path}.x`, p.x),
      y: check.finite(`${path}.y`, p.y),
      c: classes[k]!,
      label: check.optionalString(`${path}.label`, p.label) ?? '',
    };
  });
  const aspect = (extent.y[1] - extent.y[0]) / (extent.x[1] - extent.x[0]);
  const size = plotSize(check, spec, Math.min(2, Math.max(0.5, aspect)), 360);

  const colors = categoricalColors(classScheme(classes.length)).slice(0, classes.length);
  const SHADES = Math.min(MAX_SHADES, Math.floor(256 / classes.length));
  const palette = colors.flatMap((color) =>
    Array.from({ length: SHADES }, (_, s) => {
      const strength = REGION_STRENGTH * (0.15 + (0.85 * s) / (SHADES - 1));
      return [...tint(color, strength), 255] as const;
    }),
  );
  const raster = rasterize(
    rows,
    columns,
    (r, c) => {
      const row = rows - 1 - r; // row 0 of the grid is at the bottom
      const k = regions[row]![c]!;
      const p = confidence === undefined ? 1 : confidence[row]![c]!;
      return k * SHADES + Math.round(p * (SHADES - 1));
    },
    palette,
  );

  const scales: Scale[] = [
    ...extentScales(extent),
    { name: 'color', type: 'ordinal', domain: [...classes], range: { scheme: classScheme(classes.length) } },
  ];
  const legends: Legend[] = [
    {
      fill: 'color',
      title: legendTitle,
      symbolType: 'square',
      symbolSize: 140,
      encode: { symbols: { update: { stroke: { value: '#333333' }, strokeWidth: { value: 0.8 } } } },
    } as Legend,
  ];
  const data: Data[] = [{ name: 'points', values: points }];
  const xy = { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' } };
  const marks: Mark[] = [
    ...imageMarks(raster),
    {
      type: 'symbol',
      from: { data: 'points' },
      clip: true,
      encode: {
        enter: {
          ...xy,
          size: { value: 70 },
          fill: { scale: 'color', field: 'c' },
          stroke: { value: '#222222' },
          strokeWidth: { value: 1 },
        },
      },
    },
    {
      type: 'text',
      from: { data: 'points' },
      encode: {
        enter: {
          ...xy,
          text: { field: 'label' },
          dx: { value: 7 },
          baseline: { value: 'middle' },
          fontSize: { value: 11 },
          fill: { value: '#111111' },
        },
      },
    },
  ] as Mark[];
  const title = titleOf(base.title, base.subtitle);
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    ...(title === undefined ? {} : { title }),
    width: size.width,
    height: size.height,
    padding: PADDING,
    autosize: 'pad',
    background: 'white',
    data,
    scales,
    axes: plotAxes(xLabel, yLabel),
    legends,
    marks,
  } as VegaSpec;
}
