import { createRng } from '@chatgpt-explained/sampler';
import { describe, expect, it } from 'vitest';
import { CharacterNgramCounter, countCharacterNgrams, countWordNgrams } from './counters';
import { generate, randomWords } from './generate';
import { countLetters } from './letters';
import { randomLetters, randomLetterWords, wordLengthCounts } from './random-letters';
import { code } from './testing/error-code';

const CORPUS =
  'the cat sat on the mat. the cat ate the rat. a dog sat on the log and the dog saw the cat. ' +
  'the rat ran from the cat and the dog ran after the rat.';

describe('generate', () => {
  const bigrams = countWordNgrams(CORPUS, 2);

  it('is deterministic for a seed and follows seen 2-grams from "cat"', () => {
    const a = generate(bigrams, { length: 30, start: ['cat'], seed: 7 });
    expect(generate(bigrams, { length: 30, start: ['cat'], seed: 7 })).toEqual(a);
    expect(generate(bigrams, { length: 30, start: ['cat'], rng: createRng(7) })).toEqual(a);
    expect(generate(bigrams, { length: 30, start: ['cat'], seed: 8 })).not.toEqual(a);
    const path = ['cat', ...a];
    for (let i = 1; i < path.length; i++) expect(bigrams.count([path[i - 1]!, path[i]!])).toBeGreaterThan(0);
  });

  it('at temperature 0 always takes the most frequent next word', () => {
    // After "the": cat 4, rat 3, dog 2, log 1, mat 1 → "cat".
    const out = generate(bigrams, { length: 1, start: ['the'], temperature: 0 });
    expect(out).toEqual(['cat']);
  });

  it('draws words by frequency with order 1 and uniformly with order 0', () => {
    const byFrequency = generate(bigrams, { length: 4000, order: 1, seed: 3 });
    const share = byFrequency.filter((w) => w === 'the').length / byFrequency.length;
    expect(share).toBeCloseTo(bigrams.count(['the']) / bigrams.tokenCount, 1);
    const uniform = generate(bigrams, { length: 4000, order: 0, seed: 3 });
    const theShare = uniform.filter((w) => w === 'the').length / uniform.length;
    expect(theShare).toBeCloseTo(1 / bigrams.vocabulary.length, 1);
  });

  it('refuses bad options and unknown starts', () => {
    expect(code(() => generate(bigrams, { length: 1, start: ['unicorn'] }))).toEqual(['UNKNOWN_CONTEXT', 'start']);
    // "c" is only at the very end of the text: it is never followed by anything.
    const ending = countWordNgrams('a b c', 2);
    expect(code(() => generate(ending, { length: 1, start: ['c'] }))).toEqual(['UNKNOWN_CONTEXT', 'start']);
    expect(code(() => generate(bigrams, { length: -1 }))).toEqual(['INVALID_ARGUMENT', 'length']);
    expect(code(() => generate(bigrams, { length: 1, order: 3 }))).toEqual(['INVALID_ARGUMENT', 'order']);
    expect(code(() => generate(bigrams, { length: 1, seed: 1, rng: createRng(1) }))).toEqual([
      'INVALID_ARGUMENT',
      'seed',
    ]);
    expect(code(() => generate(bigrams, { length: 1, temperature: -1 }))).toEqual(['INVALID_ARGUMENT', 'temperature']);
    expect(code(() => generate(bigrams, { length: 1, topk: 3 } as never))).toEqual([
      'INVALID_ARGUMENT',
      'options.topk',
    ]);
    expect(code(() => generate(countWordNgrams('', 2), { length: 1 }))).toEqual(['EMPTY_COUNTS', 'counts']);
  });
});

describe('random letters and words (essay 2.2, 2.4)', () => {
  const chars = new CharacterNgramCounter(5, { words: true, ignoreCase: true }).add(CORPUS.repeat(3)).end();

  it('draws letters whose frequencies approach the source frequencies', () => {
    const letters = randomLetters(chars, { length: 20000, seed: 11 });
    expect(letters).toHaveLength(20000);
    expect(randomLetters(chars, { length: 50, seed: 11 })).toBe(letters.slice(0, 50));
    const source = new Map(countLetters(CORPUS, { ignoreCase: true }).map((l) => [l.letter, l.frequency]));
    const drawn = new Map(countLetters(letters).map((l) => [l.letter, l.frequency]));
    // 20,000 draws: a standard error of at most 0.0035 per letter; allow 4.
    for (const [letter, p] of source) expect(Math.abs((drawn.get(letter) ?? 0) - p)).toBeLessThan(0.014);
    const withSpaces = randomLetters(chars, { length: 20000, spaces: true, seed: 11 });
    const spaceShare = [...withSpaces].filter((c) => c === ' ').length / 20000;
    expect(spaceShare).toBeCloseTo(chars.count([' ']) / chars.tokenCount, 1);
  });

  it('draws word lengths from the word-length distribution', () => {
    expect([...wordLengthCounts(countWordNgrams('a bb cc ddd a 𝐀𝐀', 1))]).toEqual([
      [1, 2],
      [2, 3],
      [3, 1],
    ]);
    const lengths = wordLengthCounts(countWordNgrams(CORPUS, 1));
    const out = randomLetterWords(chars, { words: 200, wordLengths: lengths, seed: 2 });
    expect(out).toHaveLength(200);
    for (const w of out) expect(lengths.has(w.length)).toBe(true);
  });

  it('makes random words from letter n-grams for n = 0 … 5, seeded', () => {
    for (let n = 0; n <= 5; n++) {
      const words = randomWords(chars, { words: 20, order: n, seed: 5 });
      expect(words).toHaveLength(20);
      expect(randomWords(chars, { words: 20, order: n, seed: 5 })).toEqual(words);
      for (const w of words) expect(w).toMatch(/^\S+$/u);
    }
    // With n = 5 every 5-gram of symbols (with the spaces around the word) was seen.
    for (const w of randomWords(chars, { words: 50, order: 5, seed: 9 })) {
      const symbols = [' ', ...w, ' '];
      for (let i = 0; i + 5 <= symbols.length; i++) expect(chars.count(symbols.slice(i, i + 5))).toBeGreaterThan(0);
    }
    expect(code(() => randomWords(countWordNgrams('a b', 2), { words: 1 }))).toEqual(['INVALID_ARGUMENT', 'counts']);
    expect(code(() => randomWords(countCharacterNgrams('ab', 2), { words: 1 }))).toEqual([
      'INVALID_ARGUMENT',
      'counts',
    ]);
  });
});
