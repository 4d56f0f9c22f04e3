/**
 * Training kernels for tfjs-backend-wasm 4.22, written in JavaScript over the wasm heap. Without
 * them `tf.variableGrads` on the wasm backend fails with "Kernel 'X' not registered for backend
 * 'wasm'" for conv2d's filter gradient, depthwise/separable conv gradients and tf.gather's gradient
 * (embeddings); max-pooling's gradient comes out wrong wherever a window holds no positive value, and
 * a float32 one-hot comes out as int32 bits.
 * The wasm adapter registers them once the backend is active.
 */
import type { KernelConfig } from '@tensorflow/tfjs-core';
import type { TfCore } from '../../backend/types';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { depthwiseConv2dBackpropFilterConfig } from './depthwise-conv2d-backprop-filter';
import { depthwiseConv2dBackpropInputConfig } from './depthwise-conv2d-backprop-input';
import { fastBatchMatMulConfig } from './fast-batch-mat-mul';
import { heapSliceConfig } from './heap-slice';
import { maxPoolGradConfig } from './max-pool-grad';
import { oneHotConfig } from './one-hot';
import { sharedIdentityConfig } from './shared-identity';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum';

/** Kernels tfjs-backend-wasm does not ship; a wasm build that does ship one keeps its own. */
export const WASM_MISSING_KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseConv2dBackpropFilterConfig,
  depthwiseConv2dBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/** Kernels tfjs-backend-wasm ships with wrong results; ours replace them (see `max-pool-grad.ts`). */
export const WASM_REPLACED_KERNELS: readonly KernelConfig[] = [maxPoolGradConfig, oneHotConfig];

/** Every kernel nn-core adds to or replaces in the `wasm` backend. */
export const WASM_TRAINING_KERNELS: readonly KernelConfig[] = [...WASM_MISSING_KERNELS, ...WASM_REPLACED_KERNELS];

/**
 * Registers nn-core's training kernels with `tf`'s kernel registry for the `wasm` backend: each of
 * {@link WASM_MISSING_KERNELS} unless a kernel of that name is registered for wasm already, and each
 * of {@link WASM_REPLACED_KERNELS} in place of wasm's own. Idempotent. Returns the names it
 * registered by this call.
 */
export function registerWasmTrainingKernels(tf: TfCore): string[] {
  const added: string[] = [];
  for (const config of WASM_MISSING_KERNELS) {
    if (tf.getKernel(config.kernelName, 'wasm') !== undefined) continue;
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  // Faster wrappers of wasm's own kernels: BatchMatMul with transposed operands on its fast path
  // (fast-batch-mat-mul.ts), Identity sharing its input's buffer (shared-identity.ts), Slice copying
  // only the slice (heap-slice.ts).
  for (const fast of [fastBatchMatMulConfig(tf), sharedIdentityConfig(tf), heapSliceConfig(tf)]) {
    if (fast === undefined || fast === tf.getKernel(fast.kernelName, 'wasm')) continue;
    tf.unregisterKernel(fast.kernelName, 'wasm');
    tf.registerKernel(fast);
    added.push(fast.kernelName);
  }
  for (const config of WASM_REPLACED_KERNELS) {
    const current = tf.getKernel(config.kernelName, 'wasm');
    if (current === config) continue;
    if (current !== undefined) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  return added;
}
