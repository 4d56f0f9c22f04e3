import { describe, expect, it } from 'vitest';
import { parse } from 'vega';
import { sampleScheme, scalePosition } from './color-map';
import { renderSvg } from './render-svg';
import type { HeatmapSpec } from './spec';
import { embeddedImage, pixelAt } from './testing/decode-png';
import { axisLabelPositions, axisLabels, markItems, texts } from './testing/svg';
import { MISSING_COLOR } from './theme';

/** The colour the raster should have for `value`, from the same Vega scheme the legend uses. */
function expected(value: number, domain: [number, number], scheme = 'viridis', type: 'linear' | 'log' = 'linear') {
  const lut = sampleScheme(scheme, 255);
  return [...lut[Math.round(scalePosition(type, domain, false)(value) * 254)]!, 255];
}

describe('heatmap', () => {
  it('draws a 1024×1024 matrix as one small embedded PNG whose pixels follow the colour map', async () => {
    const n = 1024;
    const values = Array.from({ length: n }, (_, r) =>
      Array.from({ length: n }, (_, c) => Math.sin(r * 0.013) * Math.cos(c * 0.021) + r / n),
    );
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of values) for (const v of row) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const svg = await renderSvg({ kind: 'heatmap', values, title: 'Weights', color: { label: 'weight' } });
    expect(svg.length).toBeLessThan(2_000_000);
    expect(svg.match(/<image\b/g)).toHaveLength(1);
    expect(svg.match(/<path\b/g)!.length).toBeLessThan(100); // axes and legend, never a cell each
    const png = embeddedImage(svg);
    expect([png.width, png.height]).toEqual([n, n]);
    for (const [r, c] of [
      [0, 0],
      [17, 900],
      [512, 512],
      [1023, 3],
      [700, 1023],
    ] as const) {
      expect(pixelAt(png, c, r)).toEqual(expected(values[r]![c]!, [lo, hi]));
    }
    expect(texts(svg)).toEqual(expect.arrayContaining(['Weights', 'weight', 'row', 'column']));
    expect(axisLabels(svg, 'column')).toContain('500');
  });

  it('enlarges small matrices by whole pixels per cell, row 0 on top, missing cells grey', async () => {
    const spec: HeatmapSpec = {
      kind: 'heatmap',
      values: [
        [1, 2, 3],
        [4, null, 6],
      ],
      color: { scheme: 'magma', domain: [0, 10] },
    };
    const png = embeddedImage(await renderSvg(spec));
    expect([png.width, png.height]).toEqual([3 * 171, 2 * 256]);
    expect(pixelAt(png, 0, 0)).toEqual(expected(1, [0, 10], 'magma'));
    expect(pixelAt(png, 170, 255)).toEqual(expected(1, [0, 10], 'magma'));
    expect(pixelAt(png, 171 * 2 + 5, 0)).toEqual(expected(3, [0, 10], 'magma'));
    expect(pixelAt(png, 171 + 5, 256 + 5)).toEqual([...MISSING_COLOR, 255]);
  });

  it('puts row 0 at the bottom with an extent, and maps a log colour scale like the legend', async () => {
    const spec: HeatmapSpec = {
      kind: 'heatmap',
      values: [
        [1, 10],
        [100, 1000],
      ],
      extent: { x: [-1, 1], y: [0, 2] },
      color: { type: 'log', label: 'loss' },
      xLabel: 'w1',
      yLabel: 'w2',
      paths: [
        {
          label: 'descent',
          points: [
            [-0.5, 1.5],
            [0, 1],
            [0.5, 0.2],
          ],
        },
      ],
    };
    const svg = await renderSvg(spec);
    const png = embeddedImage(svg);
    expect(pixelAt(png, 0, png.height - 1)).toEqual(expected(1, [1, 1000], 'viridis', 'log'));
    expect(pixelAt(png, png.width - 1, 0)).toEqual(expected(1000, [1, 1000], 'viridis', 'log'));
    expect(pixelAt(png, 0, 0)).toEqual(expected(100, [1, 1000], 'viridis', 'log'));
    expect(markItems(svg, 'symbol')).toHaveLength(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(['w1', 'w2', 'loss', 'descent']));
  });

  it('centres the colour domain on 0 for diverging schemes', async () => {
    const png = embeddedImage(await renderSvg({ kind: 'heatmap', values: [[-1, 0, 3]], color: { scheme: 'redblue' } }));
    expect(pixelAt(png, Math.floor(png.width / 2), 0)).toEqual(expected(0, [-3, 3], 'redblue'));
    expect(pixelAt(png, 0, 0)).toEqual(expected(-1, [-3, 3], 'redblue'));
  });

  it('averages matrices larger than maxRasterSide down in blocks', async () => {
    const values = Array.from({ length: 10 }, () => Array.from({ length: 3000 }, (_, c) => (c % 2 === 0 ? 0 : 2)));
    const png = embeddedImage(await renderSvg({ kind: 'heatmap', values, maxRasterSide: 1500 }));
    expect(png.width).toBe(1500);
    expect(pixelAt(png, 10, 0)).toEqual(expected(1, [0, 2]));
  });

  it('labels rows and columns with the given names, even repeated ones', async () => {
    const tokens = ['hello', ',', 'bye', ','];
    const svg = await renderSvg({
      kind: 'heatmap',
      values: tokens.map((_, r) => tokens.map((__, c) => (c <= r ? 1 / (r + 1) : 0))),
      columnLabels: tokens,
      rowLabels: tokens,
      xLabel: 'looks at',
      yLabel: 'token',
    });
    expect(axisLabels(svg, 'looks at')).toEqual(tokens);
    expect(axisLabels(svg, 'token')).toEqual(tokens);
    // Row 0 is at the top and column 0 on the left, where the raster draws them.
    const rows = axisLabelPositions(svg, 'token');
    expect(rows.map((r) => r.y)).toEqual([...rows.map((r) => r.y)].sort((a, b) => a - b));
    expect(rows[0]!.y).toBeLessThan(rows[3]!.y);
    const columns = axisLabelPositions(svg, 'looks at');
    expect(columns[0]!.x).toBeLessThan(columns[3]!.x);
  });

  it('numbers rows from the top and columns from the left without labels', async () => {
    const svg = await renderSvg({ kind: 'heatmap', values: Array.from({ length: 20 }, () => new Array(30).fill(1)) });
    const rows = axisLabelPositions(svg, 'row');
    expect(rows[0]!.text).toBe('0');
    expect(rows[0]!.y).toBeLessThan(rows.at(-1)!.y);
    const columns = axisLabelPositions(svg, 'column');
    expect(columns[0]!.text).toBe('0');
    expect(columns[0]!.x).toBeLessThan(columns.at(-1)!.x);
  });

  it('draws 0/1 cells pure white and black with two end colours, and can leave the legend out', async () => {
    const values = [
      [0, 1, 0],
      [1, 1, 0.5],
    ];
    const spec: HeatmapSpec = {
      kind: 'heatmap',
      values,
      color: { range: ['#ffffff', '#000000'], domain: [0, 1], legend: false },
    };
    const svg = await renderSvg(spec);
    const png = embeddedImage(svg);
    const [kx, ky] = [png.width / 3, png.height / 2];
    expect(pixelAt(png, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(png, kx, 0)).toEqual([0, 0, 0, 255]);
    // 0.5 lands on level round(0.5 · 254) = 127 of 255 blended levels: 255 · (1 − 127/254) = 127.5 → 128.
    expect(pixelAt(png, 2 * kx, ky)).toEqual([128, 128, 128, 255]);
    expect(svg).not.toContain('role-legend');
    expect(texts(svg)).not.toContain('value');
    // With the legend, it shows the same two colours as a gradient.
    const withLegend = await renderSvg({ ...spec, color: { range: ['#ffffff', '#000000'], label: 'cell' } });
    expect(withLegend).toContain('role-legend');
    expect(texts(withLegend)).toContain('cell');
    const { toVegaSpec } = await import('./to-vega');
    const scale = toVegaSpec(spec).scales!.find((s) => s.name === 'color')!;
    expect(scale).toMatchObject({ range: ['#ffffff', '#000000'], interpolate: 'rgb' });
  });

  it('refuses two end colours with a scheme, and colours that are not #rrggbb', async () => {
    const { toVegaSpec } = await import('./to-vega');
    const bad = (color: unknown) => () => toVegaSpec({ kind: 'heatmap', values: [[1]], color } as HeatmapSpec);
    expect(bad({ range: ['#ffffff', '#000000'], scheme: 'greys' })).toThrow(/spec\.color\.range/);
    expect(bad({ range: ['#ffffff'] })).toThrow(/spec\.color\.range/);
    expect(bad({ range: ['white', '#000000'] })).toThrow(/spec\.color\.range\[0\]/);
    expect(bad({ legend: 'no' })).toThrow(/spec\.color\.legend/);
  });

  it('builds a Vega spec that parses', async () => {
    const { toVegaSpec } = await import('./to-vega');
    expect(() => parse(toVegaSpec({ kind: 'heatmap', values: [[1]] }))).not.toThrow();
  });
});
