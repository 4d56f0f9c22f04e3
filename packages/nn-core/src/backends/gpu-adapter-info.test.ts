import { describe, expect, it } from 'vitest';
import { adapterLabel, describeAdapter, isSoftwareAdapter, type GpuAdapterDescription } from './gpu-adapter-info';

const info = (fields: Partial<GpuAdapterDescription>): GpuAdapterDescription => ({
  vendor: '',
  architecture: '',
  device: '',
  description: '',
  isFallbackAdapter: false,
  ...fields,
});

describe('isSoftwareAdapter', () => {
  // Strings as reported by Dawn with Mesa 25 (seen here) and by Chromium's SwiftShader fallback.
  it.each([
    [
      'lavapipe via Dawn',
      info({
        vendor: 'mesa',
        architecture: 'software',
        device: 'llvmpipe-llvm-15-0-6-256-bits-',
        description: 'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)',
      }),
    ],
    [
      'SwiftShader in Chromium',
      info({ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' }),
    ],
    ['Windows WARP', info({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })],
    ['anything marked as fallback', info({ vendor: 'acme', isFallbackAdapter: true })],
  ])('%s is software', (_label, adapter) => {
    expect(isSoftwareAdapter(adapter)).toBe(true);
  });

  it.each([
    [
      'NVIDIA H100 via Vulkan',
      info({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H100 80GB HBM3' }),
    ],
    ['Apple M2', info({ vendor: 'apple', architecture: 'metal-3', description: 'Apple M2' })],
    ['Intel Xe', info({ vendor: 'intel', architecture: 'gen-12lp', description: 'Intel(R) UHD Graphics 770' })],
  ])('%s is hardware', (_label, adapter) => {
    expect(isSoftwareAdapter(adapter)).toBe(false);
  });
});

describe('describeAdapter and adapterLabel', () => {
  it('reads adapter.info, falls back to the legacy isFallbackAdapter, and labels software', () => {
    const legacy = {
      info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
      isFallbackAdapter: true,
    };
    const described = describeAdapter(legacy as unknown as GPUAdapter);
    expect(described.isFallbackAdapter).toBe(true);
    expect(adapterLabel(described)).toBe('google swiftshader (software)');
    expect(adapterLabel(info({ description: 'NVIDIA H100' }))).toBe('NVIDIA H100');
    expect(adapterLabel(info({}))).toBe('unnamed adapter');
  });
});
