/**
 * Figure specs: plain, JSON-serialisable data describing one picture. The `essay` package returns
 * them, apps render them with `renderSvg` (anywhere) or `renderPng` (Node). Every spec has a `kind`,
 * its data, an optional `title` and `subtitle`, axis labels, and options with documented defaults.
 * Unknown fields are refused, never ignored.
 */

/** The figure kinds, one per spec type. */
export const FIGURE_KINDS = ['bar', 'heatmap', 'line', 'scatter', 'decision-regions', 'histogram'] as const;

/** A figure kind: the `kind` field of a {@link FigureSpec}. */
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** Scale of a continuous axis: `'log'` needs every value on that axis to be positive. */
export type AxisScale = 'linear' | 'log';

/** Sequential colour schemes (Vega's names): low values at the first colour. */
export const SEQUENTIAL_SCHEMES = [
  'viridis',
  'magma',
  'inferno',
  'plasma',
  'cividis',
  'blues',
  'greens',
  'greys',
  'oranges',
  'purples',
  'reds',
] as const;

/** Diverging colour schemes (Vega's names): their default domain is symmetric around 0. */
export const DIVERGING_SCHEMES = ['blueorange', 'redblue', 'purplegreen'] as const;

/** A colour scheme for heatmaps: one of {@link SEQUENTIAL_SCHEMES} or {@link DIVERGING_SCHEMES}. */
export type ColorScheme = (typeof SEQUENTIAL_SCHEMES)[number] | (typeof DIVERGING_SCHEMES)[number];

/** Fields every spec may have. */
export interface SpecBase {
  /** Title above the plot. Default: none. */
  readonly title?: string;
  /** Smaller second line under the title. Default: none. */
  readonly subtitle?: string;
  /** Width of the plot area in pixels, axes and legend not included. Default depends on the kind (480 for most). */
  readonly width?: number;
  /** Height of the plot area in pixels. Default depends on the kind (300 for most). */
  readonly height?: number;
}

/** One series of a bar chart: a value for each category. */
export interface BarSeries {
  /** Name shown in the legend (a legend appears when there are two or more series). */
  readonly name: string;
  /** One finite value per category, in the order of `categories`. */
  readonly values: readonly number[];
}

/** Bars, one per category and series; several series are grouped side by side with a colour legend. */
export interface BarChartSpec extends SpecBase {
  readonly kind: 'bar';
  /** The category names, in the order drawn; no duplicates. */
  readonly categories: readonly string[];
  /** At least one series, each with a value per category. */
  readonly series: readonly BarSeries[];
  /** Title of the category axis. */
  readonly categoryLabel: string;
  /** Title of the value axis. */
  readonly valueLabel: string;
  /** Draw bars horizontally (categories down the left side). Default: false. */
  readonly horizontal?: boolean;
  /** d3-format string for value-axis labels, such as `'.0%'` or `',d'`. Default: Vega's. */
  readonly valueFormat?: string;
  /** Title of the series legend. Default: `'series'`. */
  readonly legendTitle?: string;
}

/** One curve of a line chart, as two columns of equal length. */
export interface LineSeries {
  /** Name shown in the legend (a legend appears when there are two or more series). */
  readonly name: string;
  /** x values; on a log x axis all positive. */
  readonly x: readonly number[];
  /** y values, one per x; on a log y axis all positive. */
  readonly y: readonly number[];
  /** `'line'` (default), `'points'` (markers only, for data), or `'line+points'`. */
  readonly style?: 'line' | 'points' | 'line+points';
}

/** Curves over a continuous x axis; log-log plots with `xScale: 'log'` and `yScale: 'log'`. */
export interface LineChartSpec extends SpecBase {
  readonly kind: 'line';
  /** At least one series. */
  readonly series: readonly LineSeries[];
  /** Title of the x axis. */
  readonly xLabel: string;
  /** Title of the y axis. */
  readonly yLabel: string;
  /** Default: `'linear'`. A log axis has its ticks at powers of ten. */
  readonly xScale?: AxisScale;
  /** Default: `'linear'`. A log axis has its ticks at powers of ten. */
  readonly yScale?: AxisScale;
  /** Fixed x domain `[min, max]`. Default: the data's extent. */
  readonly xDomain?: readonly [number, number];
  /** Fixed y domain `[min, max]`. Default: the data's extent (with 0 on a linear axis when near). */
  readonly yDomain?: readonly [number, number];
  /** Title of the series legend. Default: `'series'`. */
  readonly legendTitle?: string;
}

/** One point of a scatter plot. */
export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  /** Text drawn beside the point. Default: none. */
  readonly label?: string;
  /** Group the point belongs to: colours the point, listed in the legend. Default: none. */
  readonly group?: string;
}

/** Points in the plane, optionally labelled (words of an embedding) and coloured by group. */
export interface ScatterSpec extends SpecBase {
  readonly kind: 'scatter';
  /** At least one point. */
  readonly points: readonly ScatterPoint[];
  /** Title of the x axis. */
  readonly xLabel: string;
  /** Title of the y axis. */
  readonly yLabel: string;
  /** Title of the group legend (shown when any point has a `group`). Default: `'group'`. */
  readonly legendTitle?: string;
}

