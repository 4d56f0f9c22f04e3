const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link Gpt2Error}; later features add their own. */
export type Gpt2ErrorCode =
  /** An argument had a value the function cannot use. */
  'INVALID_ARGUMENT';

/** Structured fields of an error, for programs that react to it. */
export interface Gpt2ErrorDetails {
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
 * The one error class of @chatgpt-explained/gpt2: a stable `code`, and the `argument`, `value` and
 * `expected` of bad input. Recognisable across duplicate installs through
 * `Symbol.for('chatgpt-explained.error')`: check with {@link Gpt2Error.isInstance}, not `instanceof`.
 */
export class Gpt2Error extends Error {
  override readonly name = 'Gpt2Error';
  readonly code: Gpt2ErrorCode;
  readonly argument: string | undefined;
  readonly value: unknown;
  readonly expected: string | undefined;

  constructor(code: Gpt2ErrorCode, message: string, details: Gpt2ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    Object.defineProperty(this, ERROR_MARKER, { value: true });
  }

  /** True for a Gpt2Error from any copy of this package. */
  static isInstance(error: unknown): error is Gpt2Error {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
      (error as { name?: unknown }).name === 'Gpt2Error'
    );
  }
}
