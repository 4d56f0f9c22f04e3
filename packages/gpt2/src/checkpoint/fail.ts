import { Gpt2Error, type Gpt2ErrorCode } from '../errors';

/** Details of a checkpoint error beyond its file. */
export interface CheckpointErrorDetails {
  /** The tensor at fault, as the file names it. */
  readonly tensor?: string;
  /** What was seen. */
  readonly value?: unknown;
  /** What would have been accepted. */
  readonly expected?: string;
  /** The underlying error. */
  readonly cause?: unknown;
  /** The field at fault, when there is one. */
  readonly argument?: string;
}

/**
 * A `Gpt2Error` about one file of a checkpoint: the message reads `loadCheckpoint: <file>: …` (the
 * caller's message names the tensor when there is one), `file` and `tensor` are set.
 */
export function checkpointError(
  code: Gpt2ErrorCode,
  file: string,
  message: string,
  details: CheckpointErrorDetails = {},
): Gpt2Error {
  return new Gpt2Error(code, `loadCheckpoint: ${file}: ${message}`, {
    file,
    ...(details.tensor === undefined ? {} : { tensor: details.tensor }),
    ...('value' in details ? { value: details.value } : {}),
    ...(details.expected === undefined ? {} : { expected: details.expected }),
    ...(details.cause === undefined ? {} : { cause: details.cause }),
    ...(details.argument === undefined ? {} : { argument: details.argument }),
  });
}
