const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link TrainerError}. */
export type TrainerErrorCode =
  /** An argument had a value the function cannot use. */
  | 'INVALID_ARGUMENT'
  /** Tensors given to a loss, dataset or optimizer have shapes or dtypes that do not fit together. */
  | 'SHAPE_MISMATCH'
  /** The training loss became NaN or ±Infinity; `value` is the step (1-based) where it happened. */
  | 'LOSS_NOT_FINITE'
  /** `resume: true` was asked for, but the checkpoint store holds no checkpoint of that name. */
  | 'CHECKPOINT_NOT_FOUND'
  /** A checkpoint's bytes are not a trainer checkpoint, or hold tensors the model or optimizer lacks. */
  | 'CHECKPOINT_INVALID'
  /** A checkpoint was written by a run with another seed, batch size, dataset size or optimizer. */
  | 'CHECKPOINT_MISMATCH'
  /** Writing a checkpoint failed; the previous checkpoint of that name is left as it was. */
  | 'CHECKPOINT_WRITE_FAILED'
  /**
   * A data file is malformed: wrong magic number, a size that disagrees with its header, truncation,
   * trailing bytes, out-of-range labels, corrupt gzip. `argument` names the file, `value` what was seen.
   */
  | 'INVALID_DATA';

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
