import { splitWords } from '@chatgpt-explained/tokenizer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordIdScanner } from './word-ids';

/** The words a scanner finds, through the ids it hands out. */
function scanWords(text: string, lowercase: boolean, scanner?: { s: WordIdScanner; vocabulary: string[] }): string[] {
  const vocabulary = scanner?.vocabulary ?? [];
  const ids = new Map<string, number>();
  const s =
    scanner?.s ??
    new WordIdScanner(lowercase, (word) => {
      if (!ids.has(word)) {
        ids.set(word, vocabulary.length);
        vocabulary.push(word);
      }
      return ids.get(word)!;
    });
  const count = s.scan(text);
  return Array.from(s.ids.subarray(0, count), (id) => vocabulary[id]!);
}

const UNITS = [
  'a',
  'B',
  'z',
  'Q',
  "'",
  '’',
  ' ',
  '.',
  '1',
  'é',
  'É',
  'ß',
  'Σ',
  '你',
  '\u0301',
  '𝐀',
  '\ud800',
  '\udc00',
  '-',
  "''",
  'ab',
];

describe('WordIdScanner', () => {
  it('finds the words splitWords finds, lower-cased or not (fast-check)', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom(...UNITS),
        fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, fc.boolean(), (s, lowercase) => {
        expect(scanWords(s, lowercase)).toEqual(splitWords(s, { lowercase }));
      }),
      { numRuns: 5000, seed: 9 },
    );
  });

  it('keeps one id per word across scans and case, growing its tables', () => {
    const vocabulary: string[] = [];
    const ids = new Map<string, number>();
    const s = new WordIdScanner(true, (word) => {
      if (!ids.has(word)) {
        ids.set(word, vocabulary.length);
        vocabulary.push(word);
      }
      return ids.get(word)!;
    });
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`.replace(/\d/g, 'q'));
    const text = words.join(' ');
    expect(scanWords(text, true, { s, vocabulary })).toEqual(splitWords(text));
    expect(scanWords(text.toUpperCase(), true, { s, vocabulary })).toEqual(splitWords(text));
    expect(new Set(vocabulary).size).toBe(vocabulary.length);
    // "Don't" and "don't" are one word; "don’t" (with ’) is another.
    expect(scanWords("Don't don't don’t", true, { s, vocabulary })).toEqual(["don't", "don't", 'don’t']);
  });
});
