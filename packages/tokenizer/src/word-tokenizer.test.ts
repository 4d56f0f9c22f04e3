import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenizerError } from './errors';
import { WordTokenizer } from './word-tokenizer';

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return TokenizerError.isInstance(error)
      ? { code: error.code, argument: error.argument, value: error.value, message: error.message }
      : error;
  }
  return 'no error';
}

const TEXT = 'The cat saw the dog. The dog saw a cat; the END.';
// Counts, lower-cased: the 4, cat 2, dog 2, saw 2, a 1, end 1.

describe('WordTokenizer.fromText', () => {
  it('orders by descending count, ties by code point', () => {
    const tok = WordTokenizer.fromText(TEXT);
    expect(tok.tokens).toEqual(['the', 'cat', 'dog', 'saw', 'a', 'end']);
    expect(tok.vocabSize).toBe(6);
    expect(tok.lowercase).toBe(true);
    expect(tok.encode('The DOG, the cat!')).toEqual([0, 2, 0, 1]);
    expect(tok.decode([0, 2, 0, 1])).toBe('the dog the cat');
    expect(tok.idOf('saw')).toBe(3);
    expect(tok.idOf('Saw')).toBeUndefined();
  });

  it('keeps case with lowercase: false', () => {
    const tok = WordTokenizer.fromText(TEXT, { lowercase: false });
    // The 2, cat 2, dog 2, saw 2, the 2, END 1, a 1; by code point upper case comes first.
    expect(tok.tokens).toEqual(['The', 'cat', 'dog', 'saw', 'the', 'END', 'a']);
    expect(tok.encode('The the')).toEqual([0, 4]);
  });

  it('minCount drops rare words and maxSize keeps the most frequent', () => {
    expect(WordTokenizer.fromText(TEXT, { minCount: 2 }).tokens).toEqual(['the', 'cat', 'dog', 'saw']);
    expect(WordTokenizer.fromText(TEXT, { maxSize: 2 }).tokens).toEqual(['the', 'cat']);
    expect(WordTokenizer.fromText(TEXT, { maxSize: 0, unknownToken: true }).tokens).toEqual(['<unk>']);
    expect(WordTokenizer.fromText(TEXT, { minCount: 5 }).tokens).toEqual([]);
  });

  it('sorts ties by code point, not locale: Z before a before é', () => {
    expect(WordTokenizer.fromText('é a Z', { lowercase: false }).tokens).toEqual(['Z', 'a', 'é']);
  });

  it('words with apostrophes, accents and other scripts are words', () => {
    const tok = WordTokenizer.fromText("Don't Café ΑΘΗΝΑ don't 東京");
    expect(tok.tokens).toEqual(["don't", 'café', 'αθηνα', '東京']);
  });

  it('accepts Turkish İ, which lower-cases to i + U+0307', () => {
    const tok = WordTokenizer.fromText('İstanbul');
    expect(tok.tokens).toEqual(['i\u0307stanbul']);
    expect(tok.encode('İSTANBUL')).toEqual([0]);
  });
});

describe('WordTokenizer: unknown words', () => {
  it('without an unknown token, names the word and its UTF-16 index', () => {
    const tok = WordTokenizer.fromText('the cat');
    const error = errorOf(() => tok.encode('the 😀 Bird'));
    expect(error).toMatchObject({ code: 'UNKNOWN_SYMBOL', argument: 'text', value: 'bird' });
    expect((error as { message: string }).message).toMatch(
      /^WordTokenizer\.encode: the word "bird" \(U\+0062 U\+0069 U\+0072 U\+0064\) at index 7 is not in the vocabulary of 2 words; set unknownToken/,
    );
  });

  it('with unknownToken, unknown words get the last id', () => {
    const tok = WordTokenizer.fromText('the cat saw the dog', { unknownToken: true });
    expect(tok.tokens).toEqual(['the', 'cat', 'dog', 'saw', '<unk>']);
    expect(tok.encode('The bird saw')).toEqual([0, 4, 3]);
    expect(tok.decode([0, 4, 3])).toBe('the <unk> saw');
    expect(WordTokenizer.fromText('a', { unknownToken: 'UNK' }).encode('b a')).toEqual([1, 0]);
  });
});

