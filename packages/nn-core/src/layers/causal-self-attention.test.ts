import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { runWithCapture } from '../model/capture';
import { checkGradients } from '../test/grad-check';
import { describeOnBackends } from '../../test/layer-backends';
import { refSelfAttention } from '../test/reference-layers';
import { maxRelativeError, randomValues } from '../test/reference-ops';
import { thrown } from '../test/thrown';
import { causalSelfAttention, type CausalSelfAttentionOptions } from './causal-self-attention';
import { sequential } from './sequential';

tf.env().set('PROD', true);

/** Two dense layers of ≤ 8 inputs around attention over ≤ 5 positions: float32 within 1e-5 (floor 1). */
const TOLERANCE = 1e-5;

const [B, T, C, HEADS] = [2, 5, 8, 2];

function randomWeights(seed: number): Record<string, Float64Array> {
  return {
    'c_attn.weight': randomValues(C * 3 * C, seed, -0.6, 0.6),
    'c_attn.bias': randomValues(3 * C, seed + 1, -0.3, 0.3),
    'c_proj.weight': randomValues(C * C, seed + 2),
    'c_proj.bias': randomValues(C, seed + 3),
  };
}

describeOnBackends('causalSelfAttention forward against float64 loops', () => {
  it('output [B, T, C] and the probs tap [B, nh, T, T] match; nothing leaks', async () => {
    const layer = causalSelfAttention({ embedDim: C, heads: HEADS }).initialize();
    const weights = randomWeights(1);
    layer.setWeights(weights);
    const x = randomValues(B * T * C, 9, -2, 2);
    const want = refSelfAttention(x, { b: B, t: T, c: C, heads: HEADS }, weights);
    const before = tf.memory().numTensors;
    const input = tf.tensor(Float32Array.from(x), [B, T, C]);
    const y = layer.apply(input);
    expect(y.shape).toEqual([B, T, C]);
    expect(maxRelativeError(await y.data(), want.output)).toBeLessThanOrEqual(TOLERANCE);
    const { output, activations } = runWithCapture(layer, input, { capture: ['probs', 'c_attn'] });
    expect(activations['probs']!.shape).toEqual([B, HEADS, T, T]);
    expect(activations['c_attn']!.shape).toEqual([B, T, 3 * C]);
    expect(maxRelativeError(await activations['probs']!.data(), want.probs)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxRelativeError(await output.data(), want.output)).toBeLessThanOrEqual(TOLERANCE);
    tf.dispose([input, y, output, ...Object.values(activations)]);
    expect(tf.memory().numTensors).toBe(before);
    layer.dispose();
  });

  it('is causal: changing the last token leaves every earlier output as it was', async () => {
    const layer = causalSelfAttention({ embedDim: C, heads: HEADS }).initialize({ seed: 4 });
    layer.setWeights(randomWeights(2));
    const x = randomValues(T * C, 3, -2, 2);
    const changed = Float64Array.from(x);
    for (let j = 0; j < C; j++) changed[(T - 1) * C + j] = -changed[(T - 1) * C + j]! + 0.5;
    const a = tf.tensor(Float32Array.from(x), [1, T, C]);
    const b = tf.tensor(Float32Array.from(changed), [1, T, C]);
    const [ya, yb] = [layer.apply(a), layer.apply(b)];
    const [va, vb] = [await ya.data(), await yb.data()];
    // Masked keys get probability exactly 0, so earlier rows are bit-for-bit the same.
    expect(Array.from(vb.slice(0, (T - 1) * C))).toEqual(Array.from(va.slice(0, (T - 1) * C)));
    expect(maxRelativeError(vb.slice((T - 1) * C), va.slice((T - 1) * C), 1e-3)).toBeGreaterThan(1e-2);
    tf.dispose([a, b, ya, yb]);
    layer.dispose();
  });
});

