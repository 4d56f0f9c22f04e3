/**
 * Bad command-line input: an unknown command or flag, or a value the command cannot use. The CLI
 * prints its message as one line and exits with code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const ERROR_MARKER = Symbol.for('chatgpt-explained.error');

/** The fields every error of the library packages carries (see their `*Error` classes). */
export interface LibraryError {
  readonly name: string;
  readonly message: string;
  readonly code: string;
  readonly argument?: string;
  readonly value?: unknown;
}

/** True for an error thrown by any @chatgpt-explained library package, from any copy of it. */
export function isLibraryError(error: unknown): error is LibraryError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[ERROR_MARKER] === true;
}
