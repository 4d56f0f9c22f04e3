/// <reference lib="webworker" />
/**
 * The compute worker: starts the compute backend the page asked for, then runs tasks by name
 * (see tasks/index.ts) one message at a time, each with its own AbortController.
 */
import { initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { browserBackendRegistry } from '../browser-backends';
import { appFiles } from './app-files';
import { BUNDLED_CHECKPOINT_KEY, bundledCheckpoint } from './gpt-models';
import { toWorkerError, type WorkerReply, type WorkerRequest } from './protocol';
import type { TaskContext } from './task';
import { TASKS } from './tasks/index';

declare const self: DedicatedWorkerGlobalScope;

const post = (reply: WorkerReply): void => self.postMessage(reply);
const running = new Map<number, AbortController>();
const memos = new Map<string, Promise<unknown>>();
const files = appFiles(new URL('../', import.meta.url));
let compute: ComputeContext | undefined;
let ready: Promise<void> | undefined;

function memo<T>(key: string, make: () => Promise<T>): Promise<T> {
  let found = memos.get(key) as Promise<T> | undefined;
  if (!found) {
    found = make();
    found.catch(() => memos.delete(key));
    memos.set(key, found);
  }
  return found;
}

function forget<T>(key: string): Promise<T> | undefined {
  const found = memos.get(key) as Promise<T> | undefined;
  memos.delete(key);
  return found;
}

async function runTask(id: number, name: string, input: unknown): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    await ready;
    if (compute === undefined) throw new Error('the compute backend did not start');
    const task = (TASKS as Record<string, { run(input: unknown, ctx: TaskContext): Promise<unknown> } | undefined>)[
      name
    ];
    if (!task) throw new Error(`unknown task ${JSON.stringify(name)}`);
    const ctx: TaskContext = {
      signal: controller.signal,
      progress: (value) => {
        if (!controller.signal.aborted) post({ type: 'progress', id, value });
      },
      backend: compute.backend,
      compute,
      files,
      memo,
      forget,
    };
    const value = await task.run(input, ctx);
    post({ type: 'result', id, value });
  } catch (error) {
    post({ type: 'error', id, error: toWorkerError(error) });
  } finally {
    running.delete(id);
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  if (message.type === 'init') {
    // The first widget on the page asks the bundled GPT for next tokens: fetch and parse it while the
    // backend starts (a failure here is reported by the task that needs it).
    void memo(BUNDLED_CHECKPOINT_KEY, () => bundledCheckpoint(files)).catch(() => undefined);
    ready = initBackend(browserBackendRegistry(), message.backend).then(
      (ctx) => {
        compute = ctx;
        post({ type: 'ready', backend: ctx.backend, reason: ctx.reason });
      },
      (error: unknown) => post({ type: 'init-failed', error: toWorkerError(error) }),
    );
  } else if (message.type === 'task') {
    void runTask(message.id, message.task, message.input);
  } else if (message.type === 'cancel') {
    running.get(message.id)?.abort();
  }
});
