const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link EmbeddingsError}; later features add their own. */
export type EmbeddingsErrorCode =
  /** An argument had a value the function cannot use. */
  | 'INVALID_ARGUMENT'
  /** A word that is not in the vocabulary: `value` is the word. */
  | 'UNKNOWN_WORD'
  /** A word-vector file (word2vec binary) is malformed: the message says where, `value` what was found. */
  | 'INVALID_VECTOR_FILE'
  /** A word-similarity file (WordSim-353 CSV) is malformed: the message names the line. */
  | 'INVALID_SIMILARITY_FILE';

/** Structured fields of an error, for programs that react to it. */
export interface EmbeddingsErrorDetails {
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
 * The one error class of @chatgpt-explained/embeddings: a stable `code`, and the `argument`, `value` and
 * `expected` of bad input. Recognisable across duplicate installs through
 * `Symbol.for('chatgpt-explained.error')`: check with {@link EmbeddingsError.isInstance}, not `instanceof`.
 */
export class EmbeddingsError extends Error {
  override readonly name = 'EmbeddingsError';
  readonly code: EmbeddingsErrorCode;
  readonly argument: string | undefined;
  readonly value: unknown;
  readonly expected: string | undefined;

  constructor(code: EmbeddingsErrorCode, message: string, details: EmbeddingsErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    Object.defineProperty(this, ERROR_MARKER, { value: true });
  }

  /** True for a EmbeddingsError from any copy of this package. */
  static isInstance(error: unknown): error is EmbeddingsError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
      (error as { name?: unknown }).name === 'EmbeddingsError'
    );
  }
}
