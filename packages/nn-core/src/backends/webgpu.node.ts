import type * as Dawn from 'webgpu';
import type { BackendAdapter } from '../backend/types';
import { firstLine } from './load-package';
import { createWebGpuAdapter } from './webgpu-adapter';

export { isSoftwareAdapter, adapterLabel, type GpuAdapterDescription } from './gpu-adapter-info';

/** Options of the Node webgpu adapter. */
export interface WebGpuNodeOptions {
  /** Flags passed to Dawn's `create()`, e.g. `['backend=vulkan']`. Default: none. */
  readonly dawnFlags?: readonly string[];
}

/**
 * WebGPU in Node through the `webgpu` npm package (Google's Dawn), with the adapter's full limits
 * requested. Dawn needs a Vulkan driver (on Linux: `libvulkan1` and a driver such as NVIDIA's or
 * Mesa's; Mesa's lavapipe is a software adapter, which `auto` passes over).
 *
 * Activating it defines the WebGPU globals tfjs-backend-webgpu reads (`GPUBufferUsage`,
 * `navigator.gpu`, …) where they are missing: that is the one global change, made only when the
 * app activates this backend.
 */
export function webgpuBackend(options: WebGpuNodeOptions = {}): BackendAdapter {
  let dawnGlobals: object = {};
  return createWebGpuAdapter(
    {
      async gpu() {
        let dawn: typeof Dawn;
        try {
          dawn = await import('webgpu');
        } catch (error) {
          return `the webgpu package (Dawn) is not installed or failed to load: npm install webgpu (${firstLine(error)})`;
        }
        dawnGlobals = dawn.globals;
        return dawn.create([...(options.dawnFlags ?? [])]);
      },
      prepareGlobals(gpu) {
        const globals = globalThis as Record<string, unknown>;
        for (const [key, value] of Object.entries(dawnGlobals)) {
          if (!(key in globals)) globals[key] = value;
        }
        const global = globalThis as { navigator?: { gpu?: GPU } };
        if (global.navigator === undefined) {
          Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
        } else if (global.navigator.gpu === undefined) {
          Object.defineProperty(global.navigator, 'gpu', { value: gpu, configurable: true });
        }
      },
    },
    'WebGPU in Node through the webgpu package (Dawn on Vulkan/Metal/D3D12)',
  );
}
