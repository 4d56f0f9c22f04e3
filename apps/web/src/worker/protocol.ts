/**
 * The messages between the page and its compute worker. The page never runs tensor work itself: it
 * sends a task by name with a plain-data input, and gets progress values and one result (or error)
 * back. Figures come back already rendered to SVG, so Vega and tfjs live only in the worker bundle.
 */
import type { BackendRequest } from '@chatgpt-explained/nn-core';

/** Page → worker. */
export type WorkerRequest =
  | { readonly type: 'init'; readonly backend: BackendRequest }
  | { readonly type: 'task'; readonly id: number; readonly task: string; readonly input: unknown }
  | { readonly type: 'cancel'; readonly id: number };

/** An error as it crosses the worker boundary. */
export interface WorkerError {
  readonly name: string;
  readonly message: string;
  /** The package error's code (`INVALID_ARGUMENT`, `ABORTED`, …) when it had one. */
  readonly code?: string | undefined;
}

/** Worker → page. */
export type WorkerReply =
  | { readonly type: 'ready'; readonly backend: string; readonly reason: string }
  | { readonly type: 'init-failed'; readonly error: WorkerError }
  | { readonly type: 'progress'; readonly id: number; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: WorkerError };

/** Turns anything thrown into a {@link WorkerError}. */
export function toWorkerError(error: unknown): WorkerError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined };
  }
  return { name: 'Error', message: String(error) };
}
