import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCharacterNgrams, countWordNgrams } from './counters';
import { AddKModel, KneserNeyModel, UNKNOWN_TOKEN, type PerplexityModel } from './models';
import { perplexity, utf8Length } from './perplexity';
import { code } from './testing/error-code';

describe('AddKModel', () => {
  it('is (c(h w) + k) / (c(h •) + k·|V|), |V| counting the unknown token', () => {
    // Types: the cat sat on mat, + <unk>: |V| = 6. "the" is followed twice (cat, mat).
    const counts = countWordNgrams('the cat sat on the mat', 2);
    const model = new AddKModel(counts, { k: 1 });
    expect(model.vocabulary).toEqual(['the', 'cat', 'sat', 'on', 'mat', UNKNOWN_TOKEN]);
    expect(model.probability('cat', ['the'])).toBeCloseTo((1 + 1) / (2 + 6), 15);
    expect(model.probability('sat', ['the'])).toBeCloseTo((0 + 1) / (2 + 6), 15);
    expect(model.probability('dog', ['the'])).toBeCloseTo(1 / 8, 15);
    const half = new AddKModel(counts, { k: 0.5 });
    expect(half.probability('cat', ['the'])).toBeCloseTo(1.5 / (2 + 3), 15);
    // No context: the unigram counts, 6 tokens.
    expect(half.probability('the')).toBeCloseTo(2.5 / (6 + 3), 15);
    // An unseen context ("mat" ends the text) is uniform.
    expect(half.probability('the', ['mat'])).toBeCloseTo(1 / 6, 15);
    expect(half.probability('the', ['dog'])).toBeCloseTo(1 / 6, 15);
  });
});

