/**
 * Runs layer test cases on cpu and wasm, the two backends that start on every machine (the pattern
 * of `backend/backend-ops.test.ts`), each describe block starting its backend first.
 */
import { beforeAll, describe } from 'vitest';
import { createBackendRegistry } from '../src/backend/registry';
import { initBackend } from '../src/backend/select';
import type { BackendAdapter } from '../src/backend/types';
import { cpuBackend } from '../src/backends/cpu';
import { wasmBackend } from '../src/backends/wasm.node';

/** The backends layer forward tests run on. */
export type LayerTestBackend = 'cpu' | 'wasm';

const ADAPTERS: Record<LayerTestBackend, () => BackendAdapter> = { cpu: cpuBackend, wasm: wasmBackend };

/** Makes `name` the active backend. */
export async function useBackend(name: LayerTestBackend): Promise<void> {
  await initBackend(createBackendRegistry([ADAPTERS[name]()]), name);
}

/** One `describe` per backend, titled `<title> on <backend>`, with the backend active in its tests. */
export function describeOnBackends(
  title: string,
  body: (backend: LayerTestBackend) => void,
  backends: readonly LayerTestBackend[] = ['cpu', 'wasm'],
): void {
  for (const backend of backends) {
    describe(`${title} on ${backend}`, () => {
      beforeAll(() => useBackend(backend));
      body(backend);
    });
  }
}
