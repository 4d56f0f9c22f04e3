const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link TrainerError}; later features add their own. */
export type TrainerErrorCode =
  /** An argument had a value the function cannot use. */
  'INVALID_ARGUMENT';

/** Structured fields of an error, for programs that react to it. */
export interface TrainerErrorDetails {
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
 * The one error class of @chatgpt-explained/trainer: a stable `code`, and the `argument`, `value` and
 * `expected` of bad input. Recognisable across duplicate installs through
 * `Symbol.for('chatgpt-explained.error')`: check with {@link TrainerError.isInstance}, not `instanceof`.
 */
export class TrainerError extends Error {
  override readonly name = 'TrainerError';
  readonly code: TrainerErrorCode;
  readonly argument: string | undefined;
  readonly value: unknown;
  readonly expected: string | undefined;

  constructor(code: TrainerErrorCode, message: string, details: TrainerErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    Object.defineProperty(this, ERROR_MARKER, { value: true });
  }

  /** True for a TrainerError from any copy of this package. */
  static isInstance(error: unknown): error is TrainerError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
      (error as { name?: unknown }).name === 'TrainerError'
    );
  }
}
