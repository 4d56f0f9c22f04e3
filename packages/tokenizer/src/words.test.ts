import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenizerError } from './errors';
import { iterateWords, splitWords, WORD_PATTERN } from './words';

/** The definition, written out again here so the tests do not lean on WORD_PATTERN. */
const ANCHORED = /^\p{L}+(?:['’]\p{L}+)*$/u;

describe('splitWords', () => {
  it('finds runs of letters and lower-cases them by default', () => {
    expect(splitWords('The Cat sat.')).toEqual(['the', 'cat', 'sat']);
    expect(splitWords('The Cat sat.', { lowercase: false })).toEqual(['The', 'Cat', 'sat']);
    expect(splitWords('')).toEqual([]);
    expect(splitWords('  42 — !? ')).toEqual([]);
  });

  it("keeps an inner ' or ’ and drops outer ones", () => {
    expect(splitWords("don't")).toEqual(["don't"]);
    expect(splitWords('rock’n’roll')).toEqual(['rock’n’roll']);
    expect(splitWords("'tis")).toEqual(['tis']);
    expect(splitWords("cats'")).toEqual(['cats']);
    expect(splitWords("'quoted'")).toEqual(['quoted']);
    // Two apostrophes in a row, or one with no letter after it, end the word.
    expect(splitWords("a''b")).toEqual(['a', 'b']);
    expect(splitWords("o' clock")).toEqual(['o', 'clock']);
    // A mixed pair is still one word; other apostrophe-like marks are not apostrophes.
    expect(splitWords("ma'am’s")).toEqual(["ma'am’s"]);
    expect(splitWords('it`s it‘s')).toEqual(['it', 's', 'it', 's']);
  });

  it('splits at hyphens, digits, underscores and punctuation', () => {
    expect(splitWords('well-known state-of-the-art')).toEqual(['well', 'known', 'state', 'of', 'the', 'art']);
    expect(splitWords('mp3 x86_64 snake_case')).toEqual(['mp', 'x', 'snake', 'case']);
    expect(splitWords('e.g. U.S.A.')).toEqual(['e', 'g', 'u', 's', 'a']);
  });

  it('counts accented, Greek, Cyrillic and CJK letters as letters', () => {
    expect(splitWords('Café naïve Ångström')).toEqual(['café', 'naïve', 'ångström']);
    expect(splitWords('ΑΘΗΝΑ Москва')).toEqual(['αθηνα', 'москва']);
    // Greek capital sigma lower-cases to the final form ς at the end of a word, σ elsewhere.
    expect(splitWords('ΣΟΦΟΣ')).toEqual(['\u03c3\u03bf\u03c6\u03bf\u03c2']);
    // Nothing separates CJK ideographs or kana, so a run of them is one word; 、 and 。 separate.
    expect(splitWords('東京と大阪、ひらがな。')).toEqual(['東京と大阪', 'ひらがな']);
    expect(splitWords('한국어 text')).toEqual(['한국어', 'text']);
  });

  it('lower-cases without a locale: Turkish İ becomes i + U+0307, I becomes i', () => {
    expect(splitWords('IRMAK')).toEqual(['irmak']);
    // U+0130 lower-cases to i followed by the combining dot above, in every locale.
    expect(splitWords('İstanbul')).toEqual(['i\u0307stanbul']);
  });

  it('splits at combining marks, which are not letters (the definition taken literally)', () => {
    // Precomposed é (U+00E9) is a letter; e + U+0301 is a letter and a mark.
    expect(splitWords('caf\u00e9')).toEqual(['caf\u00e9']);
    expect(splitWords('cafe\u0301s')).toEqual(['cafe', 's']);
    expect(splitWords('cafe\u0301s'.normalize('NFC'))).toEqual(['caf\u00e9s']);
  });

  it('takes letters outside the BMP whole and never treats emoji as letters', () => {
    // 𝐀 (U+1D400, MATHEMATICAL BOLD CAPITAL A) is a letter written as a surrogate pair; its
    // lower-case is itself.
    expect(splitWords('x\u{1d400}y')).toEqual(['x\u{1d400}y']);
    expect(splitWords('I😀love🍕')).toEqual(['i', 'love']);
    expect(splitWords('👍🏽')).toEqual([]);
  });

  it('treats lone surrogates as separators', () => {
    expect(splitWords('ab\ud800cd\udc00ef')).toEqual(['ab', 'cd', 'ef']);
  });

  it('refuses bad arguments, naming them', () => {
    const call = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return TokenizerError.isInstance(error) ? [error.code, error.argument] : error;
      }
      return 'no error';
    };
    expect(call(() => splitWords(42 as unknown as string))).toEqual(['INVALID_ARGUMENT', 'text']);
    expect(call(() => splitWords('a', { lowercase: 'no' as unknown as boolean }))).toEqual([
      'INVALID_ARGUMENT',
      'lowercase',
    ]);
    expect(call(() => splitWords('a', { lowerCase: false } as object))).toEqual([
      'INVALID_ARGUMENT',
      'options.lowerCase',
    ]);
    expect(call(() => iterateWords(null as unknown as string))).toEqual(['INVALID_ARGUMENT', 'text']);
  });
});

describe('iterateWords', () => {
  it('gives each word with its UTF-16 span in the original text', () => {
    expect([...iterateWords("Don't STOP, 𝐀b!")]).toEqual([
      { word: "don't", start: 0, end: 5 },
      { word: 'stop', start: 6, end: 10 },
      // 𝐀 takes two code units.
      { word: '𝐀b', start: 12, end: 15 },
    ]);
  });

  it('spans cover the word as written even when lower-casing changes its length', () => {
    const text = 'x İİ y';
    const [, middle] = [...iterateWords(text)];
    expect(middle).toEqual({ word: 'i\u0307i\u0307', start: 2, end: 4 });
    expect(text.slice(middle!.start, middle!.end)).toBe('İİ');
  });
});

describe('words: properties', () => {
  const texts = fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', 'Z', 'é', 'e\u0301', "'", '’', '-', ' ', '1', '𝐀', '😀', 'Ж', '東', '\ud800', '\udc00'),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    ),
    maxLength: 40,
  });

  it('every word occurs in the text at its span, matches the definition, and is maximal', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const words = splitWords(text, { lowercase: false });
        const spans = [...iterateWords(text, { lowercase: false })];
        expect(spans.map((s) => s.word)).toEqual(words);
        let previousEnd = 0;
        for (const { word, start, end } of spans) {
          expect(text.includes(word)).toBe(true);
          expect(text.slice(start, end)).toBe(word);
          expect(ANCHORED.test(word)).toBe(true);
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          // Maximal: no letter touches either end of it.
          expect(/\p{L}$/u.test(text.slice(0, start))).toBe(false);
          expect(/^\p{L}/u.test(text.slice(end))).toBe(false);
          previousEnd = end;
        }
      }),
    );
  });

  it('lower-cased words are the lower-cased original words', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(splitWords(text)).toEqual(splitWords(text, { lowercase: false }).map((w) => w.toLowerCase()));
      }),
    );
  });

  it('WORD_PATTERN is the definition and holds no state', () => {
    expect(WORD_PATTERN.flags).toBe('u');
    expect(new RegExp(`^(?:${WORD_PATTERN.source})$`, 'u').test("rock’n'roll")).toBe(true);
  });
});
