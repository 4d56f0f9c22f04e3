const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** Stable codes of {@link Gpt2Error}; later features add their own. */
export type Gpt2ErrorCode =
  /** An argument had a value the function cannot use. */
  | 'INVALID_ARGUMENT'
  /** A model config (ours or a Hugging Face `config.json`) is invalid or not supported. */
  | 'INVALID_CONFIG'
  /** A checkpoint file or one of its tensors is malformed, truncated or does not fit the config. */
  | 'CHECKPOINT_INVALID'
  /** A file the checkpoint needs is missing. */
  | 'CHECKPOINT_MISSING'
  /** A download failed (HTTP status, size or hash mismatch, network error). */
  | 'DOWNLOAD_FAILED'
  /** Offline mode asked for a model that is not in the cache. */
  | 'OFFLINE'
  /** The operation was cancelled through its `AbortSignal`. */
  | 'ABORTED'
  /** The active compute backend cannot hold one of the model's tensors (a WebGPU binding limit). */
  | 'BACKEND_LIMIT';

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
  /** The file at fault (checkpoint and download errors). */
  readonly file?: string;
  /** The tensor at fault (checkpoint errors). */
  readonly tensor?: string;
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
  readonly file: string | undefined;
  readonly tensor: string | undefined;

  constructor(code: Gpt2ErrorCode, message: string, details: Gpt2ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.value = details.value;
    this.expected = details.expected;
    this.file = details.file;
    this.tensor = details.tensor;
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
