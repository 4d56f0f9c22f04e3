import * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import { checkActiveBackend } from './check';
import { registerGradients } from './gradients';
import type { BackendRegistry } from './registry';
import type { BackendAdapter, BackendName, BackendRequest, ComputeContext } from './types';

/** A backend `auto` passed over, and why. */
export interface SkippedBackend {
  readonly backend: BackendName;
  /**
   * Not available here; only a software GPU adapter; started but found no GPU device (cuda on the
   * CPU); or started but failed its check.
   */
  readonly why: 'unavailable' | 'software' | 'no-gpu' | 'failed';
  /** The full reason, as `chatgpt-explained backends` shows it. */
  readonly reason: string;
}

const WHY_PHRASE: Record<SkippedBackend['why'], string> = {
  unavailable: 'not available here',
  software: 'software adapter only',
  'no-gpu': 'no GPU device found',
  failed: 'failed to start',
};

/** The context `initBackend` returns: the active backend, and for `auto` the ones passed over. */
export interface InitializedBackend extends ComputeContext {
  readonly skipped: readonly SkippedBackend[];
}

/** One line per backend for `chatgpt-explained backends`. */
export interface BackendStatus {
  readonly backend: BackendName;
  readonly description: string;
  /** Started, became active and computed the check ops right. */
  readonly works: boolean;
  readonly hardware: boolean;
  /** What it ran on, or why it does not work here. */
  readonly reason: string;
}

/** Options of {@link initBackend} and {@link listBackends}. */
export interface BackendOptions {
  /** Stops between backends (probing and starting one can take seconds). */
  readonly signal?: AbortSignal;
}

/** Backends `auto` only takes when they run on a hardware GPU. */
const NEEDS_HARDWARE: ReadonlySet<BackendName> = new Set<BackendName>(['webgpu', 'cuda']);

async function start(adapter: BackendAdapter): Promise<{ hardware: boolean; detail: string }> {
  await registerGradients();
  const activated = await adapter.activate(tf);
  await checkActiveBackend(tf, activated.tfBackend);
  return activated;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the backend the app asked for and returns the context libraries compute through.
 *
 * - A name starts that backend or throws ({@link NnCoreError} `BACKEND_UNKNOWN`, `BACKEND_UNAVAILABLE`
 *   or `BACKEND_CHECK_FAILED`).
 * - `auto` takes the first that works of: a hardware GPU through `webgpu` or `cuda` (never a software
 *   or fallback adapter such as SwiftShader or lavapipe), then `wasm`, then `webgl`, then `cpu`; its
 *   `reason` says which and why, and `skipped` lists the ones passed over.
 *
 * Every started backend is checked (`addN` of 10 tensors, a small `matMul`) before it is returned, so a
 * silent fallback or a wrong-number backend fails here rather than later.
 */
export async function initBackend(
  registry: BackendRegistry,
  request: BackendRequest = 'auto',
  options: BackendOptions = {},
): Promise<InitializedBackend> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (request !== 'auto') {
    const adapter = registry.get(request);
    const { hardware, detail } = await start(adapter);
    return {
      backend: adapter.name,
      tfBackend: tf.getBackend(),
      hardware,
      reason: `${adapter.name} as requested: ${detail}`,
      tf,
      skipped: [],
    };
  }

  const skipped: SkippedBackend[] = [];
  for (const name of registry.names) {
    signal?.throwIfAborted();
    const adapter = registry.get(name);
    const probe = await adapter.probe();
    if (!probe.available) {
      skipped.push({ backend: name, why: 'unavailable', reason: probe.reason });
      continue;
    }
    if (NEEDS_HARDWARE.has(name) && !probe.hardware) {
      skipped.push({
        backend: name,
        why: 'software',
        reason: `${probe.reason}; software GPU adapters run far slower than WASM`,
      });
      continue;
    }
    try {
      const { hardware, detail } = await start(adapter);
      if (NEEDS_HARDWARE.has(name) && !hardware) {
        skipped.push({ backend: name, why: 'no-gpu', reason: detail });
        continue;
      }
      const passedOver = skipped.map((s) => `${s.backend} (${WHY_PHRASE[s.why]})`).join(', ');
      return {
        backend: name,
        tfBackend: tf.getBackend(),
        hardware,
        reason: `auto chose ${name}: ${detail}${passedOver ? `; passed over ${passedOver}` : ''}`,
        tf,
        skipped,
      };
    } catch (error) {
      skipped.push({ backend: name, why: 'failed', reason: messageOf(error) });
    }
  }
  throw new NnCoreError(
    'BACKEND_UNAVAILABLE',
    `auto: no backend could start; ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ') || 'none registered'}`,
    { argument: 'backend', value: request },
  );
}

/**
 * Tries every registered backend in turn and reports whether it works here, or why not. Each
 * backend that starts becomes the active one while it is checked, so call this on its own (as
 * `chatgpt-explained backends` does) and start the backend you want afterwards.
 */
export async function listBackends(registry: BackendRegistry, options: BackendOptions = {}): Promise<BackendStatus[]> {
  const statuses: BackendStatus[] = [];
  for (const name of registry.names) {
    options.signal?.throwIfAborted();
    const adapter = registry.get(name);
    const base = { backend: name, description: adapter.description };
    const probe = await adapter.probe();
    if (!probe.available) {
      statuses.push({ ...base, works: false, hardware: false, reason: probe.reason });
      continue;
    }
    try {
      const { hardware, detail } = await start(adapter);
      statuses.push({ ...base, works: true, hardware, reason: detail });
    } catch (error) {
      statuses.push({ ...base, works: false, hardware: probe.hardware, reason: messageOf(error) });
    }
  }
  return statuses;
}
