/**
 * Test helper: runs cases on cpu and wasm, the two backends that start on every machine, each
 * describe block starting its backend first.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe } from 'vitest';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';

/** The backends gpt2 tests run on. */
export type TestBackend = 'cpu' | 'wasm';

/** Makes `name` the active backend. */
export async function useBackend(name: TestBackend): Promise<void> {
  tf.env().set('PROD', true);
  const adapter = name === 'cpu' ? cpuBackend() : wasmBackend();
  await initBackend(createBackendRegistry([adapter]), name);
}

/** One `describe` per backend, titled `<title> on <backend>`, with the backend active in its tests. */
export function describeOnBackends(
  title: string,
  body: (backend: TestBackend) => void,
  backends: readonly TestBackend[] = ['cpu', 'wasm'],
): void {
  for (const backend of backends) {
    describe(`${title} on ${backend}`, () => {
      beforeAll(() => useBackend(backend));
      body(backend);
    });
  }
}
