// Parity with OpenAI's encodings, with js-tiktoken (a devDependency) as the oracle: the same ids for
// every text of a hand-assembled corpus, for thousands of seeded mixtures of it, and for arbitrary
// strings from fast-check, lone surrogates included.
import fc from 'fast-check';
import { getEncoding as oracleEncoding, type Tiktoken } from 'js-tiktoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { getEncoding, type Encoding, type EncodingName } from './index';
import { mixedParityTexts, PARITY_TEXTS } from './testing/parity-corpus';

/** Characters that make pre-tokenization interesting, for fast-check to combine. */
const TRICKY_UNITS = [
  ' ',
  '  ',
  '\n',
  '\r',
  '\t',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\u0085',
  "'",
  '’',
  's',
  't',
  're',
  'll',
  'S',
  'a',
  'Z',
  'é',
  'e\u0301',
  '\u0301',
  '1',
  '٣',
  '²',
  'Ⅻ',
  '!',
  '.',
  '<|',
  '|>',
  '😀',
  '👍🏽',
  '\u200d',
  '🇯',
  '🇵',
  '你',
  'の',
  '한',
  '\ud800',
  '\udc00',
  '\ud83d',
  '\ude00',
  'x',
  'ab',
  '0',
  '_',
  '-',
  '/',
  '=',
];

const trickyString = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...TRICKY_UNITS),
    fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
    fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  ),
  maxLength: 40,
});

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
/** The text with lone surrogates replaced by U+FFFD, as a UTF-8 round trip leaves it. */
function toWellFormed(text: string): string {
  return utf8Decoder.decode(utf8.encode(text));
}

function firstDifference(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function expectParity(ours: Encoding, oracle: Tiktoken, text: string): void {
  const got = ours.encode(text, { disallowedSpecial: [] });
  const want = oracle.encode(text, [], []);
  if (firstDifference(got, want) !== -1) {
    // A readable failure: the text and both id lists.
    expect({ text, got }).toEqual({ text, got: want });
  }
}

const CASES: readonly {
  name: EncodingName;
  oracle: 'gpt2' | 'cl100k_base' | 'o200k_base';
  mixtures: number;
  runs: number;
}[] = [
  { name: 'gpt2', oracle: 'gpt2', mixtures: 3000, runs: 3000 },
  { name: 'cl100k_base', oracle: 'cl100k_base', mixtures: 500, runs: 1000 },
  { name: 'o200k_base', oracle: 'o200k_base', mixtures: 500, runs: 1000 },
];

describe.each(CASES)('$name parity with js-tiktoken', ({ name, oracle: oracleName, mixtures, runs }) => {
  let ours: Encoding;
  let oracle: Tiktoken;
  beforeAll(async () => {
    ours = await getEncoding(name);
    oracle = oracleEncoding(oracleName);
  });

  it('encodes every text of the hand-assembled corpus to the same ids', () => {
    for (const text of PARITY_TEXTS) expectParity(ours, oracle, text);
  });

  it(`encodes ${mixtures} seeded mixtures of the corpus to the same ids`, () => {
    for (const text of mixedParityTexts(mixtures, 7)) expectParity(ours, oracle, text);
  });

  it('encodes arbitrary strings, lone surrogates included, to the same ids (fast-check)', () => {
    fc.assert(
      fc.property(trickyString, (text) => {
        expect(ours.encode(text, { disallowedSpecial: [] })).toEqual(oracle.encode(text, [], []));
      }),
      { numRuns: runs, seed: 42 },
    );
  });

  it('decodes the oracle’s ids back to the text (lone surrogates as U+FFFD)', () => {
    // Not compared with the oracle's decode: js-tiktoken drops a leading U+FEFF (TextDecoder's
    // default); tiktoken keeps it, and so do we.
    for (const text of mixedParityTexts(300, 11)) {
      expect(ours.decode(oracle.encode(text, [], []))).toBe(toWellFormed(text));
    }
  });

  it('has the oracle’s vocabulary size and end-of-text id', () => {
    const eot = oracle.encode('<|endoftext|>', 'all');
    expect(eot).toEqual([ours.eotToken]);
    expect(ours.encode('<|endoftext|>', { allowedSpecial: 'all' })).toEqual(eot);
  });
});

describe('gpt2 round trip (fast-check)', () => {
  let gpt2: Encoding;
  beforeAll(async () => {
    gpt2 = await getEncoding('gpt2');
  });

  it('decode(encode(s)) === s for arbitrary well-formed strings', () => {
    const wellFormed = fc
      .oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), trickyString)
      .filter((s) => toWellFormed(s) === s);
    fc.assert(
      fc.property(wellFormed, (text) => {
        expect(gpt2.decode(gpt2.encode(text, { disallowedSpecial: [] }))).toBe(text);
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('encodes a lone surrogate as U+FFFD, as a UTF-8 encoder would', () => {
    expect(gpt2.encode('a\ud800b')).toEqual(gpt2.encode('a\ufffdb'));
    expect(gpt2.decode(gpt2.encode('\udc00'))).toBe('\ufffd');
  });
});
