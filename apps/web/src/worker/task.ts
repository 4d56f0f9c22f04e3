import type { Gpt2 } from '@chatgpt-explained/gpt2';
import type { ComputeContext } from '@chatgpt-explained/nn-core';

/** What every task receives besides its input. */
export interface TaskContext {
  /** Fires when the page cancels the task (or starts a newer one of the same widget). */
  readonly signal: AbortSignal;
  /** Sends a progress value to the page (any structured-cloneable data: a loss, a figure's SVG…). */
  progress(value: unknown): void;
  /** The active backend's name (`wasm`, `webgpu`, …). */
  readonly backend: string;
  /** The compute context the worker started (what the essay's experiments take as `compute`). */
  readonly compute: ComputeContext;
  /** The app's own files (models, corpus), fetched once per worker and kept. */
  readonly files: AppFiles;
  /**
   * Values kept for the worker's life under a key (a loaded model, an n-gram table): `make` runs once
   * per key; a failed `make` is not kept. Tensors kept here are never disposed (they live as long as
   * the page), so keep only models.
   */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Drops the value kept under `key` and returns it (to dispose), or undefined when none is kept. */
  forget<T>(key: string): Promise<T> | undefined;
}

/** The app's own files, by path under the site root (`data/models/corpus-gpt2/config.json`). */
export interface AppFiles {
  bytes(path: string): Promise<Uint8Array>;
  text(path: string): Promise<string>;
}

/**
 * One task the worker runs: input and output are plain data (structured-cloneable). Progress values
 * are typed by `P`.
 */
export interface Task<I, O, P = never> {
  run(input: I, ctx: TaskContext): Promise<O>;
  /** Phantom, for the page's types only. */
  readonly progressType?: P;
}

/** Declares a task with its types. */
export function task<I, O, P = never>(run: (input: I, ctx: TaskContext) => Promise<O>): Task<I, O, P> {
  return { run };
}

/** A GPT-2 the worker keeps loaded, with where it came from. */
export interface LoadedGpt {
  readonly gpt: Gpt2;
  readonly label: string;
}
