import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CharacterNgramCounter,
  countCharacterNgrams,
  countStream,
  countWordNgrams,
  WordNgramCounter,
} from './counters';
import type { NgramCounts } from './ngram-counts';
import { code } from './testing/error-code';

/** Every n-gram of every order with its count, as sorted "a|b|c": count lines. */
function dump(counts: NgramCounts): string[] {
  const out: string[] = [];
  for (let n = 1; n <= counts.order; n++)
    for (const { gram, count } of counts.entries(n)) out.push(`${n}:${gram.join('|')}:${count}`);
  return out.sort();
}

describe('word n-grams', () => {
  it('counts "the cat sat on the mat" by hand', () => {
    const counts = countWordNgrams('The cat sat on the mat.', 3);
    expect(counts.kind).toBe('word');
    expect(counts.tokenCount).toBe(6);
    expect(counts.vocabulary).toEqual(['the', 'cat', 'sat', 'on', 'mat']);
    expect(counts.count(['the'])).toBe(2);
    expect(counts.count(['mat'])).toBe(1);
    expect(counts.count(['the', 'cat'])).toBe(1);
    expect(counts.count(['on', 'the'])).toBe(1);
    expect(counts.count(['the', 'dog'])).toBe(0);
    expect(counts.count(['cat', 'sat', 'on'])).toBe(1);
    expect(counts.total(1)).toBe(6);
    expect(counts.total(2)).toBe(5);
    expect(counts.total(3)).toBe(4);
    expect(counts.distinct(1)).toBe(5);
    expect(counts.distinct(2)).toBe(5);
    expect(counts.top(1, { n: 1 })).toEqual([{ gram: ['the'], count: 2 }]);
    // Ties in code-point order of the tokens.
    expect(counts.top(3, { n: 2 }).map((e) => e.gram.join(' '))).toEqual(['cat sat', 'on the', 'sat on']);
  });

  it('gives maximum-likelihood conditional probabilities and successors', () => {
    const counts = countWordNgrams('the cat sat on the mat the cat ran', 2);
    // "the" is followed by cat, mat, cat: P(cat | the) = 2/3.
    expect(counts.probability('cat', ['the'])).toBeCloseTo(2 / 3, 15);
    expect(counts.probability('mat', ['the'])).toBeCloseTo(1 / 3, 15);
    expect(counts.probability('sat', ['the'])).toBe(0);
    expect(counts.probability('the')).toBeCloseTo(3 / 9, 15);
    // "ran" ends the text: never followed by anything.
    expect(counts.probability('the', ['ran'])).toBeNaN();
    expect(counts.probability('the', ['dog'])).toBeNaN();
    expect(counts.successors(['cat'])).toEqual([
      { token: 'ran', count: 1, probability: 0.5 },
      { token: 'sat', count: 1, probability: 0.5 },
    ]);
    expect(counts.successors(['ran'])).toEqual([]);
  });

  it('counts every order exactly, the first and last tokens included', () => {
    const counts = countWordNgrams('a b c a b', 4);
    expect(counts.count(['a'])).toBe(2);
    expect(counts.count(['b'])).toBe(2);
    expect(counts.count(['a', 'b'])).toBe(2);
    expect(counts.count(['a', 'b', 'c'])).toBe(1);
    expect(counts.count(['b', 'c', 'a', 'b'])).toBe(1);
    const short = countWordNgrams('x y', 3);
    expect(short.total(3)).toBe(0);
    expect(short.count(['x', 'y'])).toBe(1);
    expect(short.count(['y'])).toBe(1);
  });

  it('keeps case with lowercase: false', () => {
    const counts = countWordNgrams('The the THE', 1, { lowercase: false });
    expect(counts.distinct()).toBe(3);
  });

  it('gives the same counts however the text is cut into chunks, strings or UTF-8 bytes', () => {
    const pieces = ['a', 'B', 'é', '𝐀', "'", '’', ' ', '.', '\n', '-', 'İ', 'ς', '1', 'cat', "don't"];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (parts, cuts, n, bytes) => {
          const text = parts.join('');
          const whole = dump(countWordNgrams(text, n));
          const encoded = new TextEncoder().encode(text);
          const length = bytes ? encoded.length : text.length;
          const points = [...new Set(cuts.map((c) => c % (length + 1)))].sort((a, b) => a - b);
          const counter = new WordNgramCounter(n);
          let from = 0;
          for (const at of [...points, length]) {
            counter.add(bytes ? encoded.subarray(from, at) : text.slice(from, at));
            from = at;
          }
          expect(dump(counter.end())).toEqual(whole);
          const chars = new CharacterNgramCounter(n, { words: true });
          const charsRaw = new CharacterNgramCounter(n, { ignoreCase: true });
          from = 0;
          for (const at of [...points, length]) {
            chars.add(bytes ? encoded.subarray(from, at) : text.slice(from, at));
            charsRaw.add(bytes ? encoded.subarray(from, at) : text.slice(from, at));
            from = at;
          }
          expect(dump(chars.end())).toEqual(dump(countCharacterNgrams(text, n, { words: true })));
          expect(dump(charsRaw.end())).toEqual(dump(countCharacterNgrams(text, n, { ignoreCase: true })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts a chunk far longer than the pieces it is tokenized in, words longer than a piece included', () => {
    const words = ['the', 'cat', 'sat', 'a'.repeat(5000), 'on', 'mat', 'x'.repeat(9000)];
    const sequence = Array.from({ length: 4000 }, (_, i) => words[(i * 7 + (i >> 3)) % words.length]!);
    const text = sequence.join(' ');
    const expected = new Map<string, number>();
    for (let i = 0; i + 3 <= sequence.length; i++) {
      const key = sequence.slice(i, i + 3).join(' ');
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    for (const counts of [
      countWordNgrams(text, 3),
      new WordNgramCounter(3).add(text.slice(0, 30001)).add(text.slice(30001)).end(),
    ]) {
      expect(counts.total()).toBe(sequence.length - 2);
      expect(counts.distinct()).toBe(expected.size);
      for (const [key, count] of expected) expect(counts.count(key.split(' '))).toBe(count);
    }
    const characters = countCharacterNgrams(text, 2);
    expect(characters.total()).toBe([...text].length - 1);
    expect(characters.count(['a', 'a'])).toBe(sequence.filter((w) => w.startsWith('aa')).length * 4999);
  });

  it('counts a stream of chunks', async () => {
    async function* chunks() {
      yield 'the c';
      yield new TextEncoder().encode('at sat');
    }
    const counts = await countStream(chunks(), new WordNgramCounter(2));
    expect(counts.count(['the', 'cat'])).toBe(1);
    expect(counts.count(['cat', 'sat'])).toBe(1);
  });

  it('refuses bad arguments, naming them', () => {
    expect(code(() => new WordNgramCounter(0))).toEqual(['INVALID_ARGUMENT', 'n']);
    expect(code(() => new WordNgramCounter(17))).toEqual(['INVALID_ARGUMENT', 'n']);
    expect(code(() => new WordNgramCounter(2.5))).toEqual(['INVALID_ARGUMENT', 'n']);
    expect(code(() => new WordNgramCounter(2, { lowerCase: true } as never))).toEqual([
      'INVALID_ARGUMENT',
      'options.lowerCase',
    ]);
    expect(code(() => new WordNgramCounter(2).add(42 as never))).toEqual(['INVALID_ARGUMENT', 'chunk']);
    const counter = new WordNgramCounter(2);
    counter.end();
    expect(code(() => counter.add('x'))).toEqual(['COUNTER_ENDED', 'this']);
    const counts = countWordNgrams('a b', 2);
    expect(code(() => counts.count(['a', 'b', 'c']))).toEqual(['INVALID_ARGUMENT', 'gram.length']);
    expect(code(() => counts.count('a' as never))).toEqual(['INVALID_ARGUMENT', 'gram']);
    expect(code(() => counts.probability('a', ['a', 'b']))).toEqual(['INVALID_ARGUMENT', 'context']);
    expect(code(() => countWordNgrams(null as never, 2))).toEqual(['INVALID_ARGUMENT', 'text']);
  });
});

describe('character n-grams', () => {
  it('counts code points, case kept by default', () => {
    const counts = countCharacterNgrams('Aa😀a', 2);
    expect(counts.kind).toBe('character');
    expect(counts.tokenCount).toBe(4);
    expect(counts.count(['a'])).toBe(2);
    expect(counts.count(['A'])).toBe(1);
    expect(counts.count(['😀'])).toBe(1);
    expect(counts.count(['a', '😀'])).toBe(1);
    expect(countCharacterNgrams('Aa', 1, { ignoreCase: true }).count(['a'])).toBe(2);
  });

  it('in words mode counts the words with a space around each', () => {
    // " the cat the "
    const counts = countCharacterNgrams('The cat, the!', 2, { words: true, ignoreCase: true });
    expect(counts.tokenCount).toBe(13);
    expect(counts.count([' '])).toBe(4);
    expect(counts.count([' ', 't'])).toBe(2);
    expect(counts.count(['e', ' '])).toBe(2);
    expect(counts.count(['t', 'h'])).toBe(2);
    expect(counts.count([','])).toBe(0);
    expect(counts.tokenize('A b')).toEqual([' ', 'a', ' ', 'b', ' ']);
  });
});
