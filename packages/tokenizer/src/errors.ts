const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link TokenizerError}; later features add their own. */
export type TokenizerErrorCode =
  /** An argument had a value the function cannot use. */
  | 'INVALID_ARGUMENT'
  /**
   * A Hugging Face `vocab.json` or `merges.txt` is malformed: `argument` names the file, the message
   * the key or line, `value` what was found there.
   */
  | 'INVALID_VOCAB_FILE'
  /** A vocabulary (tokens, merges or special tokens) is inconsistent. */
  | 'INVALID_VOCABULARY'
  /** `decode` was given an id that is not a token of the encoding. */
  | 'INVALID_TOKEN'
  /** The text holds a special token such as `<|endoftext|>` that the call did not allow. */
  | 'SPECIAL_TOKEN_NOT_ALLOWED'
  /** `getEncoding` was asked for an encoding it does not know. */
  | 'UNKNOWN_ENCODING'
  /**
   * A character or word tokenizer met a symbol that is not in its vocabulary and has no unknown
   * token: `value` is the symbol, the message says where in the text it is.
   */
  | 'UNKNOWN_SYMBOL';

/** Structured fields of an error, for programs that react to it. */
export interface TokenizerErrorDetails {
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
 * The one error class of @chatgpt-explained/tokenizer: a stable `code`, and the `argument`, `value` and
 * `expected` of bad input. Recognisable across duplicate installs through
 * `Symbol.for('chatgpt-explained.error')`: check with {@link TokenizerError.isInstance}, not `instanceof`.
 */
export class TokenizerError extends Error {
  override readonly name = 'TokenizerError';
  readonly code: TokenizerErrorCode;
  readonly argument: string | undefined;
  readonly value: unknown;
  readonly expected: string | undefined;

  constructor(code: TokenizerErrorCode, message: string, details: TokenizerErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    Object.defineProperty(this, ERROR_MARKER, { value: true });
  }

  /** True for a TokenizerError from any copy of this package. */
  static isInstance(error: unknown): error is TokenizerError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
      (error as { name?: unknown }).name === 'TokenizerError'
    );
  }
}
