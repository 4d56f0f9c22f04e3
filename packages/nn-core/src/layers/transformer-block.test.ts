import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { runWithCapture } from '../model/capture';
import { checkGradients } from '../test/grad-check';
import { describeOnBackends } from '../../test/layer-backends';
import { refBlock } from '../test/reference-layers';
import { maxRelativeError, randomValues } from '../test/reference-ops';
import { thrown } from '../test/thrown';
import { sequential } from './sequential';
import { transformerBlock, type TransformerBlockOptions } from './transformer-block';

tf.env().set('PROD', true);

/** Two layer norms, attention and an MLP of width 32 on residuals ~1: float32 within 2e-5 relative (floor 1). */
const TOLERANCE = 2e-5;

const [B, T, C, HEADS, HIDDEN] = [2, 4, 8, 2, 32];
const DIMS = { b: B, t: T, c: C, heads: HEADS, hidden: HIDDEN, eps: 1e-5 };

/** Hugging Face GPT-2's parameter names of one block, in `named_parameters()` order. */
const HF_NAMES = [
  'ln_1.weight',
  'ln_1.bias',
  'attn.c_attn.weight',
  'attn.c_attn.bias',
  'attn.c_proj.weight',
  'attn.c_proj.bias',
  'ln_2.weight',
  'ln_2.bias',
  'mlp.c_fc.weight',
  'mlp.c_fc.bias',
  'mlp.c_proj.weight',
  'mlp.c_proj.bias',
];

function randomWeights(seed: number): Record<string, Float64Array> {
  const shapes: Record<string, [number, number, number]> = {
    'ln_1.weight': [C, 0.5, 1.5],
    'ln_1.bias': [C, -0.2, 0.2],
    'attn.c_attn.weight': [C * 3 * C, -0.5, 0.5],
    'attn.c_attn.bias': [3 * C, -0.2, 0.2],
    'attn.c_proj.weight': [C * C, -0.5, 0.5],
    'attn.c_proj.bias': [C, -0.2, 0.2],
    'ln_2.weight': [C, 0.5, 1.5],
    'ln_2.bias': [C, -0.2, 0.2],
    'mlp.c_fc.weight': [C * HIDDEN, -0.5, 0.5],
    'mlp.c_fc.bias': [HIDDEN, -0.2, 0.2],
    'mlp.c_proj.weight': [HIDDEN * C, -0.3, 0.3],
    'mlp.c_proj.bias': [C, -0.2, 0.2],
  };
  return Object.fromEntries(
    HF_NAMES.map((name, i) => [name, randomValues(shapes[name]![0], seed + i, shapes[name]![1], shapes[name]![2])]),
  );
}

/** A model holding the block at `h.0`, as GPT-2 does. */
function gpt2Like(options: Partial<TransformerBlockOptions> = {}) {
  return sequential({ h: sequential([transformerBlock({ embedDim: C, heads: HEADS, ...options })]) }).initialize();
}

const prefixed = (weights: Record<string, Float64Array>) =>
  Object.fromEntries(Object.entries(weights).map(([name, w]) => [`h.0.${name}`, w]));

