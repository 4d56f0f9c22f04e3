/**
 * Reading the inputs and writing the outputs of a JavaScript kernel on tfjs-backend-wasm. Tensors of
 * that backend live in the WebAssembly heap; a kernel sees them as typed-array views of it. Every
 * allocation on the heap (`makeOutput`) may grow the heap's memory and detach earlier views, so a
 * kernel makes its outputs first and takes its views after.
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';
import { NnCoreError } from '../../errors';

/** The part of tfjs-backend-wasm's `BackendWasm` the kernels use. */
export interface WasmKernelBackend {
  /** Allocates a tensor of `shape` and `dtype` on the heap (contents undefined). */
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  /** A view of a tensor's values in the heap (valid until the next heap allocation). */
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** The backend a kernel was given, checked to be tfjs-backend-wasm's. */
export function wasmBackendOf(kernel: string, backend: unknown): WasmKernelBackend {
  const candidate = backend as Partial<WasmKernelBackend> | null;
  if (typeof candidate?.makeOutput === 'function' && typeof candidate.typedArrayFromHeap === 'function') {
    return candidate as WasmKernelBackend;
  }
  throw new NnCoreError('BACKEND_CHECK_FAILED', `${kernel} (wasm): the backend passed in is not tfjs-backend-wasm's`, {
    argument: 'backend',
    value: typeof backend,
    expected: 'a BackendWasm with makeOutput and typedArrayFromHeap',
  });
}

/** The kernel's input `name`, which must be there. */
export function inputOf(
  kernel: string,
  inputs: Readonly<Record<string, TensorInfo | undefined>>,
  name: string,
): TensorInfo {
  const info = inputs[name];
  if (info === undefined) {
    throw new NnCoreError('INVALID_ARGUMENT', `${kernel} (wasm): input "${name}" is missing`, {
      argument: name,
      value: undefined,
      expected: 'a tensor',
    });
  }
  return info;
}

/**
 * A tensor's values as float32: the heap view itself for float32, a copy for int32. Other dtypes
 * (bool, string, complex64) throw `INVALID_ARGUMENT`.
 */
export function float32Values(
  kernel: string,
  argument: string,
  backend: WasmKernelBackend,
  info: TensorInfo,
): Float32Array {
  const view = info.dtype === 'float32' || info.dtype === 'int32' ? backend.typedArrayFromHeap(info) : undefined;
  if (view instanceof Float32Array) return view;
  if (view instanceof Int32Array) return Float32Array.from(view);
  throw new NnCoreError(
    'INVALID_ARGUMENT',
    `${kernel} (wasm): ${argument} must be float32 or int32, got ${info.dtype}`,
    {
      argument,
      value: info.dtype,
      expected: 'float32 or int32',
    },
  );
}

/** Throws `SHAPE_MISMATCH` unless `info` has rank 4. */
export function expectRank4(kernel: string, argument: string, info: TensorInfo): [number, number, number, number] {
  if (info.shape.length === 4) return info.shape as [number, number, number, number];
  throw new NnCoreError(
    'SHAPE_MISMATCH',
    `${kernel} (wasm): ${argument} must have rank 4 [batch, height, width, channels], got shape [${info.shape.join(', ')}]`,
    { argument, value: [...info.shape], expected: 'rank 4 (NHWC)' },
  );
}

/** Throws `SHAPE_MISMATCH` unless `info.shape` equals `expected`. */
export function expectShapeEquals(
  kernel: string,
  argument: string,
  info: TensorInfo,
  expected: readonly number[],
  why: string,
): void {
  if (info.shape.length === expected.length && info.shape.every((d, i) => d === expected[i])) return;
  throw new NnCoreError(
    'SHAPE_MISMATCH',
    `${kernel} (wasm): ${argument} has shape [${info.shape.join(', ')}]; ${why} expect [${expected.join(', ')}]`,
    { argument, value: [...info.shape], expected: `[${expected.join(', ')}]` },
  );
}

/** Throws `INVALID_ARGUMENT` for a channels-first data format, which these kernels do not implement. */
export function expectNhwc(kernel: string, dataFormat: unknown): void {
  if (dataFormat === undefined || dataFormat === 'NHWC' || dataFormat === 'channelsLast') return;
  throw new NnCoreError(
    'INVALID_ARGUMENT',
    `${kernel} (wasm): dataFormat ${String(dataFormat)} is not supported; only NHWC (channels last) is implemented`,
    { argument: 'dataFormat', value: dataFormat, expected: 'NHWC' },
  );
}

/** Writes float64 sums into a new float32 output of `shape`. */
export function float32Output(backend: WasmKernelBackend, shape: number[], sums: Float64Array): TensorInfo {
  const out = backend.makeOutput(shape, 'float32');
  (backend.typedArrayFromHeap(out) as Float32Array).set(sums);
  return out;
}
