const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link SamplerError}; later features add their own. */
export type SamplerErrorCode =
  /**
   * An argument or option had a value the function cannot use (negative `temperature`, `topP`
   * outside (0, 1], a non-integer `topK`, an id in `previous` outside the vocabulary, an unknown
   * option, …): `argument` names it, `value` is what was seen, `expected` what would do.
   */
  | 'INVALID_ARGUMENT'
  /**
   * The logits cannot be used: empty, not a `Float32Array`, `Float64Array` or array, or holding NaN
   * or ±Infinity (`value` is the bad number, the message gives its index), or a repetition penalty
   * that turns a finite logit into ±Infinity.
   */
  | 'INVALID_LOGITS'
  /** The caller's `rng` returned something other than a number in [0, 1): `value` is what it returned. */
  | 'INVALID_RNG_OUTPUT';

/** Structured fields of an error, for programs that react to it. */
export interface SamplerErrorDetails {
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
 * The one error class of @chatgpt-explained/sampler: a stable `code`, and the `argument`, `value` and
 * `expected` of bad input. Recognisable across duplicate installs through
 * `Symbol.for('chatgpt-explained.error')`: check with {@link SamplerError.isInstance}, not `instanceof`.
 */
export class SamplerError extends Error {
  override readonly name = 'SamplerError';
  readonly code: SamplerErrorCode;
  readonly argument: string | undefined;
  readonly value: unknown;
  readonly expected: string | undefined;

  constructor(code: SamplerErrorCode, message: string, details: SamplerErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    Object.defineProperty(this, ERROR_MARKER, { value: true });
  }

  /** True for a SamplerError from any copy of this package. */
  static isInstance(error: unknown): error is SamplerError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
      (error as { name?: unknown }).name === 'SamplerError'
    );
  }
}
