// Regressions from the review of the tokenizer: each case once hung, crashed, was quadratic, kept
// memory, ignored an option, or differed from tiktoken.
import { getEncoding as oracleEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { createEncoding, getEncoding, parseHuggingFaceVocab, TokenizerError } from './index';

function caught(fn: () => unknown): TokenizerError {
  try {
    fn();
  } catch (error) {
    if (TokenizerError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TokenizerError');
}

const BYTES = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));

describe('special tokens', () => {
  it('finds many allowed special tokens in one pass (the same ids as tiktoken, in linear time)', async () => {
    const cl100k = await getEncoding('cl100k_base');
    const oracle = oracleEncoding('cl100k_base');
    const small = 'hello <|endoftext|> '.repeat(2_000);
    expect(cl100k.encode(small, { allowedSpecial: 'all' })).toEqual(oracle.encode(small, 'all'));
    // 800 KB with 40,000 special tokens: the old search (every allowed token looked for again after
    // each one found) took 27 s here; linear takes well under a second.
    const large = 'hello <|endoftext|> '.repeat(40_000);
    const want = oracle.encode(large, 'all').length;
    const t0 = performance.now();
    const count = cl100k.countTokens(large, { allowedSpecial: 'all' });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(count).toBe(want);
  });

  it('refuses a token both allowed and listed as disallowed, as tiktoken does', async () => {
    const gpt2 = await getEncoding('gpt2');
    const options = { allowedSpecial: ['<|endoftext|>'], disallowedSpecial: ['<|endoftext|>'] } as const;
    expect(() =>
      oracleEncoding('gpt2').encode('a<|endoftext|>', [...options.allowedSpecial], [...options.disallowedSpecial]),
    ).toThrow();
    expect(caught(() => gpt2.encode('a<|endoftext|>', options)).code).toBe('SPECIAL_TOKEN_NOT_ALLOWED');
  });

  it('refuses a misspelt option instead of ignoring it', async () => {
    const gpt2 = await getEncoding('gpt2');
    expect(caught(() => gpt2.encode('x', { allowSpecial: 'all' } as never))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'options.allowSpecial',
    });
  });
});

describe('createEncoding refuses what would hang or crash later', () => {
  it('an empty special token', () => {
    const error = caught(() =>
      createEncoding({ name: 'x', tokens: BYTES, pattern: 'gpt2', specialTokens: { '': 256 } }),
    );
    expect(error).toMatchObject({ code: 'INVALID_VOCABULARY', argument: 'specialTokens', value: '' });
  });

  it('a special token id far beyond the vocabulary', () => {
    const error = caught(() =>
      createEncoding({ name: 'x', tokens: BYTES, pattern: 'gpt2', specialTokens: { '<s>': 2 ** 31 } }),
    );
    expect(error).toMatchObject({ code: 'INVALID_VOCABULARY', value: 2 ** 31 });
  });

  it('an empty token', () => {
    const error = caught(() =>
      createEncoding({ name: 'x', tokens: [...BYTES, new Uint8Array(0)], pattern: 'gpt2', specialTokens: {} }),
    );
    expect(error).toMatchObject({ code: 'INVALID_VOCABULARY', argument: 'tokens[256]' });
  });
});

describe('a pattern that can match the empty string', () => {
  it('skips empty matches by whole code points instead of recursing', () => {
    const enc = createEncoding({ name: 'x', tokens: BYTES, pattern: { regex: String.raw`\p{L}*` }, specialTokens: {} });
    // Only letter runs are pieces; the rest is skipped (as tiktoken skips text no match covers).
    expect(enc.decode(enc.encode('ab 😀 cd'))).toBe('abcd');
    expect(enc.encode('.'.repeat(50_000))).toEqual([]);
    expect(enc.decode(enc.encode('😀x😀'))).toBe('x');
  });
});

describe('bad arguments are named', () => {
  it('decode refuses an array-like with a bad length, tokenBytes names its id', async () => {
    const gpt2 = await getEncoding('gpt2');
    expect(caught(() => gpt2.decode({ length: -1 } as never))).toMatchObject({ argument: 'ids' });
    expect(caught(() => gpt2.decode({ length: 2.5, 0: 1, 1: 2, 2: 3 } as never))).toMatchObject({ argument: 'ids' });
    expect(caught(() => gpt2.tokenBytes(-1))).toMatchObject({ code: 'INVALID_TOKEN', argument: 'id', value: -1 });
    expect(caught(() => gpt2.tokenBytes('1' as never))).toMatchObject({ argument: 'id', value: '1' });
  });

  it('parseHuggingFaceVocab refuses null options with a typed error', () => {
    expect(caught(() => parseHuggingFaceVocab('{}', '', null as never))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'options',
    });
  });
});
