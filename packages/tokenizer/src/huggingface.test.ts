/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import mergesTxt from '../data/gpt2/merges.txt?raw';
import vocabJson from '../data/gpt2/vocab.json?raw';
import { BYTE_TO_UNICODE, bytesToVocabString, GPT2_BYTE_ORDER } from './byte-unicode';
import { createEncoding } from './create-encoding';
import { deriveMerges } from './derive-merges';
import { TokenizerError } from './errors';
import { formatHuggingFaceVocab, parseHuggingFaceVocab } from './huggingface';
import type { BpeDefinition } from './types';

const gpt2 = parseHuggingFaceVocab(vocabJson, mergesTxt, { name: 'gpt2' });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The thrown error, checked to be a TokenizerError. */
function thrown(fn: () => unknown): TokenizerError {
  try {
    fn();
  } catch (error) {
    if (TokenizerError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TokenizerError, nothing was thrown');
}

/** The 256 byte characters in GPT-2's order. */
const BYTE_KEYS = GPT2_BYTE_ORDER.map((byte) => BYTE_TO_UNICODE[byte]!);

/** vocab.json text giving `keys` ids 0, 1, 2, … in order. */
function vocabOf(keys: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(keys.map((key, id) => [key, id])));
}

/** A small valid pair of files: bytes, `Ġt`, `he`, `Ġthe`, `<|endoftext|>`. */
const SMALL_KEYS = [...BYTE_KEYS, 'Ġt', 'he', 'Ġthe', '<|endoftext|>'];
const SMALL_MERGES = '#version: 0.2\nĠ t\nh e\nĠt he\n';

describe("parseHuggingFaceVocab on GPT-2's files", () => {
  it('reads 50,257 ids, 50,000 merges and <|endoftext|> as the special token 50256', () => {
    expect(gpt2.name).toBe('gpt2');
    expect(gpt2.pattern).toBe('gpt2');
    expect(gpt2.tokens).toHaveLength(50256);
    expect(gpt2.merges).toHaveLength(50000);
    expect(gpt2.specialTokens).toEqual({ '<|endoftext|>': 50256 });
    expect(text(gpt2.tokens[464]!)).toBe('The');
    expect(text(gpt2.tokens[220]!)).toBe(' ');
    expect(gpt2.tokens[188]).toEqual(Uint8Array.of(0));
    const [left, right] = gpt2.merges![0]!;
    expect([text(gpt2.tokens[left]!), text(gpt2.tokens[right]!)]).toEqual([' ', 't']);
    // GPT-2's merge i makes token 256 + i.
    gpt2.merges!.forEach(([l, r], i) => {
      const joined = new Uint8Array([...gpt2.tokens[l]!, ...gpt2.tokens[r]!]);
      if (bytesToVocabString(joined) !== bytesToVocabString(gpt2.tokens[256 + i]!)) {
        throw new Error(`merge ${i} does not make token ${256 + i}`);
      }
    });
  });

  it('encodes like GPT-2 (the essay’s reference ids)', () => {
    const encoding = createEncoding(gpt2);
    expect(encoding.encode('The best thing about AI is its ability to')).toEqual([
      464, 1266, 1517, 546, 9552, 318, 663, 2694, 284,
    ]);
    expect(encoding.encode('<|endoftext|>', { allowedSpecial: 'all' })).toEqual([50256]);
  });

  it('formatting the parsed files gives them back byte for byte', () => {
    const files = formatHuggingFaceVocab(gpt2);
    expect(files.vocabJson === vocabJson).toBe(true);
    expect(files.mergesTxt === mergesTxt).toBe(true);
  });

  it("derives OpenAI's vocab.bpe exactly from the ranks alone (tiktoken style)", () => {
    const { merges: _merges, ...ranksOnly } = gpt2;
    expect(deriveMerges(gpt2.tokens)).toEqual(gpt2.merges);
    expect(formatHuggingFaceVocab(ranksOnly).mergesTxt === mergesTxt).toBe(true);
  });
});

describe('formatHuggingFaceVocab → parseHuggingFaceVocab', () => {
  it('round-trips a small vocabulary, special tokens and all', () => {
    const def = parseHuggingFaceVocab(vocabOf(SMALL_KEYS), SMALL_MERGES, { name: 'small' });
    expect(def.tokens.length).toBe(259);
    expect(def.merges).toEqual([
      [220, 83],
      [71, 68],
      [256, 257],
    ]);
    expect(def.specialTokens).toEqual({ '<|endoftext|>': 259 });
    const files = formatHuggingFaceVocab(def);
    expect(files.mergesTxt).toBe(SMALL_MERGES);
    expect(parseHuggingFaceVocab(files.vocabJson, files.mergesTxt, { name: 'small' })).toEqual(def);
  });

  it('writes non-ASCII vocab strings and special tokens as \\u escapes, like GPT-2', () => {
    const def = parseHuggingFaceVocab(vocabOf([...BYTE_KEYS, 'Ġt', '<|ünïcode|>']), '#version: 0.2\nĠ t\n');
    const { vocabJson: written } = formatHuggingFaceVocab(def);
    expect(written).toContain('"\\u0120t": 256, "<|\\u00fcn\\u00efcode|>": 257}');
    expect(written.startsWith('{"!": 0, "\\"": 1, "#": 2,')).toBe(true);
    expect(JSON.parse(written)).toEqual(JSON.parse(vocabOf([...BYTE_KEYS, 'Ġt', '<|ünïcode|>'])));
  });

  it('accepts merges.txt without #version, with CRLF line ends or without a final newline', () => {
    const expected = parseHuggingFaceVocab(vocabOf(SMALL_KEYS), SMALL_MERGES);
    for (const merges of ['Ġ t\nh e\nĠt he\n', '#version: 0.2\r\nĠ t\r\nh e\r\nĠt he\r\n', 'Ġ t\nh e\nĠt he']) {
      expect(parseHuggingFaceVocab(vocabOf(SMALL_KEYS), merges)).toEqual(expected);
    }
  });

  it('takes name and pattern from the options', () => {
    const def = parseHuggingFaceVocab(vocabOf(SMALL_KEYS), SMALL_MERGES, {
      name: 'x',
      pattern: { regex: '\\S+|\\s+' },
    });
    expect([def.name, def.pattern]).toEqual(['x', { regex: '\\S+|\\s+' }]);
    expect(parseHuggingFaceVocab(vocabOf(SMALL_KEYS), SMALL_MERGES).name).toBe('bpe');
  });
});

describe('parseHuggingFaceVocab refuses malformed files', () => {
  const cases: {
    what: string;
    vocab: string;
    merges?: string;
    argument: string;
    value: unknown;
    message: RegExp;
  }[] = [
    { what: 'bad JSON', vocab: '{"a": 1', argument: 'vocab.json', value: '{"a": 1', message: /not valid JSON/ },
    { what: 'a JSON array', vocab: '[1, 2]', argument: 'vocab.json', value: [1, 2], message: /found an array/ },
    {
      what: 'a fractional id',
      vocab: vocabOf(BYTE_KEYS).replace(/}$/, ', "Ġt": 1.5}'),
      argument: 'vocab.json',
      value: 1.5,
      message: /key "Ġt" has id 1\.5/,
    },
    {
      what: 'a string id',
      vocab: vocabOf(BYTE_KEYS).replace(/}$/, ', "Ġt": "256"}'),
      argument: 'vocab.json',
      value: '256',
      message: /key "Ġt" has id "256"/,
    },
    {
      what: 'a negative id',
      vocab: vocabOf(BYTE_KEYS).replace(/}$/, ', "Ġt": -1}'),
      argument: 'vocab.json',
      value: -1,
      message: /key "Ġt" has id -1/,
    },
    {
      what: 'a duplicate id',
      vocab: vocabOf(BYTE_KEYS).replace(/}$/, ', "Ġt": 256, "he": 256}'),
      argument: 'vocab.json',
      value: 256,
      message: /keys "Ġt" and "he" both have id 256/,
    },
    {
      what: 'a gap in the ids',
      vocab: vocabOf(BYTE_KEYS).replace(/}$/, ', "Ġt": 257}'),
      argument: 'vocab.json',
      value: 256,
      message: /no key has id 256, yet the highest id is 257/,
    },
    {
      what: 'a missing byte token',
      vocab: vocabOf(BYTE_KEYS.filter((key) => key !== 'Ċ')),
      merges: '',
      argument: 'vocab.json',
      value: 'Ċ',
      message: /no key for byte 0x0a \("Ċ"\)/,
    },
    {
      what: 'a special token among the ordinary ones',
      vocab: vocabOf([...BYTE_KEYS.slice(0, 10), '<|endoftext|>', ...BYTE_KEYS.slice(10)]),
      merges: '',
      argument: 'vocab.json',
      value: '<|endoftext|>',
      message: /key "<\|endoftext\|>" is a special token \(no merge makes it\) but has id 10/,
    },
    {
      what: 'a token no merge makes, among the ordinary ones',
      vocab: vocabOf([...BYTE_KEYS, 'Ġt', 'he', 'Ġthe']),
      merges: '#version: 0.2\nĠ t\nĠt he\n',
      argument: 'vocab.json',
      value: 'he',
      message: /key "he" is a special token \(no merge makes it\) but has id 257/,
    },
    {
      what: 'a merges line with three parts',
      vocab: vocabOf(SMALL_KEYS),
      merges: '#version: 0.2\nĠ t\nh e x\n',
      argument: 'merges.txt',
      value: 'h e x',
      message: /line 3 is "h e x"/,
    },
    {
      what: 'a blank line inside merges.txt',
      vocab: vocabOf(SMALL_KEYS),
      merges: '#version: 0.2\nĠ t\n\nh e\n',
      argument: 'merges.txt',
      value: '',
      message: /line 3 is ""/,
    },
    {
      what: 'an unknown merge part',
      vocab: vocabOf(SMALL_KEYS),
      merges: '#version: 0.2\nĠ t\nh e\nĠt hx\n',
      argument: 'merges.txt',
      value: 'hx',
      message: /line 4 \("Ġt hx"\): "hx" is not a token of vocab\.json/,
    },
    {
      what: 'a merge whose concatenation is not in the vocabulary',
      vocab: vocabOf(SMALL_KEYS),
      merges: '#version: 0.2\nĠ t\nh e\nt h\n',
      argument: 'merges.txt',
      value: 'th',
      message: /line 4 \("t h"\): the merged token "th" is not in vocab\.json/,
    },
    {
      what: 'a repeated merge',
      vocab: vocabOf(SMALL_KEYS),
      merges: '#version: 0.2\nĠ t\nh e\nĠt he\nh e\n',
      argument: 'merges.txt',
      value: 'h e',
      message: /line 5 repeats line 3/,
    },
  ];

  it.each(cases)('$what', ({ vocab, merges, argument, value, message }) => {
    const error = thrown(() => parseHuggingFaceVocab(vocab, merges ?? SMALL_MERGES));
    expect(error.code).toBe('INVALID_VOCAB_FILE');
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
    expect(error.message).toMatch(/^parseHuggingFaceVocab: /);
    expect(error.message).toContain(`${argument}: `);
    expect(error.message).toMatch(message);
    expect(error.expected).toEqual(expect.any(String));
  });

  it('refuses bad options with INVALID_ARGUMENT', () => {
    const bad = [{ name: '' }, { pattern: 'gpt3' }, { pattern: { regex: '(' } }] as const;
    for (const options of bad) {
      const error = thrown(() => parseHuggingFaceVocab(vocabOf(SMALL_KEYS), SMALL_MERGES, options as never));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.argument).toMatch(/^options\./);
    }
  });
});

