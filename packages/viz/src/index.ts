/**
 * @chatgpt-explained/viz: the essay's pictures (bars, heatmaps, curves, scatters, decision regions) as SVG and PNG, in Node and the browser.
 */
export { VizError, type VizErrorCode, type VizErrorDetails } from './errors';