describe('KneserNeyModel', () => {
  // Corpus "a b a b c", n = 2, D = 0.5. |V| = 4 (a, b, c, <unk>).
  // Bigrams: (a b) ×2, (b a) ×1, (b c) ×1.
  // Continuation counts N1+(• w): a ← {b}: 1; b ← {a}: 1; c ← {b}: 1. Sum 3, 3 types.
  //   P1(w) = max(1 − 0.5, 0)/3 + 0.5·3/3 · 1/4 = 1/6 + 1/8 = 7/24 for a, b, c; P1(<unk>) = 1/8.
  // P2(b | a): c(a •) = 2, N1+(a •) = 1: (2 − 0.5)/2 + 0.5·1/2 · 7/24 = 3/4 + 7/96 = 79/96.
  // P2(a | a) = P2(c | a) = 0.25 · 7/24 = 7/96; P2(<unk> | a) = 0.25 · 1/8 = 3/96.
  // P2(a | b): c(b •) = 2, N1+(b •) = 2: (1 − 0.5)/2 + 0.5·2/2 · 7/24 = 1/4 + 7/48 = 19/48.
  // P(w | c): c(c •) = 0 (c ends the text), so P1(w).
  // No context at all (the first token): the raw unigram counts a 2, b 2, c 1 (5 tokens, 3 types):
  //   P(a) = (2 − 0.5)/5 + 0.5·3/5 · 1/4 = 0.3 + 0.075 = 0.375.
  const counts = countWordNgrams('a b a b c', 2);
  const model = new KneserNeyModel(counts, { discount: 0.5 });

  it('matches probabilities worked out by hand', () => {
    expect(model.probability('b', ['a'])).toBeCloseTo(79 / 96, 15);
    expect(model.probability('a', ['a'])).toBeCloseTo(7 / 96, 15);
    expect(model.probability('c', ['a'])).toBeCloseTo(7 / 96, 15);
    expect(model.probability('zzz', ['a'])).toBeCloseTo(3 / 96, 15);
    expect(model.probability('a', ['b'])).toBeCloseTo(19 / 48, 15);
    expect(model.probability('a', ['c'])).toBeCloseTo(7 / 24, 15);
    expect(model.probability('a', ['zzz'])).toBeCloseTo(7 / 24, 15);
    expect(model.probability('a')).toBeCloseTo(0.375, 15);
  });

  it('gives perplexity and bits per byte worked out by hand', () => {
    // "a b": P(a) = 0.375, P(b | a) = 79/96; 3 UTF-8 bytes.
    const bits = -Math.log2(0.375) - Math.log2(79 / 96);
    const result = perplexity(model, 'a b');
    expect(result.tokens).toBe(2);
    expect(result.unknownTokens).toBe(0);
    expect(result.bits).toBeCloseTo(bits, 12);
    expect(result.bitsPerToken).toBeCloseTo(bits / 2, 12);
    expect(result.perplexity).toBeCloseTo(2 ** (bits / 2), 12);
    expect(result.bytes).toBe(3);
    expect(result.bitsPerByte).toBeCloseTo(bits / 3, 12);
    expect(perplexity(model, 'a q').unknownTokens).toBe(1);
  });

  it('sums to 1 over the vocabulary for any corpus, order, discount and context', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 0, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 4 }),
        (words, n, discount, context) => {
          const c = countWordNgrams(words.join(' '), n);
          for (const m of [new KneserNeyModel(c, { discount }), new AddKModel(c, { k: discount })]) {
            const dist = m.distribution(context);
            expect(dist.length).toBe(c.vocabulary.length + 1);
            expect(dist.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
            for (const p of dist) expect(p).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sums to 1 over the characters of a character model', () => {
    const chars = countCharacterNgrams('the cat sat on the mat', 3, { words: true });
    const kn = new KneserNeyModel(chars);
    for (const context of [[], ['t'], ['t', 'h'], [' ', 'q']]) {
      expect(kn.distribution(context).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    }
  });

  it('refuses bad options, naming them', () => {
    expect(code(() => new KneserNeyModel(counts, { discount: 0 }))).toEqual(['INVALID_ARGUMENT', 'discount']);
    expect(code(() => new KneserNeyModel(counts, { discount: 1.5 }))).toEqual(['INVALID_ARGUMENT', 'discount']);
    expect(code(() => new AddKModel(counts, { k: -1 }))).toEqual(['INVALID_ARGUMENT', 'k']);
    expect(code(() => new AddKModel({} as never))).toEqual(['INVALID_ARGUMENT', 'counts']);
    expect(code(() => perplexity(model, ''))).toEqual(['INVALID_ARGUMENT', 'text']);
    expect(code(() => perplexity({} as never, 'a'))).toEqual(['INVALID_ARGUMENT', 'model']);
  });
});

describe('perplexity', () => {
  it('of a uniform model over V tokens is V', () => {
    const V = 7;
    const uniform: PerplexityModel = {
      order: 3,
      encode: (text) => Array.from(text, (c) => c.charCodeAt(0) % V),
      probabilityOfIds: () => 1 / V,
    };
    const result = perplexity(uniform, 'any text at all');
    expect(result.perplexity).toBeCloseTo(V, 12);
    expect(result.bitsPerToken).toBeCloseTo(Math.log2(V), 12);
  });

  it('counts UTF-8 bytes for bits per byte', () => {
    // "aé": 2 tokens at 1/4 each = 4 bits, over 1 + 2 bytes.
    const uniform: PerplexityModel = { order: 1, encode: (t) => Array.from(t, () => 0), probabilityOfIds: () => 0.25 };
    expect(perplexity(uniform, 'aé').bitsPerByte).toBeCloseTo(4 / 3, 15);
    expect(utf8Length('aé😀\u4e2d')).toBe(1 + 2 + 4 + 3);
    expect(utf8Length('\ud800x')).toBe(4);
    for (const s of ['', 'abc', 'é', '😀😀', '\udc00', 'a\ud83d'])
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('drops as the order grows on text like the training text', () => {
    const train = 'the cat sat on the mat and the dog sat on the log '.repeat(20);
    const held = 'the dog sat on the mat';
    const ppl = [1, 2, 3].map((n) => perplexity(new KneserNeyModel(countWordNgrams(train, n)), held).perplexity);
    expect(ppl[1]!).toBeLessThan(ppl[0]!);
    expect(ppl[2]!).toBeLessThan(ppl[1]!);
  });
});
