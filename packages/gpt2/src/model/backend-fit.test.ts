// A model whose weights the active backend cannot hold is refused when it is made, naming the
// tensor, rather than computing zeros (WebGPU binds at most maxStorageBufferBindingSize bytes per
// tensor: 128 MiB on lavapipe, while GPT-2's token embedding is 154 MB).
import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { webgpuBackend } from '@chatgpt-explained/nn-core/backends/webgpu';
import { afterAll, describe, expect, it } from 'vitest';
import { GPT2_PRESETS, gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { createGpt2Model } from './gpt2-model';

tf.env().set('PROD', true);
const adapter = webgpuBackend();
const probe = await adapter.probe();
if (!probe.available) console.warn(`gpt2 webgpu limit test SKIPPED: ${probe.reason}`);

describe.skipIf(!probe.available)('gpt2 on a webgpu device with a binding limit', () => {
  afterAll(() => initBackend(createBackendRegistry([cpuBackend()]), 'cpu'));

  it('refuses GPT-2 124M when wte is larger than the device binds, and takes a small model', async () => {
    await initBackend(createBackendRegistry([adapter]), 'webgpu');
    const limit = (tf.backend() as unknown as { device: { limits: GPUSupportedLimits } }).device.limits;
    const wteBytes = 4 * GPT2_PRESETS.gpt2.vocabSize * GPT2_PRESETS.gpt2.embedDim;
    if (wteBytes <= Math.min(limit.maxStorageBufferBindingSize, limit.maxBufferSize)) {
      console.warn('gpt2 webgpu limit test: this device binds GPT-2 124M whole; nothing to refuse');
      return;
    }
    let error: unknown;
    try {
      createGpt2Model(GPT2_PRESETS.gpt2);
    } catch (caught) {
      error = caught;
    }
    expect(Gpt2Error.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'BACKEND_LIMIT', value: 'wte.weight [50257, 768]' });
    expect((error as Error).message).toMatch(
      /^gpt2: wte\.weight \[50257, 768\] is 154 MB as float32, but the webgpu device binds at most [\d,]+ bytes per tensor \(maxStorageBufferBindingSize\); use the wasm or cpu backend/,
    );
    const small = createGpt2Model(gpt2Config({ vocabSize: 64, contextLength: 8, embedDim: 8, layers: 1, heads: 2 }));
    small.dispose();
  }, 120_000);
});
