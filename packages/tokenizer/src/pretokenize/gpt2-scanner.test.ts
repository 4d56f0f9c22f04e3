// The hand-written GPT-2 scanner must cut text exactly where the engine's regular expression does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixedParityTexts, PARITY_TEXTS } from '../testing/parity-corpus';
import { Gpt2Scanner } from './gpt2-scanner';
import { PATTERNS, splitWithPattern } from './patterns';

function scan(text: string): string[] {
  const scanner = new Gpt2Scanner();
  const pieces: string[] = [];
  for (let start = 0; start < text.length;) {
    const end = scanner.pieceEnd(text, start);
    expect(end).toBeGreaterThan(start);
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

const UNITS = [
  ' ',
  '  ',
  '\n',
  '\r',
  '\t',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u0085',
  "'",
  's',
  't',
  'r',
  'e',
  'v',
  'l',
  'm',
  'd',
  'A',
  'é',
  '\u0301',
  '7',
  '٣',
  '²',
  'Ⅻ',
  '!',
  '.',
  '😀',
  '\u200d',
  '你',
  '\ud800',
  '\udc00',
  '\ud83d',
  '\ude00',
  '𝐀',
  '𝟏',
];

describe('Gpt2Scanner', () => {
  it('gives the regular expression’s pieces for the parity corpus and its mixtures', () => {
    for (const text of [...PARITY_TEXTS, ...mixedParityTexts(2000, 3)]) {
      expect(scan(text)).toEqual(splitWithPattern(text, PATTERNS.gpt2));
    }
  });

  it('gives the regular expression’s pieces for arbitrary strings (fast-check)', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom(...UNITS),
        fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(text, (s) => {
        expect(scan(s)).toEqual(splitWithPattern(s, PATTERNS.gpt2));
      }),
      { numRuns: 20000, seed: 5 },
    );
  });

  it('cuts a sentence where GPT-2 does (worked by hand from the pattern)', () => {
    expect(scan("Hello, world! It's  42 apples\n\n  ok")).toEqual([
      // The run "\n\n  " before "ok" keeps all but its last space, which goes with "ok".
      'Hello',
      ',',
      ' world',
      '!',
      ' It',
      "'s",
      ' ',
      ' 42',
      ' apples',
      '\n\n ',
      ' ok',
    ]);
  });
});
