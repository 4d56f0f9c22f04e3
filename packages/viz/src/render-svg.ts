import { parse, View } from 'vega';
import { SpecChecker } from './check';
import { VizError } from './errors';
import { offlineLoader } from './loader';
import { quietLogger } from './quiet-logger';
import type { FigureSpec } from './spec';
import { VEGA_CONFIG } from './theme';
import { buildVegaSpec } from './to-vega';

/** Options of {@link renderSvg}. */
export interface RenderSvgOptions {
  /** CSS colour behind the figure, or `'transparent'`. Default: `'white'`. */
  readonly background?: string;
}

/**
 * Renders a figure spec to a standalone SVG document (a string), with Vega running headless: no DOM,
 * no canvas, no network and no files, the same code in Node and the browser. Heatmaps and decision
 * regions carry their grid as one embedded PNG image. Text uses `DejaVu Sans, sans-serif`.
 * Throws a VizError for a bad spec, naming the field and the value.
 */
export async function renderSvg(spec: FigureSpec, options?: RenderSvgOptions): Promise<string> {
  return renderSvgFor(spec, options, 'renderSvg');
}

/** {@link renderSvg} with `operation` naming the caller in error messages. */
export async function renderSvgFor(
  spec: FigureSpec,
  options: RenderSvgOptions | undefined,
  operation: string,
): Promise<string> {
  const check = new SpecChecker(operation);
  const opts = options === undefined ? {} : check.object('options', options, ['background']);
  const background = check.optionalString('options.background', opts.background) ?? 'white';
  const vegaSpec = buildVegaSpec(spec, operation);
  const { logger, errors } = quietLogger();
  let view: View | undefined;
  let svg: string;
  try {
    // Vega draws no background rect for a null background.
    const withBackground = { ...vegaSpec, background: background === 'transparent' ? null : background };
    view = new View(parse(withBackground as typeof vegaSpec, VEGA_CONFIG), {
      renderer: 'none',
      loader: offlineLoader(operation),
      logger,
    });
    svg = await view.toSVG();
  } catch (cause) {
    throw VizError.isInstance(cause)
      ? cause
      : new VizError('RENDER_FAILED', `${operation}: Vega could not render the figure: ${String(cause)}`, { cause });
  } finally {
    view?.finalize();
  }
  if (errors.length > 0) {
    throw new VizError('RENDER_FAILED', `${operation}: Vega reported ${String(errors[0])}`, { cause: errors[0] });
  }
  // In a browser Vega writes gradient references as url(<page address>#id); keep the SVG standalone.
  return svg.replace(/url\([^)#]*#/g, 'url(#');
}