/** How a heatmap's values map to colours; the legend shows this scale. */
export interface HeatmapColor {
  /** Default: `'viridis'`. */
  readonly scheme?: ColorScheme;
  /** `'linear'` (default), `'sqrt'`, or `'log'` (every non-null value positive). */
  readonly type?: 'linear' | 'sqrt' | 'log';
  /** Values mapped to the two ends of the scheme; values outside are clamped. Default: the data's extent, symmetric around 0 for a diverging scheme. */
  readonly domain?: readonly [number, number];
  /** Run the scheme backwards. Default: false. */
  readonly reverse?: boolean;
  /** Title of the colour legend. Default: `'value'`. */
  readonly label?: string;
  /**
   * Two end colours `['#rrggbb', '#rrggbb']` instead of a scheme, blended in RGB between them;
   * `['#ffffff', '#000000']` draws 0/1 cells pure white and black. Not with `scheme`. Default: none.
   */
  readonly range?: readonly [string, string];
  /** Draw the colour legend (leave it out for a picture whose colours explain themselves). Default: true. */
  readonly legend?: boolean;
}

/** A path drawn over a heatmap with an `extent`, such as gradient descent on a loss landscape. */
export interface HeatmapPath {
  /** Text written beside the path's last point. Default: none. */
  readonly label?: string;
  /** Points `[x, y]` in the extent's coordinates, in order. */
  readonly points: readonly (readonly [number, number])[];
}

/**
 * A matrix as a colour image with a colour legend. The matrix is rasterised into one PNG (never one
 * element per cell), so 768×768 and larger stay small; sides over `maxRasterSide` are averaged down.
 */
export interface HeatmapSpec extends SpecBase {
  readonly kind: 'heatmap';
  /**
   * `values[row][column]`, all rows the same length; `null` marks a missing cell (drawn light grey).
   * Without `extent`, row 0 is drawn at the top (a matrix); with `extent`, row 0 is at the bottom
   * (`y` increases upwards, as for a function sampled over a plane).
   */
  readonly values: readonly (readonly (number | null)[])[];
  /** Title of the x (column) axis. Default: `'column'`. */
  readonly xLabel?: string;
  /** Title of the y (row) axis. Default: `'row'`. */
  readonly yLabel?: string;
  /** One label per column (letters, tokens) instead of column numbers. Not with `extent`. */
  readonly columnLabels?: readonly string[];
  /** One label per row instead of row numbers. Not with `extent`. */
  readonly rowLabels?: readonly string[];
  /** The matrix covers this rectangle of the plane: the axes show these coordinates. Default: cell indices. */
  readonly extent?: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  /** The colour scale and its legend. */
  readonly color?: HeatmapColor;
  /** Paths drawn over the image in the extent's coordinates (needs `extent`). Default: none. */
  readonly paths?: readonly HeatmapPath[];
  /** Largest side of the raster in pixels; a bigger matrix is averaged down in blocks. Default: 1024. */
  readonly maxRasterSide?: number;
}

/** A training point drawn over decision regions. */
export interface LabelledPoint {
  readonly x: number;
  readonly y: number;
  /** Index into `classes`. */
  readonly class: number;
  /** Text drawn beside the point. Default: none. */
  readonly label?: string;
}

/**
 * A classifier's answer over a rectangle of the plane, as filled regions (one colour per class),
 * rasterised into one image, with training points on top and a legend of the classes.
 */
export interface DecisionRegionsSpec extends SpecBase {
  readonly kind: 'decision-regions';
  /** The rectangle the grid covers. */
  readonly extent: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  /** Class names, at most 20; index `i` is class `i`. */
  readonly classes: readonly string[];
  /**
   * `regions[row][column]`: the class index at each grid cell. Row 0 is at the bottom (lowest y),
   * column 0 at the left; each cell covers an equal part of `extent`.
   */
  readonly regions: readonly (readonly number[])[];
  /** Optional `[row][column]` confidence in [0, 1], same shape as `regions`: less sure is paler. */
  readonly confidence?: readonly (readonly number[])[];
  /** Points drawn on top, coloured by class. Default: none. */
  readonly points?: readonly LabelledPoint[];
  /** Title of the x axis. */
  readonly xLabel: string;
  /** Title of the y axis. */
  readonly yLabel: string;
  /** Title of the class legend. Default: `'class'`. */
  readonly legendTitle?: string;
}

/** One sample of values to bin. */
export interface HistogramSeries {
  /** Name shown in the legend (a legend appears when there are two or more series). */
  readonly name: string;
  /** The raw values; binned by the package, so millions are fine. */
  readonly values: readonly number[];
}

/** Counts of values in equal-width bins; several series are overlaid translucently. */
export interface HistogramSpec extends SpecBase {
  readonly kind: 'histogram';
  /** At least one series with at least one value. */
  readonly series: readonly HistogramSeries[];
  /** Title of the x (value) axis. */
  readonly xLabel: string;
  /** Title of the y axis. Default: `'count'`, `'fraction'` or `'density'` to match `normalize`. */
  readonly yLabel?: string;
  /** Number of equal-width bins, 1 to 1000. Default: 30. */
  readonly bins?: number;
  /** Range binned, `[min, max]`; values outside are left out. Default: the extent of all series. */
  readonly domain?: readonly [number, number];
  /** `'count'` (default), `'fraction'` of the series' values, or probability `'density'` (area 1). */
  readonly normalize?: 'count' | 'fraction' | 'density';
  /** Title of the series legend. Default: `'series'`. */
  readonly legendTitle?: string;
}

/** Any figure: the input of `renderSvg`, `renderPng` and `toVegaSpec`. */
export type FigureSpec = BarChartSpec | HeatmapSpec | LineChartSpec | ScatterSpec | DecisionRegionsSpec | HistogramSpec;
