/**
 * @chatgpt-explained/viz/png (Node only): figures and SVG strings to PNG through resvg (the
 * `@resvg/resvg-js` optional peer dependency), with text in the DejaVu Sans shipped in the package's
 * `fonts/` folder, never a system font. In a browser this entry's functions throw
 * UNSUPPORTED_PLATFORM; draw the SVG from `renderSvg` instead.
 */
import type * as ResvgModule from '@resvg/resvg-js';
import { SpecChecker } from './check';
import { VizError } from './errors';
import { FONT_FAMILY_NAME, fontFiles } from './font-files';
import type { RenderPngOptions } from './png-options';
import { renderSvgFor } from './render-svg';
import type { FigureSpec } from './spec';

export type { RenderPngOptions } from './png-options';

type Resvg = typeof ResvgModule;
let resvg: Promise<Resvg> | undefined;

/** Loads @resvg/resvg-js on first use, with a clear error when it is not installed. */
function loadResvg(operation: string): Promise<Resvg> {
  resvg ??= import('@resvg/resvg-js').catch((cause: unknown) => {
    resvg = undefined;
    throw new VizError(
      'MISSING_DEPENDENCY',
      `${operation}: PNG output needs @resvg/resvg-js; install it next to @chatgpt-explained/viz (${String(cause)})`,
      { argument: '@resvg/resvg-js', value: '@resvg/resvg-js', expected: 'the package installed', cause },
    );
  });
  return resvg;
}

/** Checks PNG options: `scale` or `width`, and `background`. */
function checkOptions(
  operation: string,
  options: RenderPngOptions | undefined,
): { scale: number | undefined; width: number | undefined; background: string } {
  const check = new SpecChecker(operation);
  const opts = options === undefined ? {} : check.object('options', options, ['scale', 'width', 'background']);
  const scale =
    opts.scale === undefined ? undefined : check.number('options.scale', opts.scale, 1, { min: 0.1, max: 16 });
  const width =
    opts.width === undefined
      ? undefined
      : check.number('options.width', opts.width, 0, { min: 1, max: 20_000, integer: true });
  if (scale !== undefined && width !== undefined) {
    check.fail(
      'INVALID_ARGUMENT',
      'options.width',
      width,
      'cannot be given together with options.scale',
      'scale or width',
    );
  }
  return { scale, width, background: check.optionalString('options.background', opts.background) ?? 'white' };
}

/** Rasterises an SVG string with resvg and the shipped fonts. */
async function rasterise(
  svg: string,
  operation: string,
  { scale, width, background }: { scale: number | undefined; width: number | undefined; background: string },
): Promise<Uint8Array> {
  const { renderAsync } = await loadResvg(operation);
  try {
    const image = await renderAsync(svg, {
      font: { fontFiles: fontFiles(operation), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY_NAME },
      fitTo: width !== undefined ? { mode: 'width', value: width } : { mode: 'zoom', value: scale ?? 1 },
      ...(background === 'transparent' ? {} : { background }),
      logLevel: 'off',
    });
    return new Uint8Array(image.asPng());
  } catch (cause) {
    if (VizError.isInstance(cause)) throw cause;
    throw new VizError('RENDER_FAILED', `${operation}: resvg could not rasterise the SVG: ${String(cause)}`, { cause });
  }
}

/**
 * Renders a figure spec to PNG bytes (Node only): `renderSvg`, then resvg with the DejaVu Sans fonts
 * shipped in the package. The PNG is the SVG's size times `scale` (default 1), or `width` pixels
 * wide. Throws a VizError for a bad spec or options, naming the field and the value.
 */
export async function renderPng(spec: FigureSpec, options?: RenderPngOptions): Promise<Uint8Array> {
  const opts = checkOptions('renderPng', options);
  const svg = await renderSvgFor(spec, { background: opts.background }, 'renderPng');
  return rasterise(svg, 'renderPng', opts);
}

/**
 * Rasterises an SVG string (such as one from `renderSvg`) to PNG bytes (Node only), with the
 * package's fonts and no system fonts.
 */
export async function svgToPng(svg: string, options?: RenderPngOptions): Promise<Uint8Array> {
  const opts = checkOptions('svgToPng', options);
  new SpecChecker('svgToPng').string('svg', svg);
  return rasterise(svg, 'svgToPng', opts);
}
