/**
 * `Identity` for tfjs-backend-wasm that shares the input's data instead of copying it. tfjs clones
 * every tensor a kernel saves for its gradient (`Engine.saveTensorsForBackwardMode` → `clone` →
 * `Identity`), and wasm 4.22's Identity copies the whole buffer each time: a profile of one GPT
 * training step on wasm put 10% of the time in those copies. Tensors are immutable, so the clone can
 * share the buffer, as tfjs-backend-cpu's Identity and wasm's own `Reshape` do: the backend counts
 * references per buffer and frees it when the last tensor using it is disposed. String tensors go to
 * the original kernel.
 */
import { Identity, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { TfCore } from '../../backend/types';
import { inputOf } from './kernel-io';

const MARKER = Symbol.for('chatgpt-explained.shared-identity');

interface RefCountingBackend {
  incRef(dataId: object): void;
}

/**
 * The replacement kernel, wrapping the wasm backend's own `Identity` (for strings). Returns
 * undefined when the backend has none registered (it is not initialised).
 */
export function sharedIdentityConfig(tf: TfCore): KernelConfig | undefined {
  const original = tf.getKernel(Identity, 'wasm');
  if (original === undefined) return undefined;
  if ((original as unknown as Record<symbol, unknown>)[MARKER] === true) return original;
  const kernelFunc: KernelFunc = (args) => {
    const x = inputOf('Identity', args.inputs, 'x');
    const backend = args.backend as unknown as Partial<RefCountingBackend>;
    if (x.dtype === 'string' || typeof backend.incRef !== 'function') return original.kernelFunc(args);
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype } satisfies TensorInfo;
  };
  const config: KernelConfig = { kernelName: Identity, backendName: 'wasm', kernelFunc };
  Object.defineProperty(config, MARKER, { value: true });
  return config;
}
