import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphemesInChunks, iterateCharacters, splitCharacters } from './characters';
import { TokenizerError } from './errors';

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return TokenizerError.isInstance(error) ? [error.code, error.argument] : error;
  }
  return 'no error';
}

describe('splitCharacters by code point (the default)', () => {
  it('splits ASCII, accents and CJK one code point each', () => {
    expect(splitCharacters('')).toEqual([]);
    expect(splitCharacters('ab c')).toEqual(['a', 'b', ' ', 'c']);
    expect(splitCharacters('é東')).toEqual(['é', '東']);
  });

  it('keeps surrogate pairs together', () => {
    expect(splitCharacters('a😀\u{1d400}')).toEqual(['a', '\ud83d\ude00', '\ud835\udc00']);
  });

  it('keeps each lone surrogate as its own one-unit string', () => {
    expect(splitCharacters('\ud800a\udc00')).toEqual(['\ud800', 'a', '\udc00']);
    // A low surrogate before a high one is two lone surrogates, not a pair.
    expect(splitCharacters('\udc00\ud800')).toEqual(['\udc00', '\ud800']);
  });

  it('splits what a reader sees as one character into its code points', () => {
    expect(splitCharacters('e\u0301')).toEqual(['e', '\u0301']);
    // 👍🏽 is the thumbs-up and a skin-tone modifier; 🇯🇵 two regional indicators.
    expect(splitCharacters('👍🏽🇯🇵')).toEqual(['\u{1f44d}', '\u{1f3fd}', '\u{1f1ef}', '\u{1f1f5}']);
  });
});

describe('splitCharacters by grapheme cluster', () => {
  it('keeps marks, modifiers, flags and ZWJ sequences with their base', () => {
    const unit = { unit: 'grapheme' } as const;
    expect(splitCharacters('', unit)).toEqual([]);
    expect(splitCharacters('e\u0301x', unit)).toEqual(['e\u0301', 'x']);
    expect(splitCharacters('👍🏽🇯🇵', unit)).toEqual(['👍🏽', '🇯🇵']);
    // Woman, ZWJ, laptop: one emoji.
    expect(splitCharacters('\u{1f469}\u200d\u{1f4bb}!', unit)).toEqual(['\u{1f469}\u200d\u{1f4bb}', '!']);
    // CR LF is one grapheme cluster.
    expect(splitCharacters('a\r\nb', unit)).toEqual(['a', '\r\n', 'b']);
  });
});

describe('iterateCharacters', () => {
  it('yields the same characters as splitCharacters, lazily', () => {
    const text = 'e\u0301👍🏽\ud800z';
    expect([...iterateCharacters(text)]).toEqual(splitCharacters(text));
    expect([...iterateCharacters(text, { unit: 'grapheme' })]).toEqual(splitCharacters(text, { unit: 'grapheme' }));
    const it = iterateCharacters('ab');
    expect(it.next()).toEqual({ value: 'a', done: false });
  });

  it('checks its arguments when called, not at the first next()', () => {
    expect(errorOf(() => iterateCharacters('a', { unit: 'byte' as 'codepoint' }))).toEqual([
      'INVALID_ARGUMENT',
      'unit',
    ]);
  });
});

describe('splitCharacters: bad arguments', () => {
  it('names the argument and the value', () => {
    expect(errorOf(() => splitCharacters(7 as unknown as string))).toEqual(['INVALID_ARGUMENT', 'text']);
    expect(errorOf(() => splitCharacters('a', { unit: 'word' as 'codepoint' }))).toEqual(['INVALID_ARGUMENT', 'unit']);
    expect(errorOf(() => splitCharacters('a', { units: 'grapheme' } as object))).toEqual([
      'INVALID_ARGUMENT',
      'options.units',
    ]);
    expect(errorOf(() => splitCharacters('a', 'grapheme' as unknown as object))).toEqual([
      'INVALID_ARGUMENT',
      'options',
    ]);
  });
});

describe('splitCharacters: properties', () => {
  const anyString = fc.string({
    unit: fc.oneof(
      fc.constantFrom('e', '\u0301', '\u200d', '👍', '🏽', '🇯', '🇵', '\r', '\n', '\ud800', '\udc00'),
      fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    ),
    maxLength: 40,
  });

  it('joining the characters gives back the text, for either unit', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(splitCharacters(s).join('')).toBe(s);
        expect(splitCharacters(s, { unit: 'grapheme' }).join('')).toBe(s);
      }),
    );
  });

  it('each code point is one code point: a pair, or a single code unit', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        for (const c of splitCharacters(s)) {
          expect(c.length === 1 || (c.length === 2 && c.codePointAt(0)! > 0xffff)).toBe(true);
        }
      }),
    );
  });
});

describe('grapheme clusters of long texts', () => {
  const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
  const whole = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

  it('segments in pieces cut only where a boundary is certain: same clusters as the whole text', () => {
    const units = fc.oneof(
      fc.constantFrom(' ', '\n', '\r', 'a', 'é', 'e', '\u0301', '\u200d', '👩', '💻', '🇯', '🇵', '\u0e33', '\uff9e'),
      fc.constantFrom('\u1100', '\u1161', '\u11a8', '가', '東', 'ก', '\u0e48', 'क', '\u094d', 'ष', '\u0600', 'ا'),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    );
    fc.assert(
      fc.property(fc.string({ unit: units, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (text, chunk) => {
        expect([...graphemesInChunks(text, segmenter, chunk)]).toEqual(whole(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('splits a text of more than 65,536 code units quickly and like its lines one by one', () => {
    // Node 20's Intl.Segmenter spends about a millisecond per cluster on strings this long.
    const line = 'The quick brown fox — naïve café, e\u0301, 👍🏽 and 🇯🇵; 東京と大阪、한국어.\n';
    const text = line.repeat(Math.ceil(70_000 / line.length));
    expect(text.length).toBeGreaterThan(65_536);
    const started = performance.now();
    const clusters = splitCharacters(text, { unit: 'grapheme' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(clusters).toEqual(text.split(/(?<=\n)/).flatMap(whole));
  });
});
