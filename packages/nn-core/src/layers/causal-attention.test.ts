import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { describeOnBackends } from '../../test/layer-backends';
import { refCausalAttention } from '../test/reference-layers';
import { maxRelativeError, randomValues } from '../test/reference-ops';
import { thrown } from '../test/thrown';
import { causalAttention } from './causal-attention';

tf.env().set('PROD', true);

/** Dot products of ≤ 8 terms, a softmax of ≤ 6, a weighted sum of ≤ 6: float32 within 1e-5 (floor 1). */
const TOLERANCE = 1e-5;

function tensor(data: Float64Array, shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from(data), shape);
}

describeOnBackends('causalAttention against float64 loops', () => {
  it.each([
    ['Tq = Tk = 5, [B, nh] = [2, 3]', [2, 3], 5, 5, 4, 4],
    ['Tq = 2 < Tk = 6 (the last two positions), hv ≠ hs', [2, 2], 2, 6, 8, 3],
    ['Tq = 1, Tk = 4 (one new token against a cache)', [1, 2], 1, 4, 4, 4],
  ] as const)('%s', async (_name, lead, tq, tk, hs, hv) => {
    const groups = lead[0] * lead[1];
    const q = randomValues(groups * tq * hs, 1, -2, 2);
    const k = randomValues(groups * tk * hs, 2, -2, 2);
    const v = randomValues(groups * tk * hv, 3);
    const want = refCausalAttention(q, k, v, { groups, tq, tk, hs, hv });
    const before = tf.memory().numTensors;
    const [qt, kt, vt] = [tensor(q, [...lead, tq, hs]), tensor(k, [...lead, tk, hs]), tensor(v, [...lead, tk, hv])];
    const { output, probs } = causalAttention(qt, kt, vt);
    expect(output.shape).toEqual([...lead, tq, hv]);
    expect(probs.shape).toEqual([...lead, tq, tk]);
    expect(maxRelativeError(await output.data(), want.output)).toBeLessThanOrEqual(TOLERANCE);
    const p = await probs.data();
    expect(maxRelativeError(p, want.probs)).toBeLessThanOrEqual(TOLERANCE);
    // Future keys get exactly 0.
    for (let g = 0; g < groups; g++)
      for (let i = 0; i < tq; i++) for (let j = tk - tq + i + 1; j < tk; j++) expect(p[(g * tq + i) * tk + j]).toBe(0);
    tf.dispose([qt, kt, vt, output, probs]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('queries shorter than keys give the last rows of the full attention (what a KV cache relies on)', async () => {
    const [t, hs] = [6, 4];
    const q = tensor(randomValues(2 * t * hs, 4), [2, t, hs]);
    const k = tensor(randomValues(2 * t * hs, 5), [2, t, hs]);
    const v = tensor(randomValues(2 * t * hs, 6), [2, t, hs]);
    const full = causalAttention(q, k, v);
    const lastTwo = tf.slice(q, [0, t - 2, 0], [2, 2, hs]); // [2, 2, hs]
    const part = causalAttention(lastTwo, k, v);
    const fullLast = tf.slice(full.output, [0, t - 2, 0], [2, 2, hs]); // [2, 2, hs]
    expect(maxRelativeError(await part.output.data(), await fullLast.data())).toBeLessThanOrEqual(1e-6);
    tf.dispose([q, k, v, lastTwo, fullLast, full.output, full.probs, part.output, part.probs]);
  });

  it('applies a given scale and dropProbs hook (the returned probs are before the hook)', async () => {
    const [qv, kv, vv] = [randomValues(3 * 2, 7), randomValues(3 * 2, 8), randomValues(3 * 2, 9)];
    const [q, k, v] = [tensor(qv, [3, 2]), tensor(kv, [3, 2]), tensor(vv, [3, 2])];
    const want = refCausalAttention(qv, kv, vv, { groups: 1, tq: 3, tk: 3, hs: 2, hv: 2, scale: 2 });
    const { output, probs } = causalAttention(q, k, v, { scale: 2, dropProbs: (p) => tf.mul(p, 0) });
    expect(maxRelativeError(await probs.data(), want.probs)).toBeLessThanOrEqual(TOLERANCE);
    expect(Array.from(await output.data())).toEqual([0, 0, 0, 0, 0, 0]);
    tf.dispose([q, k, v, output, probs]);
  });
});

describe('causalAttention shape checks', () => {
  it.each([
    ['q', [2, 3, 4], [2, 2, 4], [2, 2, 4], 'no more queries than keys (Tq ≤ Tk)'],
    ['k', [2, 3, 4], [2, 3, 5], [2, 3, 4], 'k with the head size of q'],
    ['v', [2, 3, 4], [2, 3, 4], [2, 4, 4], 'v with as many positions as k'],
    ['k', [2, 3, 4], [1, 3, 4], [2, 3, 4], 'the same leading dimensions'],
    ['q', [3, 4], [2, 3, 4], [2, 3, 4], 'q, k, v of one rank ≥ 2'],
  ] as const)('refuses mismatched %s with SHAPE_MISMATCH', (argument, qs, ks, vs, expected) => {
    const [q, k, v] = [tf.zeros([...qs]), tf.zeros([...ks]), tf.zeros([...vs])];
    const before = tf.memory().numTensors;
    const error = thrown(() => causalAttention(q, k, v));
    expect(error.code).toBe('SHAPE_MISMATCH');
    expect(error.argument).toBe(argument);
    expect(error.message).toContain(expected);
    expect(error.message).toContain(`q [${qs.join(', ')}]`);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([q, k, v]);
  });
});
