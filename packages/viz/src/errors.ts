const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link VizError}; later features add their own. */
export type VizErrorCode =
  /** An argument had a value the function cannot use. */
  'INVALID_ARGUMENT';

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
