import type { BackendAdapter, TfCore } from '../backend/types';
import { adapterLabel, describeAdapter, isSoftwareAdapter } from './gpu-adapter-info';
import { firstLine, loadBackendPackage, setActive } from './load-package';
import { registerChunkedAddN } from './webgpu-addn';
import { NnCoreError } from '../errors';

const PACKAGE = '@tensorflow/tfjs-backend-webgpu';
const INSTALL = `npm install ${PACKAGE}@4.22.0`;

/**
 * Limits requested at the adapter's own maximum. tfjs-backend-webgpu asks for none, and with the
 * default of 8 storage buffers per shader stage `addN` of 10 tensors fails validation and returns 0.
 */
const REQUESTED_LIMITS = [
  'maxStorageBuffersPerShaderStage',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
  'maxUniformBuffersPerShaderStage',
  'maxUniformBufferBindingSize',
  'maxBindGroups',
  'maxBindingsPerBindGroup',
  'maxDynamicStorageBuffersPerPipelineLayout',
  'maxDynamicUniformBuffersPerPipelineLayout',
  'maxStorageTexturesPerShaderStage',
  'maxSampledTexturesPerShaderStage',
  'maxTextureDimension1D',
  'maxTextureDimension2D',
  'maxTextureDimension3D',
  'maxTextureArrayLayers',
] as const;

/** Where the WebGPU entry point comes from: `navigator.gpu` in browsers, Dawn in Node. */
export interface GpuSource {
  /** Returns the `GPU` object, or a reason why there is none. */
  gpu(): Promise<GPU | string>;
  /** Prepares the globals tfjs-backend-webgpu reads (Node only); called before it is imported. */
  prepareGlobals?(gpu: GPU): void;
}

/** Requests a device with every limit in {@link REQUESTED_LIMITS} at the adapter's maximum. */
async function requestDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const requiredLimits: Record<string, number> = {};
  for (const key of REQUESTED_LIMITS) {
    const value = (adapter.limits as unknown as Record<string, unknown>)[key];
    if (typeof value === 'number') requiredLimits[key] = value;
  }
  try {
    return await adapter.requestDevice({ requiredLimits });
  } catch (error) {
    throw new NnCoreError('BACKEND_UNAVAILABLE', `webgpu backend: requestDevice failed: ${firstLine(error)}`, {
      argument: 'backend',
      value: 'webgpu',
      cause: error,
    });
  }
}

/** Builds the webgpu adapter on a {@link GpuSource}. */
export function createWebGpuAdapter(source: GpuSource, description: string): BackendAdapter {
  let found: Promise<{ gpu: GPU; adapter: GPUAdapter } | string> | undefined;
  let factory: (() => object) | undefined;
  let device: GPUDevice | undefined;
  // One adapter request per adapter object: probing twice must not open two GPU instances.
  const findAdapter = () =>
    (found ??= (async () => {
      const gpu = await source.gpu();
      if (typeof gpu === 'string') return gpu;
      const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      return adapter === null ? 'the WebGPU implementation found no adapter (no usable GPU driver)' : { gpu, adapter };
    })().catch((error: unknown) => `requesting a WebGPU adapter failed: ${firstLine(error)}`));

  return {
    name: 'webgpu',
    description,
    async probe() {
      const result = await findAdapter();
      if (typeof result === 'string') return { available: false, hardware: false, reason: result };
      const info = describeAdapter(result.adapter);
      return { available: true, hardware: !isSoftwareAdapter(info), reason: `adapter: ${adapterLabel(info)}` };
    },
    async activate(tf: TfCore) {
      const result = await findAdapter();
      if (typeof result === 'string') {
        throw new NnCoreError('BACKEND_UNAVAILABLE', `webgpu backend: ${result}`, {
          argument: 'backend',
          value: 'webgpu',
        });
      }
      const { gpu, adapter } = result;
      const info = describeAdapter(adapter);
      if (factory === undefined || tf.findBackendFactory('webgpu') !== factory) {
        source.prepareGlobals?.(gpu);
        const webgpu = await loadBackendPackage(
          'webgpu',
          PACKAGE,
          () => import('@tensorflow/tfjs-backend-webgpu'),
          INSTALL,
        );
        // An adapter hands out one device: request it once and reuse it if tfjs's registration is
        // replaced (by another adapter object, or by tfjs-backend-webgpu's own import-time factory).
        device ??= await requestDevice(adapter);
        const ours = device;
        // tfjs-backend-webgpu registers its own factory on import when navigator.gpu exists; that
        // factory requests no limits, so replace it with one that uses our device.
        if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
        factory = () => new webgpu.WebGPUBackend(ours, adapter.info);
        tf.registerBackend('webgpu', factory as () => InstanceType<typeof webgpu.WebGPUBackend>);
        registerChunkedAddN(tf, ours.limits.maxStorageBuffersPerShaderStage);
      }
      await setActive(tf, 'webgpu', 'webgpu');
      return { tfBackend: 'webgpu', hardware: !isSoftwareAdapter(info), detail: `WebGPU on ${adapterLabel(info)}` };
    },
  };
}
