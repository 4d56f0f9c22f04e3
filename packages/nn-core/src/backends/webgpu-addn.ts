import type { KernelBackend, KernelConfig, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { TfCore } from '../backend/types';

/**
 * tfjs-backend-webgpu's AddN binds every input plus the output as storage buffers in one shader, so
 * `addN` of n tensors needs n + 1 buffers; past the adapter's `maxStorageBuffersPerShaderStage` (8
 * by default, 10 on SwiftShader) the shader fails validation and tfjs returns zeros. Its `concat`
 * splits its inputs; AddN does not. This replaces the webgpu AddN with one that sums in chunks that
 * fit, calling tfjs's own kernel for each chunk.
 */
export function registerChunkedAddN(tf: TfCore, maxStorageBuffers: number): void {
  const original = tf.getKernel('AddN', 'webgpu');
  if (original === undefined || (original as ChunkedKernel).chunked === true) return;
  const maxInputs = Math.max(2, maxStorageBuffers - 1);
  const run = original.kernelFunc;
  const chunked: ChunkedKernel = {
    kernelName: 'AddN',
    backendName: 'webgpu',
    chunked: true,
    kernelFunc: ({ inputs, backend, attrs }) => {
      // tfjs passes AddN its inputs as an array cast to a map; its kernel calls inputs.map.
      let parts = inputs as unknown as TensorInfo[];
      const call = (list: TensorInfo[]) =>
        run({
          inputs: list as unknown as NamedTensorInfoMap,
          backend,
          ...(attrs === undefined ? {} : { attrs }),
        }) as TensorInfo;
      const temporaries: TensorInfo[] = [];
      while (parts.length > maxInputs) {
        const next: TensorInfo[] = [];
        for (let i = 0; i < parts.length; i += maxInputs) {
          const chunk = parts.slice(i, i + maxInputs);
          if (chunk.length === 1) {
            next.push(chunk[0]!);
            continue;
          }
          const sum = call(chunk);
          temporaries.push(sum);
          next.push(sum);
        }
        parts = next;
      }
      const result = call(parts);
      for (const t of temporaries) (backend as KernelBackend).disposeData(t.dataId);
      return result;
    },
  };
  tf.unregisterKernel('AddN', 'webgpu');
  tf.registerKernel(chunked);
}

type ChunkedKernel = KernelConfig & { readonly chunked?: true };
