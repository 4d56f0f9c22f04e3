const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link EssayError}; later features add their own. */
export type EssayErrorCode =
  /** An argument had a value the function cannot use. */
  | 'INVALID_ARGUMENT'
  /** Training was asked to use held-out test data (e.g. MNIST's test images); `value` names what was seen. */
  | 'TEST_DATA_REFUSED';

/** Structured fields of an error, for programs that react to it. */
export interface EssayErrorDetails {
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
 * The one error class of @chatgpt-explained/essay: a stable `code`, and the `argument`, `value` and
 * `expected` of bad input. Recognisable across duplicate installs through
 * `Symbol.for('chatgpt-explained.error')`: check with {@link EssayError.isInstance}, not `instanceof`.
 */
export class EssayError extends Error {
  override readonly name = 'EssayError';
  readonly code: EssayErrorCode;
  readonly argument: string | undefined;
  readonly value: unknown;
  readonly expected: string | undefined;

  constructor(code: EssayErrorCode, message: string, details: EssayErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    Object.defineProperty(this, ERROR_MARKER, { value: true });
  }

  /** True for a EssayError from any copy of this package. */
  static isInstance(error: unknown): error is EssayError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
      (error as { name?: unknown }).name === 'EssayError'
    );
  }
}