describe('formatHuggingFaceVocab refuses what it cannot write faithfully', () => {
  const small = parseHuggingFaceVocab(vocabOf(SMALL_KEYS), SMALL_MERGES);
  const cases: { what: string; def: BpeDefinition; argument: string; message: RegExp }[] = [
    {
      what: 'a missing byte',
      def: { ...small, tokens: small.tokens.filter((t) => !(t.length === 1 && t[0] === 10)) },
      argument: 'def.tokens',
      message: /byte 10 is not a token/,
    },
    {
      what: 'a gap before the special tokens',
      def: { ...small, specialTokens: { '<|endoftext|>': 300 } },
      argument: 'def.specialTokens',
      message: /has id 300/,
    },
    {
      what: 'a special token that is also an ordinary token',
      def: { ...small, specialTokens: { he: 259 } },
      argument: 'def.specialTokens',
      message: /"he" is also the vocab string of ordinary token 257/,
    },
    {
      what: 'a merge that makes no token',
      def: { ...small, merges: [...small.merges!, [83, 71]] },
      argument: 'def.merges[3]',
      message: /merge 3 \[83, 71\] does not join two tokens into a token/,
    },
    {
      what: 'a multi-byte token that no merge makes',
      def: { ...small, merges: small.merges!.slice(0, 2) },
      argument: 'def.tokens[258]',
      message: /token 258 \("Ġthe"\) is made by no merge/,
    },
  ];

  it.each(cases)('$what', ({ def, argument, message }) => {
    const error = thrown(() => formatHuggingFaceVocab(def));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe(argument);
    expect(error.message).toMatch(/^formatHuggingFaceVocab: /);
    expect(error.message).toMatch(message);
  });
});
