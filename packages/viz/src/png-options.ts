/** Options of `renderPng` and `svgToPng` (from `@chatgpt-explained/viz/png`). */
export interface RenderPngOptions {
  /** Pixels per SVG pixel: 2 for crisp images on high-density screens. Default: 1. Not with `width`. */
  readonly scale?: number;
  /** Width of the PNG in pixels, the height following the figure's aspect. Default: the figure's own width times `scale`. */
  readonly width?: number;
  /** CSS colour behind the figure, or `'transparent'`. Default: `'white'`. */
  readonly background?: string;
}
