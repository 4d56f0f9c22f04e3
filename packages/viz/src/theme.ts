/**
 * The look shared by every figure: the font (DejaVu Sans, shipped in the package's `fonts/` folder so
 * PNG text never depends on a system font), type sizes of at least 11 px, colours and paddings.
 */

/** CSS font family of every text in the SVG; the PNG renderer loads the shipped DejaVu Sans. */
export const FONT_FAMILY = 'DejaVu Sans, sans-serif';

/** Categorical colours of series, groups and classes (Vega's `tableau10`, then `category20` for more). */
export const CATEGORY_SCHEME = 'tableau10';

/** Light grey of missing (`null`) heatmap cells. */
export const MISSING_COLOR: readonly [number, number, number] = [232, 232, 232];

const title = {
  font: FONT_FAMILY,
  subtitleFont: FONT_FAMILY,
  fontSize: 15,
  subtitleFontSize: 12,
  fontWeight: 'bold',
  color: '#111111',
  subtitleColor: '#555555',
  anchor: 'start',
  offset: 12,
  subtitlePadding: 4,
} as const;

const axis = {
  labelFont: FONT_FAMILY,
  titleFont: FONT_FAMILY,
  labelFontSize: 11,
  titleFontSize: 12,
  titleFontWeight: 'bold',
  labelColor: '#333333',
  titleColor: '#222222',
  domainColor: '#666666',
  tickColor: '#666666',
  gridColor: '#e6e6e6',
  titlePadding: 8,
  labelPadding: 3,
} as const;

const legend = {
  labelFont: FONT_FAMILY,
  titleFont: FONT_FAMILY,
  labelFontSize: 11,
  titleFontSize: 12,
  titleFontWeight: 'bold',
  labelColor: '#333333',
  titleColor: '#222222',
  titlePadding: 6,
  labelLimit: 220,
} as const;

/** Vega config of every figure (raw Vega specs). */
export const VEGA_CONFIG = {
  title,
  axis,
  legend,
  text: { font: FONT_FAMILY, fontSize: 11, fill: '#222222' },
} as const;

/** Vega-Lite config of every figure compiled from Vega-Lite: the same look. */
export const VEGA_LITE_CONFIG = {
  font: FONT_FAMILY,
  title,
  axis,
  legend,
  text: { font: FONT_FAMILY, fontSize: 11 },
  view: { stroke: '#cccccc' },
  range: { category: { scheme: CATEGORY_SCHEME } },
} as const;

/** Outer padding of every figure, in pixels. */
export const PADDING = 12;

/** The `title` of a Vega or Vega-Lite spec, or `undefined` when there is neither title nor subtitle. */
export function titleOf(
  text: string | undefined,
  subtitle: string | undefined,
): { text: string; subtitle?: string } | undefined {
  if (text === undefined && subtitle === undefined) return undefined;
  return subtitle === undefined ? { text: text ?? '' } : { text: text ?? '', subtitle };
}
