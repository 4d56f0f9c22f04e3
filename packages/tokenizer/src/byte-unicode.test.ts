/// <reference types="vite/client" />
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vocabJson from '../data/gpt2/vocab.json?raw';
import {
  BYTE_TO_UNICODE,
  bytesToVocabString,
  GPT2_BYTE_ORDER,
  tryVocabStringToBytes,
  unicodeToByte,
  vocabStringToBytes,
} from './byte-unicode';
import { TokenizerError } from './errors';

describe('GPT-2 byte alphabet (bytes_to_unicode)', () => {
  it('gives 256 distinct printable one-unit characters', () => {
    expect(BYTE_TO_UNICODE).toHaveLength(256);
    expect(new Set(BYTE_TO_UNICODE).size).toBe(256);
    for (const char of BYTE_TO_UNICODE) {
      expect(char).toHaveLength(1);
      // Letters, digits, punctuation and symbols only: no controls, spaces or format characters.
      expect(char).toMatch(/^[\p{L}\p{N}\p{P}\p{S}]$/u);
    }
  });

  it("matches GPT-2's known mapping", () => {
    expect(BYTE_TO_UNICODE[32]).toBe('Ġ'); // U+0120
    expect(BYTE_TO_UNICODE[10]).toBe('Ċ'); // U+010A
    expect(BYTE_TO_UNICODE[0]).toBe('\u0100');
    expect(BYTE_TO_UNICODE[0x41]).toBe('A');
    expect(BYTE_TO_UNICODE[0x7e]).toBe('~');
    expect(BYTE_TO_UNICODE[0x7f]).toBe('\u0121');
    expect(BYTE_TO_UNICODE[0xa0]).toBe('\u0142');
    expect(BYTE_TO_UNICODE[0xad]).toBe('\u0143');
    expect(BYTE_TO_UNICODE[0xe9]).toBe('é');
    expect(unicodeToByte('Ġ')).toBe(32);
    expect(unicodeToByte('Ċ')).toBe(10);
    expect(unicodeToByte('A')).toBe(0x41);
    expect(unicodeToByte(' ')).toBeUndefined();
    expect(unicodeToByte('\u0144')).toBeUndefined();
  });

  it("orders the bytes as GPT-2's vocab.json numbers ids 0…255", () => {
    const vocab = JSON.parse(vocabJson) as Record<string, number>;
    const first256 = Object.entries(vocab)
      .filter(([, id]) => id < 256)
      .sort((a, b) => a[1] - b[1])
      .map(([key]) => key);
    expect(first256).toEqual(GPT2_BYTE_ORDER.map((byte) => BYTE_TO_UNICODE[byte]));
    expect(GPT2_BYTE_ORDER[0]).toBe(0x21); // '!'
    expect(GPT2_BYTE_ORDER[188]).toBe(0); // the first byte that is not printable
    expect(GPT2_BYTE_ORDER[220]).toBe(32); // ' ' is 'Ġ', id 220
    expect([...GPT2_BYTE_ORDER].sort((a, b) => a - b)).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  it('round-trips every byte string', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(vocabStringToBytes(bytesToVocabString(all))).toEqual(all);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = bytesToVocabString(bytes);
        expect(text).toHaveLength(bytes.length);
        expect(vocabStringToBytes(text)).toEqual(bytes);
      }),
    );
    expect(bytesToVocabString(new TextEncoder().encode(' the\n'))).toBe('ĠtheĊ');
  });

  it('refuses characters outside the alphabet, naming them', () => {
    for (const [text, char, index] of [
      ['a b', ' ', 1],
      ['ab€', '€', 2],
      ['😀x', '😀', 0],
      ['\u0144', '\u0144', 0],
    ] as const) {
      expect(tryVocabStringToBytes(text)).toBeUndefined();
      let error: unknown;
      try {
        vocabStringToBytes(text);
      } catch (e) {
        error = e;
      }
      expect(TokenizerError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 's', value: text });
      expect((error as Error).message).toContain(`${JSON.stringify(char)}`);
      expect((error as Error).message).toContain(`at character ${index}`);
    }
  });
});
