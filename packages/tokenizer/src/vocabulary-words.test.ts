import { getEncoding as oracleEncoding } from 'js-tiktoken';
import { beforeAll, describe, expect, it } from 'vitest';
import wordFrequencies from '../test-fixtures/en-words-head.txt?raw';
import { createEncoding } from './create-encoding';
import { TokenizerError } from './errors';
import { getEncoding } from './get-encoding';
import type { Encoding } from './types';
import { classifyVocabulary } from './vocabulary-words';

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * 256 single bytes, then 12 hand-picked tokens, then `<|endoftext|>` (id 268). Of the single
 * bytes, 52 are ASCII letters and 204 are not letters (controls, digits, punctuation, and the
 * bytes 0x80–0xFF, which are never whole UTF-8 characters on their own).
 */
const EXTRA_TOKENS: readonly (readonly [Uint8Array, string])[] = [
  [utf8(' the'), 'word, with a space'], // 256
  [utf8('the'), 'word'], // 257
  [utf8('ing'), 'fragment'], // 258
  [utf8(' ing'), 'fragment, with a space'], // 259
  [utf8('The'), 'word (case-folded)'], // 260
  [utf8(' 42'), 'nonText'], // 261
  [utf8("'s"), 'nonText (apostrophe)'], // 262
  [utf8(' café'), 'word, with a space'], // 263
  [new Uint8Array([0xf0, 0x9f]), 'nonText (partial UTF-8)'], // 264
  [utf8('  the'), 'nonText (only one space is removed)'], // 265
  [utf8('cat'), 'word'], // 266
  [new Uint8Array([0x20, 0xe2, 0x80]), 'nonText (space and partial UTF-8)'], // 267
];

function fakeEncoding(): Encoding {
  const tokens = Array.from({ length: 256 }, (_, b) => new Uint8Array([b]));
  return createEncoding({
    name: 'fake',
    tokens: [...tokens, ...EXTRA_TOKENS.map(([bytes]) => bytes)],
    pattern: 'gpt2',
    specialTokens: { '<|endoftext|>': 268 },
  });
}

const WORD_LIST = ['the', 'a', 'I', 'Café', 'cat', "don't"];

describe('classifyVocabulary on a hand-made vocabulary', () => {
  it('counts each class by the documented rules', () => {
    const report = classifyVocabulary(fakeEncoding(), WORD_LIST, { examples: 3 });
    // Words: single letters a, A, i, I (4), then ids 256, 257, 260, 263, 266 (5).
    // Fragments: the other 48 single letters, then 258 and 259.
    // Non-text: 204 single bytes, then 261, 262, 264, 265, 267.
    expect(report).toEqual({
      total: 269,
      words: {
        count: 9,
        withLeadingSpace: 2,
        examples: [
          { id: 65, text: 'A' },
          { id: 73, text: 'I' },
          { id: 97, text: 'a' },
        ],
      },
      fragments: {
        count: 50,
        withLeadingSpace: 1,
        examples: [
          { id: 66, text: 'B' },
          { id: 67, text: 'C' },
          { id: 68, text: 'D' },
        ],
      },
      nonText: {
        count: 209,
        examples: [
          { id: 0, text: '\u0000' },
          { id: 1, text: '\u0001' },
          { id: 2, text: '\u0002' },
        ],
      },
      special: { count: 1 },
      unused: { count: 0 },
    });
  });

  it('byToken gives the class of every id', () => {
    const { byToken } = classifyVocabulary(fakeEncoding(), WORD_LIST, { byToken: true, examples: 0 });
    expect(byToken).toHaveLength(269);
    expect(byToken!.slice(256)).toEqual([
      'word',
      'word',
      'fragment',
      'fragment',
      'word',
      'nonText',
      'nonText',
      'word',
      'nonText',
      'nonText',
      'word',
      'nonText',
      'special',
    ]);
    expect([byToken![0x41], byToken![0x42], byToken![0x30], byToken![0xc3]]).toEqual([
      'word',
      'fragment',
      'nonText',
      'nonText',
    ]);
    expect(classifyVocabulary(fakeEncoding(), WORD_LIST)).not.toHaveProperty('byToken');
  });

  it('the word list decides: an empty list makes every letter token a fragment', () => {
    const report = classifyVocabulary(fakeEncoding(), new Set<string>());
    expect([report.words.count, report.fragments.count, report.nonText.count]).toEqual([0, 59, 209]);
    expect(report.fragments.withLeadingSpace).toBe(3);
    expect(report.words.examples).toEqual([]);
  });

  it('ids that are no token are counted as unused', () => {
    const tokens = Array.from({ length: 256 }, (_, b) => new Uint8Array([b]));
    const gapped = createEncoding({ name: 'gapped', tokens, pattern: 'gpt2', specialTokens: { '<|endoftext|>': 258 } });
    const report = classifyVocabulary(gapped, ['a']);
    expect(report.total).toBe(259);
    expect(report.unused.count).toBe(2);
    expect(report.words.count + report.fragments.count + report.nonText.count + report.special.count).toBe(257);
  });

  it('refuses bad arguments, naming them', () => {
    const errorOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return TokenizerError.isInstance(error) ? [error.code, error.argument] : error;
      }
      return 'no error';
    };
    const enc = fakeEncoding();
    expect(errorOf(() => classifyVocabulary({} as Encoding, []))).toEqual(['INVALID_ARGUMENT', 'encoding']);
    expect(errorOf(() => classifyVocabulary(enc, 'the' as unknown as string[]))).toEqual([
      'INVALID_ARGUMENT',
      'wordList',
    ]);
    expect(errorOf(() => classifyVocabulary(enc, ['a', 3 as unknown as string]))).toEqual([
      'INVALID_ARGUMENT',
      'wordList[1]',
    ]);
    expect(errorOf(() => classifyVocabulary(enc, [], { examples: -1 }))).toEqual(['INVALID_ARGUMENT', 'examples']);
    expect(errorOf(() => classifyVocabulary(enc, [], { byToken: 1 as unknown as boolean }))).toEqual([
      'INVALID_ARGUMENT',
      'byToken',
    ]);
    expect(errorOf(() => classifyVocabulary(enc, [], { example: 3 } as object))).toEqual([
      'INVALID_ARGUMENT',
      'options.example',
    ]);
  });
});

