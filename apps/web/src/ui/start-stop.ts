/**
 * The Start and Stop buttons of a widget that trains on request: Start runs the work with a fresh
 * AbortSignal (Start disabled, Stop enabled while it runs), Stop aborts it, and the buttons come back
 * however the run ended.
 */
import { isAborted } from '../worker/client';

/** Options of {@link startStop}. */
export interface StartStopOptions {
  readonly start: HTMLButtonElement;
  readonly stop: HTMLButtonElement;
  /** One run; it rejects (with any error) once the signal fires. */
  run(signal: AbortSignal): Promise<void>;
  /** The run ended because Stop was pressed. */
  onStopped(): void;
  /** The run failed otherwise. */
  onError(error: Error): void;
  /** After every run, however it ended, once the buttons are back. */
  onSettled?(): void;
}

/** Wires `start` and `stop` to `run` (see {@link StartStopOptions}). */
export function startStop(options: StartStopOptions): void {
  const { start, stop } = options;
  let current: AbortController | undefined;
  stop.disabled = true;
  start.addEventListener('click', () => {
    const controller = new AbortController();
    current = controller;
    start.disabled = true;
    stop.disabled = false;
    options
      .run(controller.signal)
      .catch((error: unknown) => {
        if (controller.signal.aborted || isAborted(error)) options.onStopped();
        else options.onError(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => {
        if (current !== controller) return;
        current = undefined;
        start.disabled = false;
        stop.disabled = true;
        options.onSettled?.();
      });
  });
  stop.addEventListener('click', () => current?.abort());
}
