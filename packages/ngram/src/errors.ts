const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link NgramError}; later features add their own. */
export type NgramErrorCode =
  /** An argument had a value the function cannot use: `argument` names it, `value` is what was seen. */
  | 'INVALID_ARGUMENT'
  /** `add` or `end` was called on a counter that had already ended (`end()` was called). */
  | 'COUNTER_ENDED'
  /**
   * The counts hold nothing to work from: generation or a model was asked of counts with no n-gram
   * of the order it needs (an empty text, or one shorter than the order).
   */
  | 'EMPTY_COUNTS'
  /**
   * Generation was asked to start from a context (such as the word "cat") that the counts never
   * saw followed by anything: `value` is the context.
   */
  | 'UNKNOWN_CONTEXT';

/** Structured fields of an error, for programs that react to it. */
export interface NgramErrorDetails {
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
 * The one error class of @chatgpt-explained/ngram: a stable `code`, and the `argument`, `value` and
 * `expected` of bad input. Recognisable across duplicate installs through
 * `Symbol.for('chatgpt-explained.error')`: check with {@link NgramError.isInstance}, not `instanceof`.
 */
export class NgramError extends Error {
  override readonly name = 'NgramError';
  readonly code: NgramErrorCode;
  readonly argument: string | undefined;
  readonly value: unknown;
  readonly expected: string | undefined;

  constructor(code: NgramErrorCode, message: string, details: NgramErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    Object.defineProperty(this, ERROR_MARKER, { value: true });
  }

  /** True for a NgramError from any copy of this package. */
  static isInstance(error: unknown): error is NgramError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
      (error as { name?: unknown }).name === 'NgramError'
    );
  }
}
