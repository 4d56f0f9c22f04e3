const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link VizError}; later features add their own. */
export type VizErrorCode =
  /**
   * An argument or spec field had a value the function cannot use: a wrong type, an unknown option
   * (misspelt options are refused, never ignored), an unknown colour scheme, a duplicate category.
   */
  | 'INVALID_ARGUMENT'
  /** `spec.kind` is not one of the figure kinds: `value` is what was given, `expected` the list. */
  | 'UNKNOWN_KIND'
  /** A data array the figure needs is empty (no series, no bars, no points, a 0×0 matrix). */
  | 'EMPTY_DATA'
  /** A data value is NaN, ±Infinity or not a number: `argument` is its path (`spec.series[1].y[17]`). */
  | 'NON_FINITE_VALUE'
  /** The rows of a matrix (heatmap values, decision-region grid) do not all have the same length. */
  | 'RAGGED_MATRIX'
  /** Two arrays that must match in length do not (a series' `x` and `y`, bar values and categories). */
  | 'LENGTH_MISMATCH'
  /** A value on a log scale (axis or colour) is zero or negative: `argument` is its path. */
  | 'NOT_POSITIVE_ON_LOG_SCALE'
  /** The function needs Node (`renderPng` from `@chatgpt-explained/viz/png`) and was called elsewhere. */
  | 'UNSUPPORTED_PLATFORM'
  /** An optional peer dependency is not installed: `value` names it (`@resvg/resvg-js` for PNG). */
  | 'MISSING_DEPENDENCY'
  /** The TTF files shipped in the package's `fonts/` folder could not be found: `value` lists the paths tried. */
  | 'FONT_NOT_FOUND'
  /** Vega or the rasteriser failed on a spec that passed validation: `cause` holds their error. */
  | 'RENDER_FAILED';

/** Structured fields of an error, for programs that react to it. */
export interface VizErrorDetails {
  /** The name of the argument or option at fault. */
  readonly argument?: string;
  /** The value that was seen. */
  readonly value?: unknown;
  /** What would have been accepted. */
  readonly expected?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * The one error class of @chatgpt-explained/viz: a stable `code`, and the `argument`, `value` and
 * `expected` of bad input. Recognisable across duplicate installs through
 * `Symbol.for('chatgpt-explained.error')`: check with {@link VizError.isInstance}, not `instanceof`.
 */
export class VizError extends Error {
  override readonly name = 'VizError';
  readonly code: VizErrorCode;
  readonly argument: string | undefined;
  readonly value: unknown;
  readonly expected: string | undefined;

  constructor(code: VizErrorCode, message: string, details: VizErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    Object.defineProperty(this, ERROR_MARKER, { value: true });
  }

  /** True for a VizError from any copy of this package. */
  static isInstance(error: unknown): error is VizError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
      (error as { name?: unknown }).name === 'VizError'
    );
  }
}
