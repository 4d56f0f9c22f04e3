/**
 * @chatgpt-explained/viz/png in a browser: PNG output needs Node (resvg and the font files), so
 * these functions throw UNSUPPORTED_PLATFORM. Draw the SVG from `renderSvg` instead.
 */
import { VizError } from './errors';
import type { RenderPngOptions } from './png-options';
import type { FigureSpec } from './spec';

export type { RenderPngOptions } from './png-options';

function unsupported(operation: string): Promise<never> {
  return Promise.reject(
    new VizError(
      'UNSUPPORTED_PLATFORM',
      `${operation}: @chatgpt-explained/viz/png runs only in Node; in a browser use renderSvg and draw the SVG`,
      { expected: 'Node' },
    ),
  );
}

/** Node only: in a browser it rejects with UNSUPPORTED_PLATFORM. */
export function renderPng(_spec: FigureSpec, _options?: RenderPngOptions): Promise<Uint8Array> {
  return unsupported('renderPng');
}

/** Node only: in a browser it rejects with UNSUPPORTED_PLATFORM. */
export function svgToPng(_svg: string, _options?: RenderPngOptions): Promise<Uint8Array> {
  return unsupported('svgToPng');
}
