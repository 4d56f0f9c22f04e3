import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../backends/cpu';
import { webgpuBackend } from '../backends/webgpu.node';
import { createBackendRegistry } from './registry';
import { initBackend } from './select';
import { tensorByteLimit } from './tensor-limit';
import type { TfCore } from './types';

tf.env().set('PROD', true);

/** A tfjs stand-in whose active backend is `name` with `limits` on its device. */
function fakeTf(name: string, limits?: Record<string, number>): TfCore {
  return { getBackend: () => name, backend: () => ({ device: limits && { limits } }) } as unknown as TfCore;
}

describe('tensorByteLimit', () => {
  it('is undefined off webgpu, and the smaller of the binding and buffer limits on it', async () => {
    await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
    expect(tensorByteLimit()).toBeUndefined();
    expect(tensorByteLimit(fakeTf('wasm'))).toBeUndefined();
    const limit = tensorByteLimit(fakeTf('webgpu', { maxStorageBufferBindingSize: 134217728, maxBufferSize: 2 ** 32 }));
    expect(limit?.bytes).toBe(134217728);
    expect(limit?.reason).toBe(
      'the webgpu device binds at most 134,217,728 bytes per tensor (maxStorageBufferBindingSize)',
    );
    expect(tensorByteLimit(fakeTf('webgpu', { maxBufferSize: 1000 }))?.bytes).toBe(1000);
    expect(tensorByteLimit(fakeTf('webgpu'))).toBeUndefined();
  });

  // Where Dawn finds an adapter (lavapipe here): the device's own limit, and what happens beyond it.
  it('reads the real webgpu device, whose kernels give zeros for a larger tensor', async () => {
    const adapter = webgpuBackend();
    const probe = await adapter.probe();
    if (!probe.available) {
      console.warn(`webgpu tensorByteLimit check SKIPPED: ${probe.reason}`);
      return;
    }
    await initBackend(createBackendRegistry([adapter]), 'webgpu');
    const limit = tensorByteLimit();
    expect(limit?.bytes).toBeGreaterThan(0);
    if (limit !== undefined && limit.bytes < 2 ** 29) {
      // One float32 more than the device binds: a sum over it comes back 0, not the count.
      const n = limit.bytes / 4 + 1;
      const total = tf.tidy(() => tf.sum(tf.tensor1d(new Float32Array(n).fill(1))));
      const sum = (await total.data())[0];
      total.dispose();
      expect(sum).not.toBe(n);
    }
    await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  }, 120_000);
});