describe('classifyVocabulary on GPT-2 with the English word list', () => {
  // The first 12,500 lines of data/wordfreq/en_50k.txt, "word count" per line, most frequent first.
  const headWords = wordFrequencies
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.slice(0, line.indexOf(' ')));
  // Further down, the subtitle list holds splitting debris such as "ing" (rank 12,197).
  const topWords = headWords.slice(0, 10_000);
  let gpt2: Encoding;
  beforeAll(async () => {
    gpt2 = await getEncoding('gpt2');
  });

  it('reads the head of the list', () => {
    expect(headWords).toHaveLength(12_500);
    expect(headWords.slice(0, 3)).toEqual(['you', 'i', 'the']);
    expect(headWords.indexOf('ing')).toBe(12_196);
  });

  it('" the" and "The" are words, "ing" a fragment, and the classes add up to 50,257', () => {
    const report = classifyVocabulary(gpt2, topWords, { byToken: true });
    const byToken = report.byToken!;
    // Ids from OpenAI's encoding through js-tiktoken, not from this package.
    const oracle = oracleEncoding('gpt2');
    expect([oracle.decode([262]), oracle.decode([464]), oracle.decode([278]), oracle.decode([13])]).toEqual([
      ' the',
      'The',
      'ing',
      '.',
    ]);
    expect([byToken[262], byToken[464], byToken[278], byToken[13], byToken[50256]]).toEqual([
      'word',
      'word',
      'fragment',
      'nonText',
      'special',
    ]);
    expect(report.total).toBe(50_257);
    expect(report.special.count).toBe(1);
    expect(report.unused.count).toBe(0);
    expect(report.words.count + report.fragments.count + report.nonText.count + report.special.count).toBe(50_257);
    expect(report.words.withLeadingSpace).toBeLessThanOrEqual(report.words.count);
    // GPT-2's vocabulary is mostly letters; a large share of them are words.
    expect(report.words.count).toBeGreaterThan(10_000);
    expect(report.fragments.count).toBeGreaterThan(10_000);
  });

  it('agrees with the same rules applied to js-tiktoken’s decoding of every id', () => {
    const report = classifyVocabulary(gpt2, topWords);
    const oracle = oracleEncoding('gpt2');
    const dictionary = new Set(topWords);
    const counts = { word: 0, fragment: 0, nonText: 0, spacedWords: 0 };
    for (let id = 0; id < 50_256; id++) {
      // Lossy decoding: partial UTF-8 shows U+FFFD, which is no letter, so it is non-text here too.
      const text = oracle.decode([id]);
      const body = text.startsWith(' ') ? text.slice(1) : text;
      if (!/^\p{L}+$/u.test(body)) counts.nonText++;
      else if (dictionary.has(body.toLowerCase())) {
        counts.word++;
        if (body !== text) counts.spacedWords++;
      } else counts.fragment++;
    }
    expect([report.words.count, report.fragments.count, report.nonText.count, report.words.withLeadingSpace]).toEqual([
      counts.word,
      counts.fragment,
      counts.nonText,
      counts.spacedWords,
    ]);
  });

  it('with the first 12,500 forms of the list, "ing" counts as a word', () => {
    const report = classifyVocabulary(gpt2, headWords, { byToken: true });
    expect(report.byToken![278]).toBe('word');
  });
});
