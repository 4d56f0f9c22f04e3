/**
 * A faster `BatchMatMul` for tfjs-backend-wasm when an operand is transposed. The backend (4.22)
 * takes its XNNPACK path only for untransposed operands with batch 1 and otherwise runs a scalar
 * triple loop, 10–20× slower. Every dense layer's backward pass has a transposed operand
 * (dW = xᵀ·dy, dx = dy·Wᵀ): `pnpm bench train` measured those matMuls at 1.3–2.9 GFLOP/s against
 * 29–33 for the forward ones. This kernel transposes the operand first with the backend's own
 * `Transpose` kernel (a copy, memory-bound) and then calls the backend's own `BatchMatMul` without
 * transposes, so the fast path runs. Batched products (attention's [B·heads, T, T]) go to the
 * original kernel unchanged.
 */
import { BatchMatMul, Transpose, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { TfCore } from '../../backend/types';

const MARKER = Symbol.for('chatgpt-explained.fast-batch-mat-mul');

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
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    if ((!transposeA && !transposeB) || batchOf(a) !== 1 || batchOf(b) !== 1) return original.kernelFunc(args);
    const temporaries: TensorInfo[] = [];
    const swapLast = (x: TensorInfo): TensorInfo => {
      const rank = x.shape.length;
      const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
      const out = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
      temporaries.push(out);
      return out;
    };
    try {
      return original.kernelFunc({
        inputs: { a: transposeA ? swapLast(a) : a, b: transposeB ? swapLast(b) : b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of temporaries) (backend as unknown as DisposingBackend).disposeData(t.dataId);
    }
  };
  const config: KernelConfig = { kernelName: BatchMatMul, backendName: 'wasm', kernelFunc };
  Object.defineProperty(config, MARKER, { value: true });
  return config;
}
