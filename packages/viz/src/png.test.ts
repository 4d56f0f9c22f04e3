import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FONT_FILE_NAMES, fontFiles } from './font-files';
import { renderPng, svgToPng } from './png';
import * as browser from './png.browser';
import { renderSvg } from './render-svg';
import { FIGURE_KINDS } from './spec';
import { decodePng, pixelAt, type DecodedPng } from './testing/decode-png';
import { SAMPLE_SPECS } from './testing/specs';

/** The `width` and `height` attributes of an SVG from renderSvg. */
function svgSize(svg: string): [number, number] {
  const m = /^<svg[^>]*\bwidth="(\d+)" height="(\d+)"/.exec(svg)!;
  return [Number(m[1]), Number(m[2])];
}

/** Whether any pixel in the rectangle is dark (text). */
function hasInk(png: DecodedPng, x0: number, y0: number, x1: number, y1: number): boolean {
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++)
      if (
        pixelAt(png, x, y)
          .slice(0, 3)
          .every((v) => v < 100)
      )
        return true;
  }
  return false;
}

describe('renderPng', () => {
  it.each(FIGURE_KINDS)('renders a %s as a PNG of the SVG size times the scale', async (kind) => {
    const [w, h] = svgSize(await renderSvg(SAMPLE_SPECS[kind]));
    const png = await renderPng(SAMPLE_SPECS[kind], { scale: 2 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const decoded = decodePng(png);
    expect([decoded.width, decoded.height]).toEqual([w * 2, h * 2]);
  });

  it('draws the text with the shipped font (no system fonts are loaded)', async () => {
    const png = decodePng(await renderPng(SAMPLE_SPECS.bar));
    expect(pixelAt(png, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(hasInk(png, 12, 12, 120, 30)).toBe(true); // the bold title "Letter counts"
    const blank = decodePng(
      await renderPng({ ...SAMPLE_SPECS.bar, title: undefined } as unknown as typeof SAMPLE_SPECS.bar),
    );
    expect(hasInk(blank, 12, 0, 40, 14)).toBe(false);
  });

  it('fits a width, and leaves a transparent background transparent', async () => {
    const png = decodePng(await renderPng(SAMPLE_SPECS.histogram, { width: 300, background: 'transparent' }));
    expect(png.width).toBe(300);
    expect(pixelAt(png, 0, 0)[3]).toBe(0);
  });

  it('refuses bad options, naming them', async () => {
    await expect(renderPng(SAMPLE_SPECS.bar, { scale: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'options.scale',
      value: 0,
    });
    await expect(renderPng(SAMPLE_SPECS.bar, { scale: 2, width: 100 })).rejects.toMatchObject({
      argument: 'options.width',
    });
    await expect(renderPng(SAMPLE_SPECS.bar, { dpi: 300 } as never)).rejects.toMatchObject({
      argument: 'options.dpi',
    });
    await expect(renderPng({ kind: 'bar' } as never)).rejects.toThrow(/^renderPng: spec\.categoryLabel/);
  });

  it('rasterises an SVG string', async () => {
    const png = decodePng(await svgToPng(await renderSvg(SAMPLE_SPECS.scatter), { width: 200 }));
    expect(png.width).toBe(200);
    await expect(svgToPng(42 as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'svg' });
  });

  it('finds the fonts folder next to the sources', () => {
    const files = fontFiles('test');
    expect(files.map((f) => f.split('/').at(-1))).toEqual([...FONT_FILE_NAMES]);
    expect(files.every((f) => existsSync(f))).toBe(true);
  });
});

describe('png.browser', () => {
  it('rejects with UNSUPPORTED_PLATFORM', async () => {
    await expect(browser.renderPng(SAMPLE_SPECS.bar)).rejects.toMatchObject({ code: 'UNSUPPORTED_PLATFORM' });
    await expect(browser.svgToPng('<svg/>')).rejects.toMatchObject({ code: 'UNSUPPORTED_PLATFORM' });
  });
});
