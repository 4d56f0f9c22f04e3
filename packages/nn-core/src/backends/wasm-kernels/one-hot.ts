/**
 * `OneHot` for tfjs-backend-wasm. Its own kernel (4.22) always writes int32 values, even when the
 * output dtype is float32, so `tf.oneHot(labels, n, 1, 0, 'float32')` reads back as denormal floats
 * (1 becomes 1.4e-45) and a cross-entropy against it comes out near 0. This one writes the dtype asked
 * for. Indices outside [0, depth) give an all-`offValue` row, as on the cpu backend.
 */
import { OneHot, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { NnCoreError } from '../../errors';
import { inputOf, wasmBackendOf } from './kernel-io';

const oneHot: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = wasmBackendOf(OneHot, backend);
  const indices = inputOf(OneHot, inputs as Record<string, TensorInfo | undefined>, 'indices');
  const { depth, onValue, offValue, dtype } = attrs as unknown as {
    depth: number;
    onValue: number;
    offValue: number;
    dtype: 'float32' | 'int32';
  };
  if (indices.dtype !== 'int32') {
    throw new NnCoreError('INVALID_ARGUMENT', `${OneHot} (wasm): indices must be int32, got ${indices.dtype}`, {
      argument: 'indices',
      value: indices.dtype,
      expected: 'int32',
    });
  }
  const out = wasm.makeOutput([...indices.shape, depth], dtype);
  // Views after the allocation: makeOutput may grow the heap and detach earlier views.
  const ids = wasm.typedArrayFromHeap(indices) as Int32Array;
  const values = wasm.typedArrayFromHeap(out) as Float32Array | Int32Array;
  values.fill(offValue);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= 0 && id < depth) values[i * depth + id] = onValue;
  }
  return out;
};

/** Replaces tfjs-backend-wasm's OneHot, which ignores the output dtype. */
export const oneHotConfig: KernelConfig = { kernelName: OneHot, backendName: 'wasm', kernelFunc: oneHot };
