import * as tf from '@tensorflow/tfjs-core';
import { getEncoding } from '@chatgpt-explained/tokenizer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBackends } from '../../test/backends';
import { gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { gpt2FromModel, type Gpt2 } from '../gpt2';
import { createGpt2Model } from '../model/gpt2-model';
import { generate, generateText } from './generate';
import { nextTokens } from './next-tokens';
import { score } from './score';

// GPT-2's vocabulary, a small random model with a short context (so generation must slide).
const config = gpt2Config({ vocabSize: 50257, contextLength: 24, embedDim: 32, layers: 2, heads: 2 });

/** Log-softmax of every position of `ids` in float64, from one full forward pass without a cache. */
function logSoftmaxRows(gpt: Gpt2, ids: number[]): Float64Array[] {
  const logits = tf.tidy(() => gpt.model.forward(tf.tensor2d([ids], [1, ids.length], 'int32')).logits.dataSync());
  const v = gpt.config.vocabSize;
  return ids.map((_, row) => {
    const slice = logits.subarray(row * v, (row + 1) * v);
    let max = -Infinity;
    for (const x of slice) max = Math.max(max, x);
    let sum = 0;
    for (const x of slice) sum += Math.exp(x - max);
    const lse = max + Math.log(sum);
    return Float64Array.from(slice, (x) => x - lse);
  });
}

/** The last position's logits from one full forward pass without a cache. */
function lastLogits(gpt: Gpt2, ids: number[]): Float32Array {
  return tf.tidy(
    () =>
      gpt.model
        .forward(tf.tensor2d([ids], [1, ids.length], 'int32'), { lastOnly: true })
        .logits.dataSync() as Float32Array,
  );
}

/** |a − b| ≤ 1e-5 · max(1, |b|): float32 logits of size 30 carry errors near 1e-5. */
function expectNear(a: number, b: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

describeOnBackends('gpt2 inference', () => {
  let gpt: Gpt2;
  beforeAll(async () => {
    // Large embedding weights make the distributions peaked, so greedy choices are clear-cut.
    const model = createGpt2Model(config).initialize({ seed: 11 });
    tf.tidy(() => model.setWeights({ 'wte.weight': tf.mul(model.weight('wte.weight'), 40) }));
    gpt = gpt2FromModel(model, await getEncoding('gpt2'));
    // The first inference call makes the one tensor the model keeps (its transposed output projection).
    await nextTokens(gpt, 'warm up', { top: 1 });
  });
  afterAll(() => gpt.dispose());

  it('nextTokens lists the most likely tokens with their softmax probabilities', async () => {
    const before = tf.memory().numTensors;
    const prompt = 'The best thing about AI is its ability to';
    const result = await nextTokens(gpt, prompt, { top: 5 });
    expect(result.promptIds).toEqual([464, 1266, 1517, 546, 9552, 318, 663, 2694, 284]);
    const last = logSoftmaxRows(gpt, result.promptIds).at(-1)!;
    const order = Array.from(last.keys()).sort((a, b) => last[b]! - last[a]! || a - b);
    expect(result.tokens.map((t) => t.id)).toEqual(order.slice(0, 5));
    for (const t of result.tokens) {
      expect(t.probability).toBeCloseTo(Math.exp(last[t.id]!), 5);
      expect(t.text).toBe(gpt.encoding.decode([t.id]));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('greedy generation with the KV cache follows the argmax of full forward passes, past the context', async () => {
    const before = tf.memory().numTensors;
    const prompt = 'Hello there, general';
    const out = await generateText(gpt, { prompt, maxTokens: 30, temperature: 0, stopAtEndOfText: false });
    expect(out.ids.length).toBe(30);
    expect(out.finish).toBe('length');
    expect(out.text).toBe(gpt.encoding.decode(out.ids));
    // The reference: full forward passes, no cache, over the same tokens the cache holds: the prompt,
    // then each new token, and once the context is full, the last half of everything so far.
    const ids = gpt.encoding.encode(prompt);
    const all = [...ids];
    let context = [...ids];
    const expected: number[] = [];
    for (let n = 0; n < 30; n++) {
      const next = argmax(lastLogits(gpt, context));
      expected.push(next);
      all.push(next);
      context = context.length + 1 > config.contextLength ? all.slice(-config.contextLength / 2) : [...context, next];
    }
    expect(out.ids).toEqual(expected);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sampling is reproducible by seed and depends on it', async () => {
    const a = await generateText(gpt, {
      prompt: 'Once',
      maxTokens: 12,
      temperature: 1.5,
      seed: 1,
      stopAtEndOfText: false,
    });
    const b = await generateText(gpt, {
      prompt: 'Once',
      maxTokens: 12,
      temperature: 1.5,
      seed: 1,
      stopAtEndOfText: false,
    });
    const c = await generateText(gpt, {
      prompt: 'Once',
      maxTokens: 12,
      temperature: 1.5,
      seed: 2,
      stopAtEndOfText: false,
    });
    expect(a.ids).toEqual(b.ids);
    expect(c.ids).not.toEqual(a.ids);
  });

  it('a stop string spanning two tokens ends generation before it', async () => {
    const full = await generateText(gpt, {
      prompt: 'Once upon',
      maxTokens: 12,
      temperature: 0,
      stopAtEndOfText: false,
    });
    const pieces = full.ids.map((id) => gpt.encoding.decode([id]));
    // The last character of token 3 and the first of token 4.
    const boundary = pieces.slice(0, 4).join('').length;
    const text = pieces.join('');
    const stop = text.slice(boundary - 1, boundary + 1);
    expect(stop.length).toBe(2);
    const first = text.indexOf(stop);
    const out = await generateText(gpt, {
      prompt: 'Once upon',
      maxTokens: 12,
      temperature: 0,
      stop: [stop],
      stopAtEndOfText: false,
    });
    expect(out.finish).toBe('stop');
    expect(out.text).toBe(text.slice(0, first));
  });

  it('score gives the log-probability of every token and bits per byte', () => {
    const before = tf.memory().numTensors;
    const text = 'A short text to score.';
    const result = score(gpt, text);
    const ids = [config.bosTokenId, ...gpt.encoding.encode(text)];
    const rows = logSoftmaxRows(gpt, ids);
    expect(result.tokens.map((t) => t.id)).toEqual(ids.slice(1));
    let nats = 0;
    result.tokens.forEach((t, i) => {
      expectNear(t.logProb, rows[i]![ids[i + 1]!]!);
      nats -= rows[i]![ids[i + 1]!]!;
    });
    expect(result.bytes).toBe(22);
    expectNear(result.bitsPerByte, nats / Math.LN2 / 22);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('score windows a text longer than the context; with overlap 0 each window starts fresh', () => {
    const text =
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen. '.repeat(2);
    const ids = [config.bosTokenId, ...gpt.encoding.encode(text)];
    expect(ids.length).toBeGreaterThan(config.contextLength);
    const result = score(gpt, text, { overlap: 0 });
    const first = logSoftmaxRows(gpt, ids.slice(0, config.contextLength));
    const second = logSoftmaxRows(gpt, ids.slice(config.contextLength, ids.length - 1));
    const expected = [
      ...first.map((row, i) => row[ids[i + 1]!]!),
      // A fresh window predicts from its own start: the first token of it is not scored twice.
      ...second.map((row, i) => row[ids[config.contextLength + i + 1]!]!),
    ];
    expect(result.tokens.length).toBe(ids.length - 1);
    const got = result.tokens.map((t) => t.logProb);
    expect(got.length).toBe(expected.length);
    got.forEach((g, i) => expectNear(g, expected[i]!));
  });

  it('abort and bad options give Gpt2Error', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = async (): Promise<void> => {
      for await (const token of generate(gpt, { prompt: 'x', maxTokens: 20, signal: controller.signal })) {
        seen.push(token.id);
        if (seen.length === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'Gpt2Error', code: 'ABORTED' });
    expect(seen.length).toBe(2);
    const bad = [
      { prompt: 'x', maxTokens: 0 },
      { prompt: 'x', temperature: -1 },
      { prompt: 'x', topK: 0 },
      { prompt: 'x', topP: 2 },
    ];
    for (const options of bad) {
      const error = await generateText(gpt, options).catch((e: unknown) => e);
      expect(Gpt2Error.isInstance(error), JSON.stringify(options)).toBe(true);
      expect((error as Gpt2Error).argument).toBe(Object.keys(options)[1]);
    }
    await expect(nextTokens(gpt, 'x', { top: 0 })).rejects.toThrow(/top must be/);
    expect(() => score(gpt, '')).toThrow(/text must be/);
    // A seed that is neither a safe integer nor a string is the caller's error, named as such.
    const seed = await generateText(gpt, { prompt: 'x', temperature: 1, seed: 0.5 }).catch((e: unknown) => e);
    expect(seed).toMatchObject({ name: 'Gpt2Error', code: 'INVALID_ARGUMENT', argument: 'seed' });
  });

  it('refuses special tokens written in the text unless allowSpecial, as tiktoken does', async () => {
    const text = 'one<|endoftext|>two';
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error as Gpt2Error;
      }
      throw new Error('expected a Gpt2Error');
    };
    const next = (await nextTokens(gpt, text).catch((e: unknown) => e)) as Gpt2Error;
    expect(next).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'prompt', value: '<|endoftext|>' });
    expect(next.message).toBe(
      'nextTokens: prompt contains the special token <|endoftext|>; pass allowSpecial: true to read it as one token',
    );
    expect(refused(() => score(gpt, text))).toMatchObject({ argument: 'text' });
    await expect(generateText(gpt, { prompt: text, maxTokens: 1 })).rejects.toMatchObject({ argument: 'prompt' });
    // Allowed, the special token is its one id, a document boundary.
    const ids = [...gpt.encoding.encode('one'), 50256, ...gpt.encoding.encode('two')];
    expect((await nextTokens(gpt, text, { allowSpecial: true, top: 1 })).promptIds).toEqual(ids);
    expect(score(gpt, text, { allowSpecial: true }).tokens.map((t) => t.id)).toEqual(ids);
    const generated = await generateText(gpt, { prompt: text, maxTokens: 2, temperature: 0, allowSpecial: true });
    expect(generated.ids).toHaveLength(2);
  });
});
