import * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../../errors';
import type { QuantMatrix } from './quant-kernel';

/**
 * `x · W (+ bias)` for a tfjs tensor x [..., K] and a quantised W [K, N]: a dense layer's forward
 * pass with the weights kept as 8- or 4-bit codes, computed by the matrix's own WebAssembly kernel
 * (see `quant-kernel.ts`) whatever the tfjs backend. Returns a new float32 tensor [..., N]; the
 * caller disposes it.
 *
 * Reads x with `dataSync()` (a GPU backend would wait for and download it) and makes the result
 * with `tf.tensor`: inference only, not differentiable (no gradient is recorded, so use it outside
 * training). Creates no tensor besides the result. Throws `NnCoreError`: `INVALID_ARGUMENT` for an x
 * that is not float32 or has a NaN or infinity, a freed matrix; `SHAPE_MISMATCH` for a last
 * dimension other than K or a bias of other than N values.
 */
export function quantLinear(x: tf.Tensor, q: QuantMatrix, bias?: Float32Array): tf.Tensor {
  if (x.dtype !== 'float32') {
    throw new NnCoreError('INVALID_ARGUMENT', `quantLinear: x must be float32, got ${x.dtype}`, {
      argument: 'x',
      value: x.dtype,
      expected: 'float32',
    });
  }
  const k = x.shape.at(-1);
  if (x.rank === 0 || k !== q.k) {
    throw new NnCoreError(
      'SHAPE_MISMATCH',
      `quantLinear: x has shape [${x.shape.join(', ')}]; its last dimension must be the weight's K = ${q.k}`,
      { argument: 'x', value: [...x.shape], expected: `[..., ${q.k}]` },
    );
  }
  const m = x.size / q.k;
  const values = x.dataSync() as Float32Array; // [m, K]
  const y = q.kernel.matmul(values, m, q, undefined, bias); // [m, N]
  return tf.tensor(y, [...x.shape.slice(0, -1), q.n], 'float32'); // [..., N]
}
