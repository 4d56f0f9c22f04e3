import * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import { checkQuantizedTensor, type QuantizedTensor } from './quantized-tensor';

/**
 * The integer codes of `q` as float32 (exact: every code is a small integer), ready to upload. 8-bit
 * codes convert natively; 4-bit codes are unpacked.
 */
export function codesAsFloat32(q: QuantizedTensor): Float32Array {
  if (q.bits === 8) return new Float32Array(q.data);
  const out = new Float32Array(q.size);
  const bytes = q.data;
  const pairs = q.size >> 1;
  for (let k = 0; k < pairs; k++) {
    const byte = bytes[k]!;
    out[2 * k] = (byte & 0x0f) - 8; // layout of int4-packing.ts: low nibble first, code + 8
    out[2 * k + 1] = (byte >> 4) - 8;
  }
  if (q.size & 1) out[q.size - 1] = (bytes[pairs]! & 0x0f) - 8;
  return out;
}

/**
 * `x · dequantize(q)` for a quantised 2-D weight `q` [in, out] and `x` [N, in], without building the
 * float weight: the codes go to the backend as a float32 tensor of integers that lives only for this
 * call, and the per-channel scales are applied where that is exact algebra, to the product's columns
 * for per-output-channel scales (axis 1: `(x · C) · diag(s)`) or to x's columns for per-input-channel
 * scales (axis 0: `(x · diag(s)) · C`).
 *
 * tfjs has no int8 dtype or int8 matMul, so this saves memory between calls, not time: each call
 * uploads `in × out` float32 values. Creates no tensors besides the result.
 */
export function quantizedMatMul(x: tf.Tensor, q: QuantizedTensor): tf.Tensor2D {
  checkQuantizedTensor('quantizedMatMul', q);
  if (q.shape.length !== 2 || x.rank !== 2 || x.shape[1] !== q.shape[0]) {
    throw new NnCoreError(
      'SHAPE_MISMATCH',
      `quantizedMatMul: x has shape [${x.shape.join(', ')}] and the weight [${q.shape.join(', ')}]; expected x [N, ${q.shape.length === 2 ? q.shape[0] : 'in'}] and a 2-D weight`,
      { argument: 'x', value: [...x.shape], expected: `[N, ${q.shape[0]}] with a 2-D weight` },
    );
  }
  const [inputs, units] = q.shape as [number, number];
  return tf.tidy(() => {
    const codes = tf.tensor2d(codesAsFloat32(q), [inputs, units], 'float32'); // [in, out], integers
    const scales = tf.tensor1d(q.scales, 'float32'); // [out] (axis 1) or [in] (axis 0)
    if (q.axis === 1) return tf.mul(tf.matMul(x as tf.Tensor2D, codes), scales) as tf.Tensor2D; // [N, out]
    return tf.matMul(tf.mul(x, scales) as tf.Tensor2D, codes); // [N, in] → [N, out]
  });
}
