import fc from 'fast-check';
import { getEncoding as oracleEncoding } from 'js-tiktoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { TokenizerError } from './errors';
import { getEncoding, type Encoding } from './index';

function caught(fn: () => unknown): TokenizerError {
  try {
    fn();
  } catch (error) {
    if (TokenizerError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TokenizerError');
}

let gpt2: Encoding;
beforeAll(async () => {
  gpt2 = await getEncoding('gpt2');
});

describe('gpt2 encoding', () => {
  it('gives the ids OpenAI publishes for a reference sentence', () => {
    // From tiktoken's gpt2 encoding (../shared/data/MANIFEST.md), not from this code.
    expect(gpt2.encode('The best thing about AI is its ability to')).toEqual([
      464, 1266, 1517, 546, 9552, 318, 663, 2694, 284,
    ]);
    expect(gpt2.decode([464, 1266, 1517, 546, 9552, 318, 663, 2694, 284])).toBe(
      'The best thing about AI is its ability to',
    );
  });

  it('has 50,257 ids and <|endoftext|> = 50256', () => {
    expect(gpt2.vocabSize).toBe(50257);
    expect(gpt2.eotToken).toBe(50256);
    expect(gpt2.specialTokens).toEqual({ '<|endoftext|>': 50256 });
    expect(gpt2.name).toBe('gpt2');
  });

  it('refuses <|endoftext|> in plain text by default, with a typed error', () => {
    const error = caught(() => gpt2.encode('hello <|endoftext|> world'));
    expect(error.code).toBe('SPECIAL_TOKEN_NOT_ALLOWED');
    expect(error.argument).toBe('text');
    expect(error.value).toBe('<|endoftext|>');
    expect(error.message).toContain('allowedSpecial');
    expect(caught(() => gpt2.countTokens('<|endoftext|>')).code).toBe('SPECIAL_TOKEN_NOT_ALLOWED');
  });

  it('encodes <|endoftext|> as 50256 when allowed, and as plain text when not disallowed', () => {
    const oracle = oracleEncoding('gpt2');
    const text = 'a<|endoftext|>b <|endoftext|><|endoftext|>';
    expect(gpt2.encode(text, { allowedSpecial: ['<|endoftext|>'] })).toEqual(oracle.encode(text, 'all'));
    expect(gpt2.encode(text, { allowedSpecial: 'all' }).filter((id) => id === 50256)).toHaveLength(3);
    expect(gpt2.encode(text, { disallowedSpecial: [] })).toEqual(oracle.encode(text, [], []));
    expect(gpt2.encode(text, { disallowedSpecial: [] })).not.toContain(50256);
  });

  it('refuses bad options and unknown special tokens, naming them', () => {
    const unknown = caught(() => gpt2.encode('x', { allowedSpecial: ['<|im_start|>'] }));
    expect(unknown).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'allowedSpecial', value: '<|im_start|>' });
    const notList = caught(() => gpt2.encode('x', { allowedSpecial: 'some' as unknown as 'all' }));
    expect(notList).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'allowedSpecial', value: 'some' });
    expect(caught(() => gpt2.encode(42 as unknown as string))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'text',
      value: 42,
    });
  });

  it('refuses ids that are not tokens, naming the index and value', () => {
    for (const bad of [-1, 50257, 1.5, Number.NaN, 2 ** 32]) {
      const error = caught(() => gpt2.decode([464, bad]));
      expect(error).toMatchObject({ code: 'INVALID_TOKEN', argument: 'ids[1]' });
      expect(Object.is(error.value, bad)).toBe(true);
    }
    expect(caught(() => gpt2.decode(null as unknown as number[]))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'ids',
    });
  });

  it('decodes typed arrays and keeps a leading U+FEFF', () => {
    const ids = gpt2.encode('\ufeffhi');
    expect(gpt2.decode(Uint32Array.from(ids))).toBe('\ufeffhi');
    expect(gpt2.decode([])).toBe('');
  });

  it('decodeBytes gives the exact bytes, even of half an emoji', () => {
    const ids = gpt2.encode('😀');
    expect(ids.length).toBeGreaterThan(1);
    expect(Array.from(gpt2.decodeBytes(ids))).toEqual([0xf0, 0x9f, 0x98, 0x80]);
    expect(Array.from(gpt2.tokenBytes(464))).toEqual([...new TextEncoder().encode('The')]);
  });
});

