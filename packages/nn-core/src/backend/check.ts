import type { Tensor } from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import type { TfCore } from './types';

/**
 * Checks that the active tfjs backend is `expected` and computes right: tfjs silently stays on its
 * previous backend when `setBackend` fails, and WebGPU with too low a storage-buffer limit returns 0
 * for `addN` of 10 tensors instead of 55. Throws `BACKEND_CHECK_FAILED` naming what was wrong.
 * Leaves no tensors behind.
 */
export async function checkActiveBackend(tf: TfCore, expected: string): Promise<void> {
  const active = tf.getBackend();
  if (active !== expected) {
    throw new NnCoreError(
      'BACKEND_CHECK_FAILED',
      `backend "${expected}" did not become active; tfjs is on "${String(active)}"`,
      { argument: 'backend', value: expected },
    );
  }
  // One tidy: if either op throws, neither result is left behind.
  const [sum, product] = tf.tidy((): [Tensor, Tensor] => [
    // addN of 10 scalars 1..10 = 55: needs 11 storage buffers in one WebGPU shader.
    tf.addN(Array.from({ length: 10 }, (_, i) => tf.scalar(i + 1))),
    // [[1,2,3],[4,5,6]] × [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
    tf.matMul(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), tf.tensor2d([7, 8, 9, 10, 11, 12], [3, 2])),
  ]);
  try {
    const [sumValue] = await sum.data();
    const productValues = Array.from(await product.data());
    const expectedProduct = [58, 64, 139, 154];
    if (sumValue !== 55) {
      throw new NnCoreError(
        'BACKEND_CHECK_FAILED',
        `backend "${expected}" computed addN(1..10) = ${String(sumValue)}, expected 55 (a WebGPU storage-buffer limit too low?)`,
        { argument: 'backend', value: expected },
      );
    }
    if (productValues.some((v, i) => v !== expectedProduct[i])) {
      throw new NnCoreError(
        'BACKEND_CHECK_FAILED',
        `backend "${expected}" computed a 2×3·3×2 matMul as [${productValues.join(', ')}], expected [${expectedProduct.join(', ')}]`,
        { argument: 'backend', value: expected },
      );
    }
  } finally {
    sum.dispose();
    product.dispose();
  }
}
