import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CharacterTokenizer } from './character-tokenizer';
import { TokenizerError } from './errors';

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

describe('CharacterTokenizer.fromText', () => {
  it('gives ids in code-point order, whatever the order of the text', () => {
    const tok = CharacterTokenizer.fromText('hello world');
    expect(tok.tokens).toEqual([' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(tok.vocabSize).toBe(8);
    expect(CharacterTokenizer.fromText('dlrow olleh').tokens).toEqual(tok.tokens);
    expect(tok.encode('hello')).toEqual([3, 2, 4, 4, 5]);
    expect(tok.decode([3, 2, 4, 4, 5])).toBe('hello');
    expect(tok.idOf('w')).toBe(7);
    expect(tok.idOf('z')).toBeUndefined();
    expect(tok.unknownToken).toBeUndefined();
    expect(tok.unknownId).toBeUndefined();
  });

  it('orders by code point, not by UTF-16 unit: 😀 (U+1F600) after ｚ (U+FF5A)', () => {
    // In UTF-16 😀 starts with 0xD83D, which sorts before 0xFF5A; by code point it comes after.
    expect(CharacterTokenizer.fromText('😀ｚa').tokens).toEqual(['a', 'ｚ', '😀']);
  });

  it('keeps lone surrogates as characters of their own', () => {
    const tok = CharacterTokenizer.fromText('\udc00a\ud800');
    expect(tok.tokens).toEqual(['a', '\ud800', '\udc00']);
    expect(tok.encode('\udc00\ud800')).toEqual([2, 1]);
    // The two in the other order are a pair, U+10000, which is not in the vocabulary.
    expect(errorOf(() => tok.encode('\ud800\udc00'))).toMatchObject({ code: 'UNKNOWN_SYMBOL', value: '\u{10000}' });
  });

  it('with unit grapheme, a character is a grapheme cluster', () => {
    const tok = CharacterTokenizer.fromText('e\u0301e👍🏽', { unit: 'grapheme' });
    // e (U+0065) < e + U+0301 (a longer string with the same start) < 👍🏽 (U+1F44D).
    expect(tok.tokens).toEqual(['e', 'e\u0301', '👍🏽']);
    expect(tok.unit).toBe('grapheme');
    expect(tok.encode('👍🏽e\u0301')).toEqual([2, 1]);
  });

  it('an empty text gives an empty vocabulary', () => {
    const tok = CharacterTokenizer.fromText('');
    expect(tok.vocabSize).toBe(0);
    expect(tok.encode('')).toEqual([]);
    expect(tok.decode([])).toBe('');
  });
});

describe('CharacterTokenizer: unknown characters', () => {
  it('without an unknown token, names the character and its UTF-16 index', () => {
    const tok = CharacterTokenizer.fromText('abc');
    const error = errorOf(() => tok.encode('ab😀z'));
    expect(error).toMatchObject({ code: 'UNKNOWN_SYMBOL', argument: 'text', value: '😀' });
    expect((error as { message: string }).message).toBe(
      'CharacterTokenizer.encode: the character "😀" (U+1F600) at index 2 is not in the vocabulary of 3 characters; set unknownToken to encode such characters as one id',
    );
  });

  it('with unknownToken: true, unknown characters get the last id, <unk>', () => {
    const tok = CharacterTokenizer.fromText('abc', { unknownToken: true });
    expect(tok.tokens).toEqual(['a', 'b', 'c', '<unk>']);
    expect(tok.unknownId).toBe(3);
    expect(tok.idOf('<unk>')).toBe(3);
    expect(tok.encode('a😀zc')).toEqual([0, 3, 3, 2]);
    expect(tok.decode([0, 3, 2])).toBe('a<unk>c');
  });

  it('takes a custom unknown token, which must not be a character of the vocabulary', () => {
    expect(CharacterTokenizer.fromText('ab', { unknownToken: '?' }).encode('a!')).toEqual([0, 2]);
    expect(errorOf(() => CharacterTokenizer.fromText('a?', { unknownToken: '?' }))).toMatchObject({
      code: 'INVALID_VOCABULARY',
      argument: 'unknownToken',
    });
    expect(errorOf(() => CharacterTokenizer.fromText('a', { unknownToken: '' }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'unknownToken',
    });
  });
});

describe('CharacterTokenizer: an explicit vocabulary', () => {
  it('keeps the given order', () => {
    const tok = new CharacterTokenizer(['z', 'a', '\n']);
    expect(tok.encode('a\nz')).toEqual([1, 2, 0]);
  });

  it('refuses duplicates, empty strings and strings of several characters', () => {
    expect(errorOf(() => new CharacterTokenizer(['a', 'b', 'a']))).toMatchObject({
      code: 'INVALID_VOCABULARY',
      argument: 'characters[2]',
      value: 'a',
    });
    expect(errorOf(() => new CharacterTokenizer(['']))).toMatchObject({
      code: 'INVALID_VOCABULARY',
      argument: 'characters[0]',
    });
    expect(errorOf(() => new CharacterTokenizer(['ab']))).toMatchObject({ argument: 'characters[0]' });
    // e + U+0301 is two code points but one grapheme.
    expect(errorOf(() => new CharacterTokenizer(['e\u0301']))).toMatchObject({ argument: 'characters[0]' });
    expect(new CharacterTokenizer(['e\u0301'], { unit: 'grapheme' }).vocabSize).toBe(1);
    expect(errorOf(() => new CharacterTokenizer('abc' as unknown as string[]))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'characters',
    });
  });

  it('decode refuses ids outside the vocabulary, naming the index', () => {
    const tok = CharacterTokenizer.fromText('ab');
    expect(errorOf(() => tok.decode([0, 2]))).toMatchObject({ code: 'INVALID_TOKEN', argument: 'ids[1]', value: 2 });
    expect(errorOf(() => tok.decode([0.5]))).toMatchObject({ code: 'INVALID_TOKEN', argument: 'ids[0]' });
    expect(errorOf(() => tok.decode([-1]))).toMatchObject({ code: 'INVALID_TOKEN', argument: 'ids[0]' });
    expect(errorOf(() => tok.decode(5 as unknown as number[]))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'ids',
    });
    expect(tok.decode(new Uint16Array([1, 0]))).toBe('ba');
  });

  it('refuses unknown options and bad option values', () => {
    expect(errorOf(() => CharacterTokenizer.fromText('a', { unit: 'byte' as 'codepoint' }))).toMatchObject({
      argument: 'unit',
      value: 'byte',
    });
    expect(errorOf(() => CharacterTokenizer.fromText('a', { unk: true } as object))).toMatchObject({
      argument: 'options.unk',
    });
    expect(errorOf(() => CharacterTokenizer.fromText(null as unknown as string))).toMatchObject({ argument: 'text' });
    expect(errorOf(() => CharacterTokenizer.fromText('a').encode(1 as unknown as string))).toMatchObject({
      argument: 'text',
    });
  });
});

describe('CharacterTokenizer: saving and loading', () => {
  it('toJSON and fromJSON give the same tokenizer, through JSON text', () => {
    const tok = CharacterTokenizer.fromText('ba\ud800😀', { unit: 'codepoint', unknownToken: '<?>' });
    const json = JSON.parse(JSON.stringify(tok)) as ReturnType<CharacterTokenizer['toJSON']>;
    expect(json).toEqual({
      type: 'character-tokenizer',
      version: 1,
      unit: 'codepoint',
      characters: ['a', 'b', '\ud800', '😀'],
      unknownToken: '<?>',
    });
    const loaded = CharacterTokenizer.fromJSON(json);
    expect(loaded.tokens).toEqual(tok.tokens);
    expect(loaded.encode('a\ud800x')).toEqual([0, 2, 4]);
    expect(CharacterTokenizer.fromJSON(CharacterTokenizer.fromText('x').toJSON()).unknownToken).toBeUndefined();
  });

  it('fromJSON refuses what is not a saved character tokenizer', () => {
    const good = CharacterTokenizer.fromText('ab').toJSON();
    for (const bad of [
      null,
      'x',
      { ...good, type: 'word-tokenizer' },
      { ...good, version: 2 },
      { ...good, unit: undefined },
    ]) {
      expect(errorOf(() => CharacterTokenizer.fromJSON(bad as typeof good))).toMatchObject({
        code: 'INVALID_ARGUMENT',
        argument: 'json',
      });
    }
    expect(errorOf(() => CharacterTokenizer.fromJSON({ ...good, characters: ['a', 'a'] }))).toMatchObject({
      code: 'INVALID_VOCABULARY',
    });
  });
});

describe('CharacterTokenizer: properties', () => {
  const anyString = fc.string({
    unit: fc.oneof(
      fc.constantFrom('e', '\u0301', '👍', '🏽', '\ud800', '\udc00', '\r', '\n'),
      fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    ),
    maxLength: 50,
  });

  it('decode(encode(s)) === s for the tokenizer built from s, either unit', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom('codepoint' as const, 'grapheme' as const), (s, unit) => {
        const tok = CharacterTokenizer.fromText(s, { unit });
        const ids = tok.encode(s);
        expect(tok.decode(ids)).toBe(s);
        for (const id of ids) expect(id >= 0 && id < tok.vocabSize).toBe(true);
      }),
    );
  });

  it('every id encodes back to itself (decode then encode), for well-formed text', () => {
    // Lone surrogates are excluded: decoding a high one then a low one joins them into a pair.
    fc.assert(
      fc.property(
        anyString.filter((s) => !/\p{Cs}/u.test(s)),
        (s) => {
          const tok = CharacterTokenizer.fromText(s);
          const all = tok.tokens.map((_, id) => id);
          expect(tok.encode(tok.decode(all))).toEqual(all);
        },
      ),
    );
  });
});
