/**
 * `UnsortedSegmentSum` for tfjs-backend-wasm, which does not ship it. It is the gradient of
 * `tf.gather` (an embedding lookup's weight gradient sums the rows of dy by token id):
 * out[s, …] = Σ over i with segmentIds[i] = s of x[i, …]. segmentIds may be any prefix of x's shape
 * (TensorFlow's rule); the output is [numSegments, ...x.shape after that prefix]. Ids outside
 * [0, numSegments) are dropped, as tfjs-backend-cpu drops them.
 */
import {
  type KernelConfig,
  type KernelFunc,
  UnsortedSegmentSum,
  type UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs-core';
import { NnCoreError } from '../../errors';
import { inputOf, wasmBackendOf } from './kernel-io';

const KERNEL = UnsortedSegmentSum;

/** Row sums by segment into a float64 [numSegments, inner] array. */
export function segmentSums(
  x: Float32Array | Int32Array,
  ids: Int32Array,
  numSegments: number,
  inner: number,
): Float64Array {
  const out = new Float64Array(numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i]!;
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let j = 0; j < inner; j++) out[to + j]! += x[from + j]!;
  }
  return out;
}

/** The kernel function: checks dtypes, shapes and numSegments, then {@link segmentSums}. */
export const unsortedSegmentSum: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = wasmBackendOf(KERNEL, backend);
  const x = inputOf(KERNEL, inputs, 'x');
  const segmentIds = inputOf(KERNEL, inputs, 'segmentIds');
  const { numSegments } = (attrs ?? {}) as unknown as UnsortedSegmentSumAttrs;
  if (typeof numSegments !== 'number' || !Number.isSafeInteger(numSegments) || numSegments < 0) {
    throw new NnCoreError(
      'INVALID_ARGUMENT',
      `${KERNEL} (wasm): numSegments must be an integer ≥ 0, got ${String(numSegments)}`,
      {
        argument: 'numSegments',
        value: numSegments,
        expected: 'an integer ≥ 0',
      },
    );
  }
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new NnCoreError('INVALID_ARGUMENT', `${KERNEL} (wasm): x must be float32 or int32, got ${x.dtype}`, {
      argument: 'x',
      value: x.dtype,
      expected: 'float32 or int32',
    });
  }
  if (segmentIds.dtype !== 'int32') {
    throw new NnCoreError('INVALID_ARGUMENT', `${KERNEL} (wasm): segmentIds must be int32, got ${segmentIds.dtype}`, {
      argument: 'segmentIds',
      value: segmentIds.dtype,
      expected: 'int32',
    });
  }
  const prefix = segmentIds.shape;
  if (prefix.length > x.shape.length || prefix.some((d, i) => d !== x.shape[i])) {
    throw new NnCoreError(
      'SHAPE_MISMATCH',
      `${KERNEL} (wasm): segmentIds has shape [${prefix.join(', ')}], which does not begin x's shape [${x.shape.join(', ')}]`,
      { argument: 'segmentIds', value: [...prefix], expected: `a prefix of [${x.shape.join(', ')}]` },
    );
  }
  const rest = x.shape.slice(prefix.length);
  const inner = rest.reduce((a, b) => a * b, 1);
  const sums = segmentSums(
    wasm.typedArrayFromHeap(x) as Float32Array | Int32Array,
    wasm.typedArrayFromHeap(segmentIds) as Int32Array,
    numSegments,
    inner,
  );
  const out = wasm.makeOutput([numSegments, ...rest], x.dtype);
  (wasm.typedArrayFromHeap(out) as Float32Array | Int32Array).set(sums);
  return out;
};

/** Registration record of {@link unsortedSegmentSum} for the `wasm` backend. */
export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum,
};
