import * as tfc from '@tensorflow/tfjs-core';
import type { TfCore } from './types';

/** What {@link tensorByteLimit} tells about the active backend. */
export interface TensorByteLimit {
  /** The largest tensor, in bytes, the backend's kernels can read or write as one buffer. */
  readonly bytes: number;
  /** Where the limit comes from, for messages. */
  readonly reason: string;
}

interface WebGpuLimits {
  readonly maxStorageBufferBindingSize?: number;
  readonly maxBufferSize?: number;
}

/**
 * The largest tensor the active backend can compute with, or undefined when it sets no practical
 * limit (cpu, wasm, webgl's textures reach gigabytes). On webgpu a kernel binds each tensor as one
 * storage buffer, so a tensor larger than the device's `maxStorageBufferBindingSize` (128 MiB by
 * default, and on software adapters such as lavapipe even at their maximum) makes every kernel that
 * reads it fail validation, and tfjs-backend-webgpu then returns zeros without an error. Libraries
 * call this to refuse such a tensor up front. Reads the active backend; starts nothing.
 */
export function tensorByteLimit(tf: TfCore = tfc): TensorByteLimit | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  const limits = (tf.backend() as { device?: { limits?: WebGpuLimits } }).device?.limits;
  const binding = limits?.maxStorageBufferBindingSize;
  const buffer = limits?.maxBufferSize;
  if (typeof binding !== 'number' && typeof buffer !== 'number') return undefined;
  const bytes = Math.min(binding ?? Infinity, buffer ?? Infinity);
  return {
    bytes,
    reason: `the webgpu device binds at most ${bytes.toLocaleString('en-US')} bytes per tensor (maxStorageBufferBindingSize)`,
  };
}
