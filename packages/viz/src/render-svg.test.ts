import { afterEach, describe, expect, it, vi } from 'vitest';
import { VizError } from './errors';
import { renderSvg } from './render-svg';
import { FIGURE_KINDS, type FigureSpec } from './spec';
import { SAMPLE_SPECS } from './testing/specs';
import { axisLabels, markItems, texts } from './testing/svg';
import { toVegaSpec } from './to-vega';

/** Title, axis titles and legend titles each sample spec must show. */
const EXPECTED_TEXT: Record<FigureSpec['kind'], string[]> = {
  bar: ['Letter counts', 'letter', 'count', 'article', 'cats', 'dogs'],
  line: ['Next-token probabilities', 'rank', 'probability', 'source', 'GPT-2', 'power law'],
  scatter: ['Word embeddings', 'dimension 1', 'dimension 2', 'kind', 'alligator', 'turnip'],
  heatmap: ['Letter pairs', 'second letter', 'first letter', 'probability', 'a', 'x'],
  'decision-regions': ['Nearest point', 'x', 'y', 'nearest', 'A', 'B', 'a'],
  histogram: ['Weights', 'weight', 'count'],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('renderSvg', () => {
  it.each(FIGURE_KINDS)('draws a %s with its title, axis titles and legend titles', async (kind) => {
    const svg = await renderSvg(SAMPLE_SPECS[kind]);
    expect(svg.startsWith('<svg')).toBe(true);
    const shown = texts(svg);
    for (const text of EXPECTED_TEXT[kind]) expect(shown).toContain(text);
    expect(svg).toContain('font-family="DejaVu Sans, sans-serif"');
  });

  it('never fetches or reads anything (fetch is not called)', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network')));
    vi.stubGlobal('fetch', fetch);
    for (const kind of FIGURE_KINDS) await renderSvg(SAMPLE_SPECS[kind]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('draws one bar per category and series', async () => {
    const svg = await renderSvg(SAMPLE_SPECS.bar);
    expect(markItems(svg, 'rect')).toHaveLength(10);
    const one = await renderSvg({ ...SAMPLE_SPECS.bar, series: SAMPLE_SPECS.bar.series.slice(0, 1) });
    expect(markItems(one, 'rect')).toHaveLength(5);
    expect(texts(one)).not.toContain('article'); // one series: no legend
  });

  it('draws horizontal bars with a value format', async () => {
    const svg = await renderSvg({
      kind: 'bar',
      categories: ['learn', 'predict', 'make'],
      series: [{ name: 'p', values: [0.045, 0.035, 0.032] }],
      categoryLabel: 'next word',
      valueLabel: 'probability',
      horizontal: true,
      valueFormat: '.1%',
    });
    expect(markItems(svg, 'rect')).toHaveLength(3);
    expect(axisLabels(svg, 'probability').every((l) => l.endsWith('%'))).toBe(true);
    expect(axisLabels(svg, 'next word')).toEqual(['learn', 'predict', 'make']);
  });

  it('draws one symbol per scatter point, and each label', async () => {
    const svg = await renderSvg(SAMPLE_SPECS.scatter);
    expect(markItems(svg, 'symbol')).toHaveLength(4);
    expect(markItems(svg, 'text').map((t) => /<text[^>]*>([^<]*)</.exec(t)?.[1])).toEqual([
      'alligator',
      'crocodile',
      'turnip',
      'eagle',
    ]);
  });

  it('puts log-axis ticks at powers of ten', async () => {
    const svg = await renderSvg(SAMPLE_SPECS.line);
    expect(axisLabels(svg, 'rank')).toEqual(['1', '10', '100', '1,000']);
    expect(axisLabels(svg, 'probability')).toEqual(['10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²', '10⁻¹']);
  });

  it('draws line series as lines and point series as symbols', async () => {
    const svg = await renderSvg(SAMPLE_SPECS.line);
    expect(markItems(svg, 'line')).toHaveLength(1); // one line path for the one line series
    expect(markItems(svg, 'symbol')).toHaveLength(2); // the two points of the 'points' series
  });

  it('bins histogram values and draws one bar per bin and series', async () => {
    const svg = await renderSvg(SAMPLE_SPECS.histogram);
    expect(markItems(svg, 'rect')).toHaveLength(5);
    const two = await renderSvg({
      ...SAMPLE_SPECS.histogram,
      series: [...SAMPLE_SPECS.histogram.series, { name: 'block 1', values: [0.3, 0.4] }],
      normalize: 'density',
      legendTitle: 'layer',
    });
    expect(markItems(two, 'rect')).toHaveLength(10);
    expect(texts(two)).toEqual(expect.arrayContaining(['layer', 'block 0', 'block 1', 'density']));
  });

  it('is the same SVG each time (no randomness, no clock), up to the ids Vega keeps unique per page', async () => {
    const ids = (svg: string) => svg.replace(/\b(gradient_|clip)\d+/g, '$1N');
    for (const kind of FIGURE_KINDS) {
      expect(ids(await renderSvg(SAMPLE_SPECS[kind]))).toBe(ids(await renderSvg(SAMPLE_SPECS[kind])));
    }
  });

  it('leaves the background out when transparent', async () => {
    const white = await renderSvg(SAMPLE_SPECS.bar);
    const clear = await renderSvg(SAMPLE_SPECS.bar, { background: 'transparent' });
    expect(white).toMatch(/^<svg[^>]*><rect width="\d+" height="\d+" fill="white"/);
    expect(clear).not.toMatch(/^<svg[^>]*><rect width="\d+" height="\d+" fill="white"/);
  });
});

describe('toVegaSpec', () => {
  it('returns a JSON-serialisable Vega spec with the data inline', () => {
    for (const kind of FIGURE_KINDS) {
      const spec = toVegaSpec(SAMPLE_SPECS[kind]);
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
      const urls = JSON.stringify(spec).match(/"url":"[^"]*"/g) ?? [];
      expect(urls).toEqual([]);
    }
  });
});

/** Runs `renderSvg` on a bad spec and returns the VizError. */
async function refusal(spec: unknown): Promise<VizError> {
  const error: unknown = await renderSvg(spec as FigureSpec).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!VizError.isInstance(error)) throw new Error(`expected a VizError, got ${String(error)}`);
  return error;
}

describe('bad specs', () => {
  it('refuses an unknown kind, listing the kinds', async () => {
    const error = await refusal({ kind: 'pie' });
    expect(error.code).toBe('UNKNOWN_KIND');
    expect(error.argument).toBe('spec.kind');
    expect(error.value).toBe('pie');
    expect(error.message).toBe(
      'renderSvg: spec.kind must be one of "bar", "heatmap", "line", "scatter", "decision-regions", "histogram"; found "pie"',
    );
    expect((await refusal(null)).code).toBe('INVALID_ARGUMENT');
  });

  it('refuses NaN and Infinity, naming the element', async () => {
    const nan = await refusal({
      ...SAMPLE_SPECS.line,
      series: [{ name: 's', x: [1, 2, 3], y: [1, Number.NaN, 3] }],
    });
    expect(nan).toMatchObject({ code: 'NON_FINITE_VALUE', argument: 'spec.series[0].y[1]' });
    expect(nan.value).toBeNaN();
    expect(nan.message).toBe('renderSvg: spec.series[0].y[1] must be a finite number; found NaN');
    const inf = await refusal({ ...SAMPLE_SPECS.scatter, points: [{ x: Infinity, y: 0 }] });
    expect(inf).toMatchObject({ code: 'NON_FINITE_VALUE', argument: 'spec.points[0].x', value: Infinity });
    const cell = await refusal({
      ...SAMPLE_SPECS.heatmap,
      values: [
        [1, 2, 3],
        [4, '5', 6],
      ],
    });
    expect(cell).toMatchObject({ code: 'NON_FINITE_VALUE', argument: 'spec.values[1][1]', value: '5' });
  });

  it('refuses zero and negative values on a log axis', async () => {
    const zero = await refusal({ ...SAMPLE_SPECS.line, series: [{ name: 's', x: [1, 2], y: [0.5, 0] }] });
    expect(zero).toMatchObject({ code: 'NOT_POSITIVE_ON_LOG_SCALE', argument: 'spec.series[0].y[1]', value: 0 });
    const negative = await refusal({ ...SAMPLE_SPECS.line, series: [{ name: 's', x: [-1, 2], y: [1, 1] }] });
    expect(negative).toMatchObject({ code: 'NOT_POSITIVE_ON_LOG_SCALE', argument: 'spec.series[0].x[0]', value: -1 });
    const domain = await refusal({ ...SAMPLE_SPECS.line, xDomain: [0, 10] });
    expect(domain).toMatchObject({ code: 'NOT_POSITIVE_ON_LOG_SCALE', argument: 'spec.xDomain[0]' });
    const color = await refusal({
      ...SAMPLE_SPECS.heatmap,
      values: [[1, 0]],
      columnLabels: undefined,
      rowLabels: undefined,
      color: { type: 'log' },
    });
    expect(color).toMatchObject({ code: 'NOT_POSITIVE_ON_LOG_SCALE', argument: 'spec.values[0][1]', value: 0 });
  });

  it('refuses ragged matrices', async () => {
    const error = await refusal({
      kind: 'heatmap',
      values: [
        [1, 2, 3],
        [4, 5],
      ],
    });
    expect(error).toMatchObject({ code: 'RAGGED_MATRIX', argument: 'spec.values[1]', value: 2 });
    expect(error.message).toBe(
      'renderSvg: spec.values[1] has 2 entries but row 0 has 3; every row must have the same length',
    );
    const regions = await refusal({ ...SAMPLE_SPECS['decision-regions'], regions: [[0, 1], [1]] });
    expect(regions).toMatchObject({ code: 'RAGGED_MATRIX', argument: 'spec.regions[1]' });
  });

  it('refuses empty data', async () => {
    expect(await refusal({ ...SAMPLE_SPECS.bar, series: [] })).toMatchObject({
      code: 'EMPTY_DATA',
      argument: 'spec.series',
    });
    expect(await refusal({ ...SAMPLE_SPECS.scatter, points: [] })).toMatchObject({ code: 'EMPTY_DATA' });
    expect(await refusal({ kind: 'heatmap', values: [] })).toMatchObject({ code: 'EMPTY_DATA' });
    expect(await refusal({ kind: 'heatmap', values: [[]] })).toMatchObject({
      code: 'EMPTY_DATA',
      argument: 'spec.values[0]',
    });
    expect(await refusal({ kind: 'heatmap', values: [[null]] })).toMatchObject({ code: 'EMPTY_DATA' });
    expect(await refusal({ ...SAMPLE_SPECS.histogram, series: [{ name: 'a', values: [] }] })).toMatchObject({
      code: 'EMPTY_DATA',
      argument: 'spec.series[0].values',
    });
  });

  it('refuses mismatched lengths', async () => {
    expect(await refusal({ ...SAMPLE_SPECS.bar, series: [{ name: 's', values: [1, 2] }] })).toMatchObject({
      code: 'LENGTH_MISMATCH',
      argument: 'spec.series[0].values',
      value: 2,
    });
    expect(await refusal({ ...SAMPLE_SPECS.line, series: [{ name: 's', x: [1, 2], y: [1] }] })).toMatchObject({
      code: 'LENGTH_MISMATCH',
      argument: 'spec.series[0].y',
    });
    expect(await refusal({ ...SAMPLE_SPECS.heatmap, columnLabels: ['a'] })).toMatchObject({
      code: 'LENGTH_MISMATCH',
      argument: 'spec.columnLabels',
    });
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const error = await refusal({ ...SAMPLE_SPECS.line, xscale: 'log' });
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'spec.xscale', value: 'log' });
    expect(await refusal({ ...SAMPLE_SPECS.heatmap, color: { sheme: 'magma' } })).toMatchObject({
      argument: 'spec.color.sheme',
    });
    const options = await renderSvg(SAMPLE_SPECS.bar, { backgrund: 'red' } as never).catch((e: unknown) => e);
    expect(options).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'options.backgrund' });
  });

  it('refuses bad options and labels', async () => {
    expect(await refusal({ ...SAMPLE_SPECS.line, xScale: 'logarithmic' })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'spec.xScale',
      value: 'logarithmic',
    });
    expect(await refusal({ ...SAMPLE_SPECS.bar, categories: ['a', 'b', 'a', 'c', 'd'] })).toMatchObject({
      argument: 'spec.categories[2]',
    });
    expect(await refusal({ ...SAMPLE_SPECS.bar, categoryLabel: undefined })).toMatchObject({
      argument: 'spec.categoryLabel',
    });
    expect(await refusal({ ...SAMPLE_SPECS.histogram, bins: 2.5 })).toMatchObject({ argument: 'spec.bins' });
    expect(await refusal({ ...SAMPLE_SPECS.heatmap, color: { scheme: 'rainbow' } })).toMatchObject({
      argument: 'spec.color.scheme',
    });
    expect(await refusal({ ...SAMPLE_SPECS.line, yDomain: [1, 1] })).toMatchObject({ argument: 'spec.yDomain' });
    expect(
      await refusal({
        ...SAMPLE_SPECS.scatter,
        points: [
          { x: 0, y: 0, group: 'a' },
          { x: 1, y: 1 },
        ],
      }),
    ).toMatchObject({
      argument: 'spec.points[1].group',
    });
    expect(await refusal({ ...SAMPLE_SPECS['decision-regions'], regions: [[0, 2]] })).toMatchObject({
      argument: 'spec.regions[0][1]',
      value: 2,
    });
    expect(await refusal({ ...SAMPLE_SPECS['decision-regions'], points: [{ x: 0, y: 0, class: 5 }] })).toMatchObject({
      argument: 'spec.points[0].class',
    });
    expect(await refusal({ ...SAMPLE_SPECS.heatmap, paths: [] })).toMatchObject({ argument: 'spec.paths' });
  });

  it('checks through toVegaSpec too, naming it', () => {
    expect(() => toVegaSpec({ kind: 'nope' } as never)).toThrow(/^toVegaSpec: spec\.kind/);
  });
});
