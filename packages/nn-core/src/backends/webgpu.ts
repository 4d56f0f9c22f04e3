import type { BackendAdapter } from '../backend/types';
import { createWebGpuAdapter } from './webgpu-adapter';

export { isSoftwareAdapter, adapterLabel, type GpuAdapterDescription } from './gpu-adapter-info';

/**
 * WebGPU through the browser's `navigator.gpu` (tfjs-backend-webgpu), with the adapter's full
 * limits requested. `auto` takes it only on a hardware adapter.
 */
export function webgpuBackend(): BackendAdapter {
  return createWebGpuAdapter(
    {
      gpu: async () => {
        const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
        return gpu ?? 'navigator.gpu is missing: this browser has no WebGPU (or it is turned off)';
      },
    },
    "WebGPU through the browser's navigator.gpu (tfjs-backend-webgpu)",
  );
}
