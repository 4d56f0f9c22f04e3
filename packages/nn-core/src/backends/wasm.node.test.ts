import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wasmBackend } from './wasm.node';

describe('wasm adapter in Node', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('loads its .wasm from the installed package, without any fetch', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const started = await wasmBackend().activate(tf);
    expect(started).toEqual({ tfBackend: 'wasm', hardware: false, detail: 'WebAssembly SIMD, single thread' });
    expect(tf.getBackend()).toBe('wasm');
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
