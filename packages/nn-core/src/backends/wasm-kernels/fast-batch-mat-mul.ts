/**
 * A faster `BatchMatMul` for tfjs-backend-wasm. The backend (4.22) takes its XNNPACK path only for
 * untransposed operands with batch 1 and otherwise runs a scalar triple loop, 10–20× slower:
 *
 * - Every dense layer's backward pass has a transposed operand (dW = xᵀ·dy, dx = dy·Wᵀ): `pnpm bench
 *   train` measured those matMuls at 1.3–2.9 GFLOP/s against 29–33 for the forward ones. The operand
 *   is transposed first with the backend's own `Transpose` kernel (a copy, memory-bound).
 * - Attention's products are batched ([B·heads, T, T] · [B·heads, T, hs] and their gradients): a
 *   profile of a GPT training step put 23% of its time in the scalar loop. When each product of the
 *   batch is large enough ({@link PER_BATCH_MIN_MACS}) and has enough rows ({@link PER_BATCH_MIN_ROWS}),
 *   every batch entry is copied out of the heap into its own [1, m, k] / [1, k, n] tensor, multiplied
 *   on the fast path, and copied into the output. One query against a KV cache (decoding: m = 1) stays
 *   on the scalar loop: XNNPACK packs the right operand on every call, which costs a 1-row product
 *   more than the loop (12 heads, 1024 cached positions: 0.7 ms scalar against 8.7 ms split).
 *
 * The arithmetic is always the backend's own `BatchMatMul`'s.
 */
import { BatchMatMul, Transpose, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { TfCore } from '../../backend/types';
import { wasmBackendOf, type WasmKernelBackend } from './kernel-io';

const MARKER = Symbol.for('chatgpt-explained.fast-batch-mat-mul');

/** Multiply-adds per batch entry from which a batched product is split into batch-1 products. */
export const PER_BATCH_MIN_MACS = 32_768;

/**
 * Rows of the left operand from which a batched product is split: XNNPACK packs the right operand on
 * every call, which a few rows cannot pay for.
 */
export const PER_BATCH_MIN_ROWS = 8;

interface DisposingBackend {
  disposeData(dataId: object): void;
}

const batchOf = (info: TensorInfo): number => info.shape.slice(0, -2).reduce((a, b) => a * b, 1);

/**
 * The replacement kernel, wrapping the wasm backend's own `BatchMatMul` and `Transpose`. Returns
 * undefined when either is not registered (the backend is not initialised).
 */
export function fastBatchMatMulConfig(tf: TfCore): KernelConfig | undefined {
  const original = tf.getKernel(BatchMatMul, 'wasm');
  const transpose = tf.getKernel(Transpose, 'wasm');
  if (original === undefined || transpose === undefined) return undefined;
  if ((original as unknown as Record<symbol, unknown>)[MARKER] === true) return original;

  /** a [..., m, k] · b [..., k, n], untransposed, one batch entry at a time on the fast path. */
  const perBatch = (
    backend: WasmKernelBackend & DisposingBackend,
    a: TensorInfo,
    b: TensorInfo,
    attrs: Record<string, unknown>,
  ): TensorInfo => {
    const [m, k] = a.shape.slice(-2) as [number, number];
    const n = b.shape[b.shape.length - 1]!;
    const batchA = batchOf(a);
    const batchB = batchOf(b);
    const batch = Math.max(batchA, batchB);
    const outShape = [...(batchA >= batchB ? a : b).shape.slice(0, -2), m, n];
    const out = backend.makeOutput(outShape, 'float32');
    /** A new [1, rows, cols] tensor holding entry `index` of x (a new one each time: XNNPACK caches
     * its packed right operand by tensor, so a reused buffer with new contents would be read stale). */
    const entry = (x: TensorInfo, index: number, rows: number, cols: number): TensorInfo => {
      const piece = backend.makeOutput([1, rows, cols], 'float32');
      // Views after the allocation: it may have grown the heap and detached earlier ones.
      const size = rows * cols;
      backend.typedArrayFromHeap(piece).set(backend.typedArrayFromHeap(x).subarray(index * size, (index + 1) * size));
      return piece;
    };
    const sharedB = batchB === 1 ? entry(b, 0, k, n) : undefined;
    try {
      for (let i = 0; i < batch; i++) {
        const pieceA = entry(a, batchA > 1 ? i : 0, m, k);
        const pieceB = sharedB ?? entry(b, i, k, n);
        try {
          const product = original.kernelFunc({
            inputs: { a: pieceA, b: pieceB },
            backend: backend as never,
            attrs: { ...attrs, transposeA: false, transposeB: false },
          }) as TensorInfo; // [1, m, n]
          backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(product), i * m * n);
          backend.disposeData(product.dataId);
        } finally {
          backend.disposeData(pieceA.dataId);
          if (pieceB !== sharedB) backend.disposeData(pieceB.dataId);
        }
      }
    } finally {
      if (sharedB !== undefined) backend.disposeData(sharedB.dataId);
    }
    return out;
  };

  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    const batchA = batchOf(a);
    const batchB = batchOf(b);
    const m = a.shape[a.shape.length - (transposeA ? 1 : 2)]!;
    const k = a.shape[a.shape.length - (transposeA ? 2 : 1)]!;
    const n = b.shape[b.shape.length - (transposeB ? 2 : 1)]!;
    const batched = batchA > 1 || batchB > 1;
    const split =
      batched &&
      m * k * n >= PER_BATCH_MIN_MACS &&
      m >= PER_BATCH_MIN_ROWS &&
      a.dtype === 'float32' &&
      b.dtype === 'float32' &&
      (batchA === batchB || batchA === 1 || batchB === 1) &&
      // Leading dimensions must agree as written (no broadcasting between e.g. [2, 1] and [1, 3]).
      (batchA === 1 || batchB === 1 || a.shape.slice(0, -2).join() === b.shape.slice(0, -2).join());
    if (!split && ((!transposeA && !transposeB) || batched)) return original.kernelFunc(args);
    const temporaries: TensorInfo[] = [];
    const swapLast = (x: TensorInfo): TensorInfo => {
      const rank = x.shape.length;
      const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
      const out = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
      temporaries.push(out);
      return out;
    };
    const disposing = backend as unknown as DisposingBackend;
    try {
      const ua = transposeA ? swapLast(a) : a;
      const ub = transposeB ? swapLast(b) : b;
      if (split) {
        wasmBackendOf('BatchMatMul', backend); // checks it is wasm's
        return perBatch(backend as unknown as WasmKernelBackend & DisposingBackend, ua, ub, attrs ?? {});
      }
      return original.kernelFunc({
        inputs: { a: ua, b: ub },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of temporaries) disposing.disposeData(t.dataId);
    }
  };
  const config: KernelConfig = { kernelName: BatchMatMul, backendName: 'wasm', kernelFunc };
  Object.defineProperty(config, MARKER, { value: true });
  return config;
}