describe('streaming decode', () => {
  it('never emits half a character, and ends with the whole text (fast-check)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', 'é', '你', '😀', '👨‍👩‍👧', '🇯🇵', '\n', 'ok'), maxLength: 30 });
    fc.assert(
      fc.property(text, (s) => {
        const decoder = gpt2.createDecoder();
        let out = '';
        for (const id of gpt2.encode(s)) {
          const chunk = decoder.write(id);
          expect(chunk).not.toContain('\ufffd');
          expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new TextEncoder().encode(chunk))).toBe(chunk);
          out += chunk;
        }
        out += decoder.end();
        expect(out).toBe(s);
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('holds the bytes of a split emoji until the character is complete', () => {
    const ids = gpt2.encode('😀');
    const decoder = gpt2.createDecoder();
    const chunks = ids.map((id) => decoder.write(id));
    expect(chunks.slice(0, -1).every((c) => c === '')).toBe(true);
    expect(chunks.at(-1)).toBe('😀');
  });

  it('ends an unfinished character with U+FFFD and can be reused', () => {
    const ids = gpt2.encode('😀');
    const decoder = gpt2.createDecoder();
    expect(decoder.write(ids.slice(0, -1))).toBe('');
    expect(decoder.end()).toBe('\ufffd');
    expect(decoder.write(gpt2.encode('ok'))).toBe('ok');
  });
});

describe('countTokens and isWithinTokenLimit', () => {
  it('count what encode returns', () => {
    for (const text of ['', 'hello world', '你好😀 ok\n\n  x', 'a'.repeat(500)]) {
      const n = gpt2.encode(text).length;
      expect(gpt2.countTokens(text)).toBe(n);
      expect(gpt2.isWithinTokenLimit(text, n)).toBe(n);
      expect(gpt2.isWithinTokenLimit(text, Infinity)).toBe(n);
      if (n > 0) expect(gpt2.isWithinTokenLimit(text, n - 1)).toBe(false);
    }
    expect(gpt2.countTokens('<|endoftext|>x', { allowedSpecial: 'all' })).toBe(2);
  });

  it('stops early: a limit is answered before the expensive tail is encoded', () => {
    // The tail is one 1.5 MB piece that takes BPE a long time; a limit of 5 is passed before it.
    const text = 'one two three four five six seven ' + 'x'.repeat(1_500_000);
    const t0 = performance.now();
    expect(gpt2.isWithinTokenLimit(text, 5)).toBe(false);
    const early = performance.now() - t0;
    const t1 = performance.now();
    const all = gpt2.countTokens(text);
    const full = performance.now() - t1;
    expect(all).toBeGreaterThan(5);
    expect(early).toBeLessThan(full / 10);
  });

  it('refuses a bad limit', () => {
    expect(caught(() => gpt2.isWithinTokenLimit('x', -1))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'limit',
      value: -1,
    });
    expect(caught(() => gpt2.isWithinTokenLimit('x', 1.5))).toMatchObject({ argument: 'limit', value: 1.5 });
  });
});

describe('pieces', () => {
  it('reports each token with its bytes and byte span, marking split characters', () => {
    const text = 'Hi 😀!';
    const pieces = gpt2.pieces(text);
    expect(pieces.map((p) => p.id)).toEqual(gpt2.encode(text));
    const utf8 = new TextEncoder().encode(text);
    expect(pieces[0]).toMatchObject({ text: 'Hi', byteStart: 0, byteEnd: 2, complete: true, special: false });
    expect(pieces.at(-1)).toMatchObject({ text: '!', byteEnd: utf8.length, complete: true });
    for (const piece of pieces)
      expect(Array.from(piece.bytes)).toEqual(Array.from(utf8.subarray(piece.byteStart, piece.byteEnd)));
    // The emoji's 4 bytes are cut across tokens; those pieces are not complete.
    expect(pieces.some((p) => !p.complete && p.text.includes('\ufffd'))).toBe(true);
    expect(gpt2.pieces('a<|endoftext|>', { allowedSpecial: 'all' }).at(-1)).toMatchObject({
      id: 50256,
      special: true,
      text: '<|endoftext|>',
    });
  });
});

describe('getEncoding', () => {
  it('refuses an unknown name with a typed error', async () => {
    await expect(getEncoding('gpt5' as 'gpt2')).rejects.toMatchObject({
      code: 'UNKNOWN_ENCODING',
      argument: 'name',
      value: 'gpt5',
    });
  });

  it('has the sizes tiktoken reports for cl100k_base and o200k_base', async () => {
    const cl100k = await getEncoding('cl100k_base');
    const o200k = await getEncoding('o200k_base');
    expect([cl100k.vocabSize, cl100k.eotToken]).toEqual([100277, 100257]);
    expect([o200k.vocabSize, o200k.eotToken]).toEqual([200019, 199999]);
  });
});
