import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackendRegistry } from '../../backend/registry';
import { initBackend } from '../../backend/select';
import { cpuBackend } from '../../backends/cpu';
import { wasmBackend } from '../../backends/wasm.node';
import { NnCoreError } from '../../errors';
import { createQuantKernel } from './quant-kernel';
import { quantLinear } from './quant-linear';
import { randomValues, referenceProduct, referenceQuantizeActivations, referenceQuantizeWeights } from './reference';

tf.env().set('PROD', true);

for (const adapter of [cpuBackend(), wasmBackend()]) {
  describe(`quantLinear on ${adapter.name}`, () => {
    beforeAll(async () => {
      await initBackend(createBackendRegistry([adapter]), adapter.name);
    });
    const kernel = createQuantKernel();
    const k = 48;
    const n = 7;
    const w = randomValues(k * n, 21); // [k, n]
    const bias = randomValues(n, 22);

    it.each([8, 4] as const)(
      '%i-bit: [2, 3, K] → [2, 3, N], the block product plus bias, no tensor left over',
      (bits) => {
        const q = kernel.quantize(w, k, n, { bits });
        const values = randomValues(2 * 3 * k, 23, -2, 2);
        const x = tf.tensor3d(values, [2, 3, k]); // [B, T, K]
        const before = tf.memory().numTensors;
        const y = quantLinear(x, q, bias); // [B, T, N]
        expect(tf.memory().numTensors).toBe(before + 1);
        expect(y.shape).toEqual([2, 3, n]);
        expect(y.dtype).toBe('float32');
        const got = y.dataSync();
        const ref = referenceProduct(
          referenceQuantizeActivations(values, 6, k),
          referenceQuantizeWeights(w, k, n, bits),
          bias,
        );
        for (let i = 0; i < 6 * n; i++)
          expect(Math.abs(got[i]! - ref.y[i]!)).toBeLessThanOrEqual(6 * 2 ** -24 * ref.magnitude[i]! + 1e-7);
        tf.dispose([x, y]);
        expect(tf.memory().numTensors).toBe(before - 1);
        q.free();
      },
    );

    it('takes a 1-D x [K] to [N]', () => {
      const q = kernel.quantize(w, k, n, { bits: 8 });
      const x = tf.tensor1d(randomValues(k, 24)); // [K]
      const y = quantLinear(x, q); // [N]
      expect(y.shape).toEqual([n]);
      expect(Array.from(y.dataSync())).toEqual(Array.from(kernel.matmul(x.dataSync() as Float32Array, 1, q)));
      tf.dispose([x, y]);
      q.free();
    });

    it('refuses int32 x, a wrong last dimension and a freed matrix, leaving no tensor', () => {
      const q = kernel.quantize(w, k, n, { bits: 4 });
      const ints = tf.zeros([2, k], 'int32');
      const wrong = tf.zeros([2, k + 1]);
      const right = tf.zeros([2, k]);
      const before = tf.memory().numTensors;
      const fails = (fn: () => unknown) => {
        try {
          fn();
        } catch (error) {
          return NnCoreError.isInstance(error) ? `${error.code} ${error.argument} ${error.message}` : String(error);
        }
        return 'no error';
      };
      expect(fails(() => quantLinear(ints, q))).toMatch(
        /^INVALID_ARGUMENT x quantLinear: x must be float32, got int32/,
      );
      expect(fails(() => quantLinear(wrong, q))).toMatch(
        /^SHAPE_MISMATCH x quantLinear: x has shape \[2, 49\]; its last dimension must be the weight's K = 48/,
      );
      q.free();
      expect(fails(() => quantLinear(right, q))).toMatch(/^INVALID_ARGUMENT q .*was freed/);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([ints, wrong, right]);
    });
  });
}
