import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBackends } from '../../test/backends';
import { GPT2_PRESETS, gpt2Config, gpt2ParameterCount } from '../config';
import { Gpt2Error } from '../errors';
import { createGpt2Model, createKvCache, type Gpt2Model } from './gpt2-model';

const config = gpt2Config({ vocabSize: 50, contextLength: 16, embedDim: 16, layers: 2, heads: 4 });

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describeOnBackends('Gpt2Model', () => {
  let model: Gpt2Model;
  beforeAll(() => {
    model = createGpt2Model(config).initialize({ seed: 3 });
    // The first inference call makes the one lasting inference tensor (the [C, V] output projection).
    tf.tidy(() => {
      model.forward(tf.tensor2d([[1]], [1, 1], 'int32'));
    });
  });
  afterAll(() => model.dispose());
  const ids = [3, 14, 15, 9, 26, 5, 35, 8];

  it('has GPT-2 parameter count and Hugging Face names', () => {
    expect(model.parameterCount()).toBe(gpt2ParameterCount(config));
    const names = model.namedWeights().map((w) => w.name);
    expect(names).toContain('wte.weight');
    expect(names).toContain('wpe.weight');
    expect(names).toContain('h.1.attn.c_attn.weight');
    expect(names).toContain('h.0.mlp.c_proj.bias');
    expect(names).toContain('ln_f.bias');
    expect(names).not.toContain('lm_head.weight');
    expect(model.weight('h.0.attn.c_attn.weight').shape).toEqual([16, 48]);
  });

  it('takes any n_inner, also one that is no whole multiple of the width (1000 at C = 240)', () => {
    const odd = createGpt2Model(
      gpt2Config({ vocabSize: 8, contextLength: 4, embedDim: 240, layers: 1, heads: 4, mlpHidden: 1000 }),
    ).initialize({ seed: 1 });
    expect(odd.weight('h.0.mlp.c_fc.weight').shape).toEqual([240, 1000]);
    odd.dispose();
  });

  it('GPT-2 124M has 124,439,808 parameters', () => {
    // The count PyTorch reports for transformers' GPT2LMHeadModel (tied output projection).
    expect(gpt2ParameterCount(GPT2_PRESETS.gpt2)).toBe(124_439_808);
  });

  it('gives the same logits token by token through the KV cache as all at once, without leaks', () => {
    const before = tf.memory().numTensors;
    const full = tf.tidy(() => {
      const out = model.forward(tf.tensor2d([ids], [1, ids.length], 'int32'));
      return out.logits;
    });
    const whole = full.dataSync();
    const cache = createKvCache(model);
    const stepped: number[] = [];
    // A prefix of 3, then one token at a time.
    const chunks = [ids.slice(0, 3), ...ids.slice(3).map((id) => [id])];
    for (const chunk of chunks) {
      const out = tf.tidy(() => model.forward(tf.tensor2d([chunk], [1, chunk.length], 'int32'), { cache }).logits);
      stepped.push(...out.dataSync());
      out.dispose();
    }
    expect(cache.length).toBe(ids.length);
    expect(maxAbsDiff(stepped, whole)).toBeLessThan(1e-4);
    cache.dispose();
    full.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is causal: changing a later token leaves earlier logits bit-identical', () => {
    const run = (seq: number[]): Float32Array =>
      tf.tidy(() => model.forward(tf.tensor2d([seq], [1, seq.length], 'int32')).logits.dataSync() as Float32Array);
    const a = run(ids);
    const b = run([...ids.slice(0, -1), 1]);
    const v = config.vocabSize;
    expect(Array.from(a.slice(0, (ids.length - 1) * v))).toEqual(Array.from(b.slice(0, (ids.length - 1) * v)));
    expect(maxAbsDiff(a.slice(-v), b.slice(-v))).toBeGreaterThan(1e-3);
  });

  it('returns hidden states, attentions and last-position logits', () => {
    const before = tf.memory().numTensors;
    const input = tf.tensor2d([ids, ids], [2, ids.length], 'int32');
    const out = model.forward(input, {
      hiddenStates: true,
      attentions: true,
      lastOnly: true,
    });
    expect(out.logits.shape).toEqual([2, 1, 50]);
    expect(out.hiddenStates!.map((h) => h.shape)).toEqual([
      [2, 8, 16],
      [2, 8, 16],
      [2, 8, 16],
    ]);
    expect(out.attentions!.map((a) => a.shape)).toEqual([
      [2, 4, 8, 8],
      [2, 4, 8, 8],
    ]);
    const probs = out.attentions![0]!.arraySync() as number[][][][];
    for (const row of probs[0]![2]!) expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    expect(probs[0]![1]![0]![5]).toBe(0);
    tf.dispose([input, out.logits, ...out.hiddenStates!, ...out.attentions!]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps one inference tensor, remade when the weights change, freed by dispose', () => {
    const other = createGpt2Model(config).initialize({ seed: 4 });
    const weights = other.namedWeights().length;
    const run = (): Float32Array =>
      tf.tidy(
        () =>
          other.forward(tf.tensor2d([[7, 8]], [1, 2], 'int32'), { lastOnly: true }).logits.dataSync() as Float32Array,
      );
    const first = run();
    expect(tf.memory().numTensors).toBeGreaterThan(0);
    const held = tf.memory().numTensors;
    run();
    expect(tf.memory().numTensors).toBe(held);
    // New output projection → new logits (a stale copy would give the old ones).
    tf.tidy(() => other.setWeights({ 'wte.weight': tf.mul(other.weight('wte.weight'), 2) }));
    const second = run();
    expect(maxAbsDiff(first, second)).toBeGreaterThan(1e-3);
    const training = tf.tidy(() => other.apply(tf.tensor2d([[7, 8]], [1, 2], 'int32')).dataSync());
    expect(maxAbsDiff(training.slice(-config.vocabSize), second)).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(held);
    const beforeDispose = tf.memory().numTensors;
    other.dispose();
    expect(tf.memory().numTensors).toBe(beforeDispose - weights - 1);
  });

  it('trains through apply: logits come from the variables', () => {
    const before = tf.memory().numTensors;
    const grads = tf.variableGrads(() =>
      tf.tidy(() => tf.mean(model.apply(tf.tensor2d([ids], [1, ids.length], 'int32'))) as tf.Scalar),
    );
    expect(Object.keys(grads.grads).length).toBe(model.trainableVariables().length);
    tf.dispose([grads.value, ...Object.values(grads.grads)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad ids and over-long sequences with Gpt2Error naming ids', () => {
    const bad = [
      () => model.forward(tf.tensor2d([[1, 50]], [1, 2], 'int32')),
      () => model.forward(tf.tensor2d([[1, -1]], [1, 2], 'int32')),
      () => model.forward(tf.tensor2d([[1.5]], [1, 1], 'float32')),
      () => model.forward(tf.zeros([1, 17], 'int32')),
    ];
    for (const call of bad) {
      const error = (() => {
        try {
          tf.tidy(() => {
            call();
          });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(Gpt2Error.isInstance(error)).toBe(true);
      expect((error as Gpt2Error).argument).toBe('ids');
    }
    const cache = createKvCache(model);
    tf.tidy(() => model.forward(tf.zeros([1, 10], 'int32'), { cache }).logits);
    expect(() => tf.tidy(() => model.forward(tf.zeros([1, 7], 'int32'), { cache }).logits)).toThrow(
      /10 cached \+ 7 new/,
    );
    expect(cache.length).toBe(10);
    cache.dispose();
  });
});
