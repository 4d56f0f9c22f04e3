/**
 * The page's side of the compute worker: `call` sends a task and resolves with its result; progress
 * values arrive through `onProgress`; an `AbortSignal` cancels it in the worker.
 */
import type { BackendRequest } from '@chatgpt-explained/nn-core';
import type { WorkerError, WorkerReply, WorkerRequest } from './protocol';
import type { TaskInput, TaskName, TaskOutput, TaskProgress } from './tasks/index';

/** A task that failed in the worker; `code` is the package error's code when it had one. */
export class TaskError extends Error {
  readonly code: string | undefined;
  constructor(task: string, error: WorkerError) {
    super(error.message);
    this.name = error.name === 'Error' ? 'TaskError' : error.name;
    this.code = error.code;
    this.task = task;
  }
  readonly task: string;
}

/** Options of {@link ComputeClient.call}. */
export interface CallOptions<P> {
  readonly onProgress?: ((value: P) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

interface Pending {
  readonly task: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: ((value: never) => void) | undefined;
}

/** The backend the worker started, and why. */
export interface BackendReady {
  readonly backend: string;
  readonly reason: string;
}

export class ComputeClient {
  readonly ready: Promise<BackendReady>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(worker: Worker, backend: BackendRequest) {
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
        const reply = event.data;
        if (reply.type === 'ready') resolve({ backend: reply.backend, reason: reply.reason });
        else if (reply.type === 'init-failed') reject(new TaskError('init', reply.error));
        else this.receive(reply);
      });
      worker.addEventListener('error', (event) => reject(new Error(`compute worker failed: ${event.message}`)));
    });
    this.post({ type: 'init', backend });
  }

  /** Runs `task` in the worker. Rejects with a {@link TaskError}; with `code` `ABORTED` after the signal fires. */
  call<K extends TaskName>(
    task: K,
    input: TaskInput<K>,
    options: CallOptions<TaskProgress<K>> = {},
  ): Promise<TaskOutput<K>> {
    const id = this.nextId++;
    const { signal } = options;
    if (signal?.aborted)
      return Promise.reject(new TaskError(task, { name: 'AbortError', message: 'aborted', code: 'ABORTED' }));
    return new Promise<TaskOutput<K>>((resolve, reject) => {
      const onAbort = (): void => this.post({ type: 'cancel', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        task,
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as TaskOutput<K>);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        onProgress: options.onProgress as ((value: never) => void) | undefined,
      });
      this.post({ type: 'task', id, task, input });
    });
  }

  private receive(reply: Exclude<WorkerReply, { type: 'ready' } | { type: 'init-failed' }>): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'progress') {
      pending.onProgress?.(reply.value as never);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'result') pending.resolve(reply.value);
    else pending.reject(new TaskError(pending.task, reply.error));
  }

  private post(message: WorkerRequest): void {
    this.worker.postMessage(message);
  }
}

/** True for the rejection of a cancelled call. */
export function isAborted(error: unknown): boolean {
  return error instanceof TaskError && (error.code === 'ABORTED' || error.name === 'AbortError');
}
