import { describe, expect, it } from 'vitest';
import { plainLetters } from './random-text';

describe('plainLetters (the text the letter experiments see)', () => {
  it('keeps a–z lower case, drops accents, turns everything else into single spaces', () => {
    expect(plainLetters('Élan, vital! Don’t 42x')).toBe('elan vital don t x');
  });
});