describe('WordTokenizer: explicit vocabularies and counts', () => {
  it('keeps the given order and checks every word', () => {
    expect(new WordTokenizer(['b', 'a']).encode('A b')).toEqual([1, 0]);
    expect(errorOf(() => new WordTokenizer(['The']))).toMatchObject({
      code: 'INVALID_VOCABULARY',
      argument: 'words[0]',
    });
    expect(new WordTokenizer(['The'], { lowercase: false }).vocabSize).toBe(1);
    for (const bad of ['two words', 'well-known', '', "'tis", 'x1', 'e\u0301']) {
      expect(
        errorOf(() => new WordTokenizer([bad], { lowercase: false })),
        bad,
      ).toMatchObject({
        code: 'INVALID_VOCABULARY',
        argument: 'words[0]',
      });
    }
    expect(errorOf(() => new WordTokenizer(['a', 'b', 'a']))).toMatchObject({ argument: 'words[2]', value: 'a' });
    expect(errorOf(() => new WordTokenizer(['a'], { unknownToken: 'a' }))).toMatchObject({ argument: 'unknownToken' });
  });

  it('fromCounts takes a Map or pairs, each word once', () => {
    const counts = new Map([
      ['dog', 3],
      ['cat', 3],
      ['emu', 0.5],
    ]);
    expect(WordTokenizer.fromCounts(counts).tokens).toEqual(['cat', 'dog']);
    expect(WordTokenizer.fromCounts(counts, { minCount: 0 }).tokens).toEqual(['cat', 'dog', 'emu']);
    expect(WordTokenizer.fromCounts([['b', 1] as const, ['a', 2] as const]).tokens).toEqual(['a', 'b']);
    expect(
      errorOf(() =>
        WordTokenizer.fromCounts([
          ['a', 1],
          ['a', 2],
        ]),
      ),
    ).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'counts[1]' });
    expect(errorOf(() => WordTokenizer.fromCounts([['a', -1]]))).toMatchObject({ argument: 'counts[0]' });
    expect(errorOf(() => WordTokenizer.fromCounts([['a', Number.NaN]]))).toMatchObject({ argument: 'counts[0]' });
    expect(errorOf(() => WordTokenizer.fromCounts(42 as unknown as []))).toMatchObject({ argument: 'counts' });
  });

  it('refuses bad options, naming them', () => {
    expect(errorOf(() => WordTokenizer.fromText('a', { minCount: -1 }))).toMatchObject({
      argument: 'minCount',
      value: -1,
    });
    expect(errorOf(() => WordTokenizer.fromText('a', { maxSize: 1.5 }))).toMatchObject({ argument: 'maxSize' });
    expect(errorOf(() => WordTokenizer.fromText('a', { lowercase: 1 as unknown as boolean }))).toMatchObject({
      argument: 'lowercase',
    });
    expect(errorOf(() => WordTokenizer.fromText('a', { min: 2 } as object))).toMatchObject({ argument: 'options.min' });
    // Vocabulary options belong to fromText and fromCounts, not the constructor.
    expect(errorOf(() => new WordTokenizer(['a'], { maxSize: 1 } as object))).toMatchObject({
      argument: 'options.maxSize',
    });
  });

  it('decode refuses ids outside the vocabulary', () => {
    const tok = WordTokenizer.fromText('a b');
    expect(errorOf(() => tok.decode([2]))).toMatchObject({ code: 'INVALID_TOKEN', argument: 'ids[0]', value: 2 });
  });
});

describe('WordTokenizer: saving and loading', () => {
  it('toJSON and fromJSON round-trip through JSON text', () => {
    const tok = WordTokenizer.fromText(TEXT, { lowercase: false, unknownToken: true, maxSize: 3 });
    const json = JSON.parse(JSON.stringify(tok)) as ReturnType<WordTokenizer['toJSON']>;
    expect(json).toEqual({
      type: 'word-tokenizer',
      version: 1,
      lowercase: false,
      words: ['The', 'cat', 'dog'],
      unknownToken: '<unk>',
    });
    const loaded = WordTokenizer.fromJSON(json);
    expect(loaded.tokens).toEqual(['The', 'cat', 'dog', '<unk>']);
    expect(loaded.encode('The the')).toEqual([0, 3]);
  });

  it('fromJSON refuses what is not a saved word tokenizer', () => {
    const good = WordTokenizer.fromText('a').toJSON();
    for (const bad of [undefined, { ...good, type: 'character-tokenizer' }, { ...good, lowercase: 'yes' }]) {
      expect(errorOf(() => WordTokenizer.fromJSON(bad as typeof good))).toMatchObject({ argument: 'json' });
    }
  });
});

describe('WordTokenizer: properties', () => {
  const texts = fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', 'B', 'é', "'", '’', ' ', '-', 'İ', 'Σ', '𝐀', '😀'),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    ),
    maxLength: 40,
  });

  it('a tokenizer built from a text encodes it without unknowns, and decode gives its words', () => {
    fc.assert(
      fc.property(texts, fc.boolean(), (text, lowercase) => {
        const tok = WordTokenizer.fromText(text, { lowercase });
        const ids = tok.encode(text);
        const words = tok.decode(ids);
        // Compare with words found independently of the tokenizer.
        const expected = (text.match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []).map((w) => (lowercase ? w.toLowerCase() : w));
        expect(words).toBe(expected.join(' '));
        expect(new Set(ids).size).toBe(tok.vocabSize);
      }),
    );
  });
});
