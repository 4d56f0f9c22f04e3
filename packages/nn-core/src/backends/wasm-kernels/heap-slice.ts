/**
 * `Slice` for tfjs-backend-wasm that copies only the slice. wasm 4.22's Slice first reads the whole
 * input out of the WebAssembly heap (`readSync`, a copy of every value) and then slices that copy
 * with JavaScript loops; splitting GPT-2's fused [B·T, 3C] query/key/value projection into its three
 * parts copied 3× the tensor per block. This kernel makes the output first, then copies the slice
 * straight from a view of the heap: one `subarray().set()` (a memcpy) per contiguous run of the
 * innermost axis, or a single one when the slice is contiguous. String tensors go to the original.
 */
import { Slice, type KernelConfig, type KernelFunc, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import type { TfCore } from '../../backend/types';
import { inputOf, wasmBackendOf } from './kernel-io';

const MARKER = Symbol.for('chatgpt-explained.heap-slice');

/**
 * Copies the box `begin` … `begin + size` of a row-major array of `shape` into `out` (row-major
 * `size`), one innermost run at a time.
 */
export function copySlice(
  input: Float32Array | Int32Array | Uint8Array,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: Float32Array | Int32Array | Uint8Array,
): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = input[0]!;
    return;
  }
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
  const run = size[rank - 1]!;
  const rows = size.slice(0, -1).reduce((a, b) => a * b, 1);
  if (run === 0 || rows === 0) return;
  // The outer index (over every axis but the last) as a counter, and its input offset.
  const index = new Array<number>(Math.max(0, rank - 1)).fill(0);
  let offset = 0;
  for (let d = 0; d < rank; d++) offset += begin[d]! * strides[d]!;
  for (let row = 0; row < rows; row++) {
    out.set(input.subarray(offset, offset + run), row * run);
    // Advance the counter, last outer axis fastest.
    for (let d = rank - 2; d >= 0; d--) {
      index[d]!++;
      offset += strides[d]!;
      if (index[d]! < size[d]!) break;
      offset -= size[d]! * strides[d]!;
      index[d] = 0;
    }
  }
}

/**
 * The replacement kernel, wrapping the wasm backend's own `Slice` (for strings). Returns undefined
 * when the backend has none registered (it is not initialised).
 */
export function heapSliceConfig(tf: TfCore): KernelConfig | undefined {
  const original = tf.getKernel(Slice, 'wasm');
  if (original === undefined) return undefined;
  if ((original as unknown as Record<symbol, unknown>)[MARKER] === true) return original;
  const kernelFunc: KernelFunc = (args) => {
    const x = inputOf('Slice', args.inputs, 'x');
    if (x.dtype === 'string' || x.dtype === 'complex64') return original.kernelFunc(args);
    const backend = wasmBackendOf('Slice', args.backend);
    const attrs = args.attrs as unknown as { begin: number | number[]; size?: number | number[] };
    // parseSliceParams reads only the shape of its tensor argument.
    const [begin, size] = tf.slice_util.parseSliceParams(x as unknown as Tensor, attrs.begin, attrs.size) as [
      number[],
      number[],
    ];
    const out: TensorInfo = backend.makeOutput(size, x.dtype); // may grow the heap: views after
    if (size.every((s) => s > 0)) {
      const input = backend.typedArrayFromHeap(x);
      const output = backend.typedArrayFromHeap(out);
      if (tf.slice_util.isSliceContinous(x.shape, begin, size)) {
        const start = tf.slice_util.computeFlatOffset(begin, tf.util.computeStrides(x.shape));
        output.set(input.subarray(start, start + output.length));
      } else {
        copySlice(input, x.shape, begin, size, output);
      }
    }
    return out;
  };
  const config: KernelConfig = { kernelName: Slice, backendName: 'wasm', kernelFunc };
  Object.defineProperty(config, MARKER, { value: true });
  return config;
}