describeOnBackends('transformerBlock forward against float64 loops', () => {
  it('x + attn(ln_1(x)), then + mlp(ln_2(·)); h.0.attn.probs captured; nothing leaks', async () => {
    const model = gpt2Like();
    const weights = randomWeights(1);
    model.setWeights(prefixed(weights));
    const x = randomValues(B * T * C, 20, -1.5, 1.5);
    const want = refBlock(x, DIMS, weights);
    const before = tf.memory().numTensors;
    const input = tf.tensor(Float32Array.from(x), [B, T, C]);
    const y = model.apply(input);
    expect(y.shape).toEqual([B, T, C]);
    expect(maxRelativeError(await y.data(), want.output)).toBeLessThanOrEqual(TOLERANCE);
    const { output, activations } = runWithCapture(model, input, { capture: ['h.0.attn.probs', 'h.0.mlp.act'] });
    expect(activations['h.0.attn.probs']!.shape).toEqual([B, HEADS, T, T]);
    expect(activations['h.0.mlp.act']!.shape).toEqual([B, T, HIDDEN]);
    expect(maxRelativeError(await activations['h.0.attn.probs']!.data(), want.probs)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxRelativeError(await output.data(), want.output)).toBeLessThanOrEqual(TOLERANCE);
    tf.dispose([input, y, output, ...Object.values(activations)]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('is causal: changing the last token leaves every earlier output as it was', async () => {
    const model = gpt2Like();
    model.setWeights(prefixed(randomWeights(40)));
    const x = randomValues(T * C, 41, -1.5, 1.5);
    const changed = Float64Array.from(x);
    for (let j = 0; j < C; j++) changed[(T - 1) * C + j] = 1 - changed[(T - 1) * C + j]!;
    const a = tf.tensor(Float32Array.from(x), [1, T, C]);
    const b = tf.tensor(Float32Array.from(changed), [1, T, C]);
    const [ya, yb] = [model.apply(a), model.apply(b)];
    const [va, vb] = [await ya.data(), await yb.data()];
    expect(Array.from(vb.slice(0, (T - 1) * C))).toEqual(Array.from(va.slice(0, (T - 1) * C)));
    expect(maxRelativeError(vb.slice((T - 1) * C), va.slice((T - 1) * C), 1e-3)).toBeGreaterThan(1e-2);
    tf.dispose([a, b, ya, yb]);
    model.dispose();
  });
});

describeOnBackends(
  'transformerBlock gradients, dropout, signal',
  () => {
    it('every weight’s gradient matches float64 central differences', async () => {
      const model = gpt2Like();
      const weights = randomWeights(60);
      const x = randomValues(B * T * C, 61, -1.5, 1.5);
      const input = tf.tensor(Float32Array.from(x), [B, T, C]);
      const reference = (w: Readonly<Record<string, Float64Array>>) =>
        refBlock(x, DIMS, Object.fromEntries(Object.entries(w).map(([k, v]) => [k.slice('h.0.'.length), v]))).output;
      const before = tf.memory().numTensors;
      const check = await checkGradients(model, input, prefixed(weights), reference, { perWeight: 3 });
      expect(tf.memory().numTensors).toBe(before);
      expect(check.missing).toEqual([]);
      expect(new Set(check.entries.map((e) => e.weight)).size).toBe(12);
      expect(check.largest).toBeGreaterThan(0.05);
      expect(check.worst).toBeLessThanOrEqual(1e-3);
      input.dispose();
      model.dispose();
    });

    it('with dropout: inference matches the reference, training differs and is seeded', async () => {
      const model = gpt2Like({ dropout: 0.2 });
      const weights = randomWeights(80);
      model.setWeights(prefixed(weights));
      const x = randomValues(B * T * C, 81, -1.5, 1.5);
      const input = tf.tensor(Float32Array.from(x), [B, T, C]);
      const before = tf.memory().numTensors;
      const evalOut = model.apply(input, { seed: 5 });
      const a = model.apply(input, { training: true, seed: 5 });
      const b = model.apply(input, { training: true, seed: 5 });
      const c = model.apply(input, { training: true, seed: 6 });
      expect(maxRelativeError(await evalOut.data(), refBlock(x, DIMS, weights).output)).toBeLessThanOrEqual(TOLERANCE);
      expect(await b.data()).toEqual(await a.data());
      expect(maxRelativeError(await a.data(), await evalOut.data())).toBeGreaterThan(1e-2);
      expect(maxRelativeError(await c.data(), await a.data())).toBeGreaterThan(1e-2);
      tf.dispose([evalOut, a, b, c]);
      expect(tf.memory().numTensors).toBe(before);
      input.dispose();
      model.dispose();
    });

    it('an aborted signal throws its reason from apply and runWithCapture, leaking nothing', () => {
      const model = gpt2Like();
      const x = tf.zeros([1, 2, C]);
      const controller = new AbortController();
      controller.abort(new Error('user stopped'));
      const before = tf.memory().numTensors;
      expect(() => model.apply(x, { signal: controller.signal })).toThrow('user stopped');
      expect(() => runWithCapture(model, x, { capture: ['h.0.attn.probs'], signal: controller.signal })).toThrow(
        'user stopped',
      );
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      model.dispose();
    });
  },
  ['cpu'],
);

describe('transformerBlock structure and options', () => {
  it("names its weights as Hugging Face GPT-2 does under h.N, in HF's order", () => {
    const model = gpt2Like();
    expect(model.namedWeights().map((w) => w.name)).toEqual(HF_NAMES.map((n) => `h.0.${n}`));
    expect(model.capturePaths()).toContain('h.0.attn.probs');
    model.dispose();
  });

  it('has 12·C² + 13·C weights at mlpRatio 4: 7,087,872 for GPT-2 small (C = 768, 12 heads)', () => {
    const c = 768;
    const block = transformerBlock({ embedDim: c, heads: 12, mlpRatio: 4 });
    expect(12 * c * c + 13 * c).toBe(7_087_872);
    expect(block.parameterCount()).toBe(7_087_872);
    expect(block.initialized).toBe(false); // counted from the declared shapes, nothing allocated
    // mlpRatio r: attention 4C² + 4C, two norms 4C, MLP 2rC² + rC + C.
    expect(transformerBlock({ embedDim: 16, heads: 4, mlpRatio: 2 }).parameterCount()).toBe(8 * 256 + 11 * 16);
  });

  it('initialises layer norms to 1 and 0, Dense weights normal(0.02), and the two c_proj with projInit', () => {
    const block = transformerBlock({ embedDim: 32, heads: 4, projInit: { constant: 0.25 } }).initialize({ seed: 2 });
    const values = (name: string) => Array.from(block.weight(name).dataSync());
    expect(new Set(values('ln_1.weight'))).toEqual(new Set([1]));
    expect(new Set(values('ln_2.bias'))).toEqual(new Set([0]));
    expect(new Set(values('attn.c_proj.weight'))).toEqual(new Set([0.25]));
    expect(new Set(values('mlp.c_proj.weight'))).toEqual(new Set([0.25]));
    const w = values('mlp.c_fc.weight'); // 4,096 samples: std within 5% of 0.02 with overwhelming probability
    const std = Math.sqrt(w.reduce((a, v) => a + v * v, 0) / w.length);
    expect(Math.abs(std - 0.02)).toBeLessThan(0.001);
    block.dispose();
  });

  it.each([
    ['heads', { embedDim: 8, heads: 5 }, 5],
    ['mlpRatio', { embedDim: 8, heads: 2, mlpRatio: 0 }, 0],
    ['epsilon', { embedDim: 8, heads: 2, epsilon: -1 }, -1],
    ['dropout', { embedDim: 8, heads: 2, dropout: -0.5 }, -0.5],
    ['maxContext', { embedDim: 8, heads: 2, maxContext: 2.5 }, 2.5],
    ['nHead', { embedDim: 8, heads: 2, nHead: 2 }, 2],
  ] as const)('refuses a bad %s', (argument, options, value) => {
    const error = thrown(() => transformerBlock(options as unknown as TransformerBlockOptions));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
    expect(error.message).toMatch(/^transformerBlock: /);
  });

  it('throws SHAPE_MISMATCH naming the block path, and the attention path for too long a context', () => {
    const model = gpt2Like({ maxContext: 3 });
    const before = tf.memory().numTensors;
    const wide = tf.zeros([1, 2, C + 1]);
    const error = thrown(() => model.apply(wide));
    expect(error.code).toBe('SHAPE_MISMATCH');
    expect(error.message).toBe(`TransformerBlock "h.0": input has shape [1, 2, ${C + 1}]; expected [B, T, ${C}]`);
    const long = tf.zeros([1, 4, C]);
    const tooLong = thrown(() => model.apply(long));
    expect(tooLong.message).toContain('CausalSelfAttention "h.0.attn"');
    expect(tooLong.message).toContain('T ≤ maxContext 3');
    tf.dispose([wide, long]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
