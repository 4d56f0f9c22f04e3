import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBackends } from '../../test/backends';
import { gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { createGpt2Model, type Gpt2Model } from '../model/gpt2-model';
import { bitsPerByte } from './bits-per-byte';

const config = gpt2Config({ vocabSize: 11, contextLength: 8, embedDim: 8, layers: 1, heads: 2 });
const ids = Int32Array.of(10, 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7);

/**
 * Reference: each target p alone, predicted by running the model on exactly the window the
 * definition names (inputs ids[max(0, p₁ − 1 − T) … p₁ − 2] for the chunk of `stride` targets
 * ending at p₁), the log-softmax taken in float64 in JavaScript.
 */
async function referenceBits(model: Gpt2Model, T: number, stride: number): Promise<number> {
  let bits = 0;
  for (let p = 1; p < ids.length; p++) {
    const p0 = 1 + Math.floor((p - 1) / stride) * stride;
    const p1 = Math.min(p0 + stride, ids.length);
    const from = Math.max(0, p1 - 1 - T);
    const window = Array.from(ids.subarray(from, p1 - 1));
    const logits = model.apply(tf.tensor2d([window], [1, window.length], 'int32'));
    const all = await logits.data();
    logits.dispose();
    const row = Array.from(all.subarray((p - 1 - from) * config.vocabSize, (p - from) * config.vocabSize));
    const max = Math.max(...row);
    const logZ = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
    bits -= (row[ids[p]!]! - logZ) / Math.LN2;
  }
  return bits;
}

describeOnBackends('bitsPerByte', () => {
  let model: Gpt2Model;
  beforeAll(() => {
    model = createGpt2Model(config).initialize({ seed: 5 });
    // Larger weights than GPT-2's init, so the predictions are far from uniform.
    const scaled = Object.fromEntries(
      model.namedWeights().map((w) => [w.name, tf.tidy(() => tf.mul(w.variable, w.name.includes('ln_') ? 1 : 40))]),
    );
    model.setWeights(scaled);
    tf.dispose(Object.values(scaled));
    tf.tidy(() => model.apply(tf.tensor2d([[1]], [1, 1], 'int32')));
  });
  afterAll(() => model.dispose());

  it('a model with zero weights is uniform: exactly log2 V bits per predicted token', async () => {
    const zero = createGpt2Model(config).initialize({ seed: 0 });
    zero.setWeights(Object.fromEntries(zero.namedWeights().map((w) => [w.name, new Float32Array(w.variable.size)])));
    const r = await bitsPerByte(zero, ids, 7, { contextLength: 4 });
    expect(r.tokens).toBe(14);
    expect(r.bits).toBeCloseTo(14 * Math.log2(11), 4);
    expect(r.bitsPerByte).toBeCloseTo(r.bits / 7, 10);
    expect(r.bitsPerToken).toBeCloseTo(Math.log2(11), 5);
    zero.dispose();
  });

  for (const [T, stride, batch] of [
    [8, 8, 16],
    [4, 4, 2],
    [4, 1, 3],
    [6, 4, 1],
  ] as const) {
    it(`matches a window-by-window float64 reference (contextLength ${T}, stride ${stride}, batch ${batch})`, async () => {
      const want = await referenceBits(model, T, stride);
      const before = tf.memory().numTensors;
      const r = await bitsPerByte(model, ids, 20, { contextLength: T, stride, batch });
      expect(tf.memory().numTensors).toBe(before);
      expect(Math.abs(r.bits - want) / want).toBeLessThan(1e-4);
      expect(r.bitsPerByte).toBeCloseTo(r.bits / 20, 10);
    });
  }

  it('the scaled model is far from uniform, so the reference comparisons are not trivial', async () => {
    const r = await bitsPerByte(model, ids, 20, { contextLength: 8 });
    expect(Math.abs(r.bitsPerToken - Math.log2(11))).toBeGreaterThan(0.3);
  });

  it('refuses bad input with Gpt2Error and honours an aborted signal', async () => {
    await expect(bitsPerByte(model, Int32Array.of(1), 1)).rejects.toThrow(Gpt2Error);
    await expect(bitsPerByte(model, Int32Array.of(1, 11), 1)).rejects.toThrow(/ids\[1\] is 11/);
    await expect(bitsPerByte(model, ids, 0)).rejects.toThrow(/bytesCount/);
    await expect(bitsPerByte(model, ids, 1, { contextLength: 9 })).rejects.toThrow(/contextLength 9/);
    await expect(bitsPerByte(model, ids, 1, { contextLength: 4, stride: 5 })).rejects.toThrow(/stride 5/);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const before = tf.memory().numTensors;
    await expect(bitsPerByte(model, ids, 1, { signal: controller.signal })).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
  });
});