describeOnBackends(
  'causalSelfAttention gradients and dropout',
  () => {
    it('c_attn and c_proj gradients match float64 central differences', async () => {
      const layer = causalSelfAttention({ embedDim: C, heads: HEADS }).initialize();
      const weights = randomWeights(5);
      const x = randomValues(B * T * C, 6, -2, 2);
      const input = tf.tensor(Float32Array.from(x), [B, T, C]);
      const reference = (w: Readonly<Record<string, Float64Array>>) =>
        refSelfAttention(x, { b: B, t: T, c: C, heads: HEADS }, w).output;
      const before = tf.memory().numTensors;
      const check = await checkGradients(layer, input, weights, reference, { perWeight: 6 });
      expect(tf.memory().numTensors).toBe(before);
      expect(check.missing).toEqual([]);
      expect(check.largest).toBeGreaterThan(0.05);
      expect(check.worst).toBeLessThanOrEqual(1e-3);
      input.dispose();
      layer.dispose();
    });

    it('with dropout: inference matches the reference; training is seeded, and drops attention probabilities', async () => {
      const layer = causalSelfAttention({ embedDim: C, heads: HEADS, dropout: 0.5 }).initialize();
      const weights = randomWeights(7);
      layer.setWeights(weights);
      const x = randomValues(B * T * C, 8, -2, 2);
      const input = tf.tensor(Float32Array.from(x), [B, T, C]);
      const want = refSelfAttention(x, { b: B, t: T, c: C, heads: HEADS }, weights);
      const evalOut = layer.apply(input);
      expect(maxRelativeError(await evalOut.data(), want.output)).toBeLessThanOrEqual(TOLERANCE);
      const before = tf.memory().numTensors;
      const capture = ['attn_dropout', 'probs'];
      const first = runWithCapture(layer, input, { capture, training: true, seed: 3 });
      const second = runWithCapture(layer, input, { capture, training: true, seed: 3 });
      expect(await second.output.data()).toEqual(await first.output.data());
      expect(maxRelativeError(await first.output.data(), want.output)).toBeGreaterThan(1e-2);
      // Dropped probabilities are 0 where the (undropped) tap is not; kept ones are doubled.
      const dropped = await first.activations['attn_dropout']!.data();
      const probs = await first.activations['probs']!.data();
      let zeroed = 0;
      for (let i = 0; i < probs.length; i++) {
        if (dropped[i] === 0 && probs[i]! > 0) zeroed++;
        else expect(dropped[i]).toBeCloseTo(2 * probs[i]!, 6);
      }
      expect(zeroed).toBeGreaterThan(0);
      for (const r of [first, second]) tf.dispose([r.output, ...Object.values(r.activations)]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([input, evalOut]);
      layer.dispose();
    });
  },
  ['cpu'],
);

describe('causalSelfAttention options and inputs', () => {
  it("has Hugging Face GPT-2's weight names and 4·C² + 4·C weights; capture paths include the probs tap", () => {
    const layer = causalSelfAttention({ embedDim: 768, heads: 12 });
    expect(layer.parameterCount()).toBe(4 * 768 * 768 + 4 * 768);
    expect(layer.headSize).toBe(64);
    expect(layer.capturePaths()).toEqual(['probs', 'c_attn', 'c_proj', 'attn_dropout', 'resid_dropout']);
    const small = causalSelfAttention({ embedDim: 4, heads: 2 }).initialize();
    expect(small.namedWeights().map((w) => [w.name, w.variable.shape])).toEqual([
      ['c_attn.weight', [4, 12]],
      ['c_attn.bias', [12]],
      ['c_proj.weight', [4, 4]],
      ['c_proj.bias', [4]],
    ]);
    small.dispose();
  });

  it.each([
    ['heads', { embedDim: 8, heads: 3 }, 3, 'heads (3) must divide embedDim (8)'],
    ['embedDim', { embedDim: 0, heads: 1 }, 0, 'embedDim must be an integer'],
    ['dropout', { embedDim: 8, heads: 2, dropout: 1 }, 1, 'dropout must be a number in [0, 1)'],
    ['maxContext', { embedDim: 8, heads: 2, maxContext: 0 }, 0, 'maxContext must be an integer'],
    ['numHeads', { embedDim: 8, heads: 2, numHeads: 2 }, 2, 'unknown option "numHeads"'],
  ] as const)('refuses a bad %s', (argument, options, value, message) => {
    const error = thrown(() => causalSelfAttention(options as unknown as CausalSelfAttentionOptions));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
    expect(error.message).toContain(`causalSelfAttention: ${message}`);
  });

  it('throws SHAPE_MISMATCH naming the layer path for a wrong rank or width, or too long a sequence', () => {
    const model = sequential({ attn: causalSelfAttention({ embedDim: 4, heads: 2, maxContext: 3 }) }).initialize();
    const before = tf.memory().numTensors;
    for (const [shape, expected] of [
      [[3, 4], '[B, T, 4]'],
      [[1, 3, 5], '[B, T, 4]'],
      [[1, 4, 4], '[B, T, 4] with T ≤ maxContext 3'],
    ] as const) {
      const x = tf.zeros([...shape]);
      const error = thrown(() => model.apply(x));
      expect(error.code).toBe('SHAPE_MISMATCH');
      expect(error.message).toBe(
        `CausalSelfAttention "attn": input has shape [${shape.join(', ')}]; expected ${expected}`,
      );
      x.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
