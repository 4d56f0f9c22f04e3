/**
 * Errors thrown by nn-core. Every error of this project carries a stable `code` and, where a caller's
 * argument was at fault, the `argument`, the `value` seen and what was `expected`. Errors are
 * recognisable across duplicate installs by the `Symbol.for('chatgpt-explained.error')` marker, so
 * check with {@link NnCoreError.isInstance} rather than `instanceof`.
 */
const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link NnCoreError}. */
export type NnCoreErrorCode =
  /** An argument had a value the function cannot use. */
  | 'INVALID_ARGUMENT'
  /** A backend name is not in the registry. */
  | 'BACKEND_UNKNOWN'
  /** Two adapters were registered under one name. */
  | 'BACKEND_DUPLICATE'
  /** A backend cannot start on this machine (missing package, no adapter, no browser). */
  | 'BACKEND_UNAVAILABLE'
  /** A backend started but computed wrong numbers, or tfjs silently fell back to another one. */
  | 'BACKEND_CHECK_FAILED'
  /** A tensor given to a layer or model has the wrong shape or dtype. */
  | 'SHAPE_MISMATCH'
  /** No weight, layer or capture point has the given name. */
  | 'NAME_UNKNOWN'
  /** A safetensors file or buffer is malformed. */
  | 'FORMAT_INVALID';

/** Structured fields of an error, for programs that react to it. */
export interface NnCoreErrorDetails {
  /** The name of the argument or option at fault. */
  readonly argument?: string;
  /** The value that was seen. */
  readonly value?: unknown;
  /** What would have been accepted. */
  readonly expected?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/** The one error class of nn-core. */
export class NnCoreError extends Error {
  override readonly name = 'NnCoreError';
  readonly code: NnCoreErrorCode;
  readonly argument: string | undefined;
  readonly value: unknown;
  readonly expected: string | undefined;

  constructor(code: NnCoreErrorCode, message: string, details: NnCoreErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    Object.defineProperty(this, ERROR_MARKER, { value: true });
  }

  /** True for an NnCoreError from any copy of this package. */
  static isInstance(error: unknown): error is NnCoreError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
      (error as { name?: unknown }).name === 'NnCoreError'
    );
  }
}
