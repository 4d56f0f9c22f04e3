// Bits per byte against hand computations: a code length in nats converted by hand, and a GPT-2 whose
// output is uniform over the 257 byte ids (zero token embedding, tied output layer), which must cost
// exactly log2 257 bits for every byte of the text, multi-byte characters included.
import { bitsPerByte, createGpt2Model, gpt2Config } from '@chatgpt-explained/gpt2';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { natsToBitsPerByte, utf8Bytes } from './bits-per-byte';
import { byteLevelEncoding } from './byte-tokenizer';

tf.env().set('PROD', true);

describe('natsToBitsPerByte (essay 10.1)', () => {
  it('matches a hand computation', () => {
    // Three tokens with P = 1/2, 1/4, 1/8: −ln P sums to 6 ln 2 nats = 6 bits, over 2 bytes: 3 bits per byte.
    expect(natsToBitsPerByte(Math.log(2) + Math.log(4) + Math.log(8), 2)).toBeCloseTo(3, 12);
    // A mean loss of 1.2 nats per token over 500 tokens of 1,650 bytes: 600 / ln 2 / 1650.
    expect(natsToBitsPerByte(1.2 * 500, 1650)).toBeCloseTo(600 / 0.6931471805599453 / 1650, 12);
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Bytes('héllo 🐋')).toBe(1 + 2 + 3 + 1 + 4);
  });

  it('refuses a byte count below 1 and a negative code length', () => {
    expect(() => natsToBitsPerByte(1, 0)).toThrow(EssayError);
    expect(() => natsToBitsPerByte(-1, 3)).toThrow(/nats/);
  });
});

describe('a uniform byte-level GPT costs log2 257 bits per byte', () => {
  beforeAll(async () => {
    await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  it('over a text with multi-byte characters', async () => {
    const encoding = byteLevelEncoding();
    const config = gpt2Config({ contextLength: 16, embedDim: 8, layers: 1, heads: 2, vocabSize: 257, eosTokenId: 256 });
    const model = createGpt2Model(config);
    const before = tf.memory().numTensors;
    model.initialize({ seed: 1 });
    const wte = Object.keys(await model.readWeights()).find((name) => name.includes('wte'))!;
    // Zero token embeddings: the tied output layer gives every id the logit 0.
    model.setWeights({ [wte]: new Float32Array(257 * 8) });
    const text = 'Ahab — “naïve” 🐋!';
    const bytes = utf8Bytes(text);
    const ids = Int32Array.from([256, ...encoding.encode(text)]);
    const r = await bitsPerByte(model, ids, bytes, { contextLength: 16 });
    expect(r.tokens).toBe(bytes);
    expect(r.bitsPerByte).toBeCloseTo(Math.log2(257), 5);
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });
});
