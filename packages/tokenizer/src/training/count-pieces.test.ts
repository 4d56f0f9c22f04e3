import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATTERNS, splitWithPattern } from '../pretokenize/patterns';
import { countPieces, safeChunks, splitOnSpecials } from './count-pieces';

const UNITS = ['a', 'Bc', ' ', '  ', '\n', '\n\n', '\t', '\r\n', '\u00a0', "'s", '1', '.', '—', 'é', '😀', 'x\n'];

describe('safeChunks', () => {
  it('cuts only where the GPT-2 pre-tokenizer gives the same pieces as on the whole text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 200 }),
        fc.integer({ min: 1, max: 30 }),
        (text, size) => {
          const chunks = [...safeChunks(text, size)];
          expect(chunks.join('')).toBe(text);
          expect(chunks.flatMap((c) => splitWithPattern(c, PATTERNS.gpt2))).toEqual(
            splitWithPattern(text, PATTERNS.gpt2),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('cuts after a newline with a non-space character on each side', () => {
    expect([...safeChunks('ab\ncd\n\nef\ngh', 1)]).toEqual(['ab\n', 'cd\n\nef\n', 'gh']);
    expect([...safeChunks('one long line', 4)]).toEqual(['one long line']);
  });
});

describe('splitOnSpecials', () => {
  it('cuts the text at every special token, longest first, and drops empty parts', () => {
    expect(splitOnSpecials('a<|x|>b<|x|><|xy|>c', ['<|x|>', '<|xy|>'])).toEqual(['a', 'b', 'c']);
    expect(splitOnSpecials('a.b(c', ['.', '('])).toEqual(['a', 'b', 'c']);
    expect(splitOnSpecials('abc', [])).toEqual(['abc']);
  });
});

describe('countPieces', () => {
  it('counts each distinct piece, pausing between chunks', async () => {
    const counts = new Map<string, number>();
    let pauses = 0;
    await countPieces('the cat\nthe cat<|endoftext|>the', ['<|endoftext|>'], counts, async () => void pauses++, 4);
    expect(Object.fromEntries(counts)).toEqual({ the: 3, ' cat': 2, '\n': 1 });
    expect(pauses).toBe(3);
  });
});
