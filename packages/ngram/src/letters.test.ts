import { describe, expect, it } from 'vitest';
import { NgramError } from './errors';
import { countLetters, LetterCounter } from './letters';

describe('countLetters', () => {
  it('counts Unicode letters by hand, case kept, most frequent first', () => {
    const counts = countLetters('Cats eat, cats 2!');
    // letters: C a t s e a t c a t s → a 3, t 3, s 2, C 1, c 1, e 1 (11 letters)
    expect(counts.map((c) => [c.letter, c.count])).toEqual([
      ['a', 3],
      ['t', 3],
      ['s', 2],
      ['C', 1],
      ['c', 1],
      ['e', 1],
    ]);
    expect(counts[0]!.frequency).toBeCloseTo(3 / 11, 15);
    expect(countLetters('😀 42 — é\u0301 𝐀')).toEqual([
      { letter: 'é', count: 1, frequency: 0.5 },
      { letter: '𝐀', count: 1, frequency: 0.5 },
    ]);
  });

  it('folds case per letter with ignoreCase: Σ → σ, İ → i, ß stays', () => {
    const counts = countLetters('ΣΑΣ İi ß SS', { ignoreCase: true });
    expect(Object.fromEntries(counts.map((c) => [c.letter, c.count]))).toEqual({ σ: 2, α: 1, i: 2, ß: 1, s: 2 });
  });

  it('counts a stream of chunks the same as the whole text', () => {
    const text = 'a😀b𝐀c';
    const whole = countLetters(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const counter = new LetterCounter();
      expect(counter.add(text.slice(0, cut)).add(text.slice(cut)).end()).toEqual(whole);
    }
  });

  it('refuses bad arguments', () => {
    expect(() => countLetters(5 as never)).toThrow(NgramError);
    const counter = new LetterCounter();
    counter.end();
    try {
      counter.add('x');
    } catch (error) {
      expect(NgramError.isInstance(error) && error.code).toBe('COUNTER_ENDED');
    }
  });
});
