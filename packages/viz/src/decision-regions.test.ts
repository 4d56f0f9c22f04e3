import { describe, expect, it } from 'vitest';
import { categoricalColors, tint } from './color-map';
import { renderSvg } from './render-svg';
import type { DecisionRegionsSpec } from './spec';
import { embeddedImage, pixelAt } from './testing/decode-png';
import { markItems, texts } from './testing/svg';

/** Three nearest-point classes over [-1, 1]². */
function nearestPoint(n: number): DecisionRegionsSpec {
  const centres = [
    [-0.5, -0.5],
    [0.6, -0.2],
    [0, 0.7],
  ] as const;
  const at = (i: number) => -1 + (2 * (i + 0.5)) / n;
  const regions = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => {
      const d = centres.map(([x, y]) => (at(c) - x) ** 2 + (at(r) - y) ** 2);
      return d.indexOf(Math.min(...d));
    }),
  );
  return {
    kind: 'decision-regions',
    title: 'Nearest point',
    extent: { x: [-1, 1], y: [-1, 1] },
    classes: ['red', 'green', 'blue'],
    regions,
    points: centres.map(([x, y], k) => ({ x, y, class: k, label: `p${k}` })),
    xLabel: 'x',
    yLabel: 'y',
  };
}

describe('decision regions', () => {
  it('rasterises the grid (row 0 at the bottom) under one symbol per point, with a class legend', async () => {
    const svg = await renderSvg(nearestPoint(60));
    expect(svg.match(/<image\b/g)).toHaveLength(1);
    expect(markItems(svg, 'symbol')).toHaveLength(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(['Nearest point', 'class', 'red', 'green', 'blue', 'p0']));
    const png = embeddedImage(svg);
    const colors = categoricalColors('tableau10');
    const full = (k: number) => [...tint(colors[k]!, 0.5), 255];
    expect(pixelAt(png, 0, png.height - 1)).toEqual(full(0)); // bottom left: nearest (-0.5, -0.5)
    expect(pixelAt(png, png.width - 1, png.height - 1)).toEqual(full(1)); // bottom right
    expect(pixelAt(png, Math.floor(png.width / 2), 0)).toEqual(full(2)); // top middle
  });

  it('pales regions where the confidence is low', async () => {
    const spec = nearestPoint(4);
    const svg = await renderSvg({ ...spec, confidence: spec.regions.map((row) => row.map(() => 0)) });
    const png = embeddedImage(svg);
    const [r, g, b] = pixelAt(png, 0, png.height - 1);
    expect(Math.min(r, g, b)).toBeGreaterThan(200);
  });

  it('refuses a confidence grid of another shape or out of [0, 1]', async () => {
    const spec = nearestPoint(4);
    await expect(renderSvg({ ...spec, confidence: [[1]] })).rejects.toMatchObject({
      code: 'LENGTH_MISMATCH',
      argument: 'spec.confidence',
    });
    await expect(
      renderSvg({ ...spec, confidence: spec.regions.map((row) => row.map(() => 1.5)) }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'spec.confidence[0][0]', value: 1.5 });
  });
});
