/**
 * @chatgpt-explained/viz: the essay's pictures (bars, heatmaps, curves, scatters, decision regions,
 * histograms) as plain-data figure specs rendered to SVG by Vega, the same code in Node and the
 * browser. PNG in Node: `@chatgpt-explained/viz/png`.
 */
export { VizError, type VizErrorCode, type VizErrorDetails } from './errors';
export {
  FIGURE_KINDS,
  SEQUENTIAL_SCHEMES,
  DIVERGING_SCHEMES,
  type FigureKind,
  type FigureSpec,
  type SpecBase,
  type AxisScale,
  type ColorScheme,
  type BarChartSpec,
  type BarSeries,
  type LineChartSpec,
  type LineSeries,
  type ScatterSpec,
  type ScatterPoint,
  type HeatmapSpec,
  type HeatmapColor,
  type HeatmapPath,
  type DecisionRegionsSpec,
  type LabelledPoint,
  type HistogramSpec,
  type HistogramSeries,
} from './spec';
export { renderSvg, type RenderSvgOptions } from './render-svg';
export { toVegaSpec } from './to-vega';
