// Noun counts in a text counted by hand, and the choice of frequent nouns.
import { describe, expect, it } from 'vitest';
import { countNouns, frequentNouns } from './nouns';

describe('countNouns', () => {
  it('counts whole words, any case, across texts', () => {
    const texts = ["The man and the men. Men's hats; a MAN, a manly man-servant.", 'Two men, one letter, letters'];
    // man: "man", "MAN", "man" of "man-servant" = 3 ("manly" no); men: "men", "men" = 2 ("Men's" is one word).
    expect(
      countNouns(texts, [
        { singular: 'man', plural: 'men' },
        { singular: 'letter', plural: 'letters' },
        { singular: 'whale', plural: 'whales' },
      ]),
    ).toEqual([
      { singular: 'man', plural: 'men', singularCount: 3, pluralCount: 2 },
      { singular: 'letter', plural: 'letters', singularCount: 1, pluralCount: 1 },
      { singular: 'whale', plural: 'whales', singularCount: 0, pluralCount: 0 },
    ]);
  });

  it('keeps nouns whose rarer form is frequent enough, most frequent first, up to a limit', () => {
    const counts = [
      { singular: 'a', plural: 'as', singularCount: 100, pluralCount: 5 },
      { singular: 'b', plural: 'bs', singularCount: 20, pluralCount: 30 },
      { singular: 'c', plural: 'cs', singularCount: 50, pluralCount: 40 },
      { singular: 'd', plural: 'ds', singularCount: 10, pluralCount: 10 },
    ];
    expect(frequentNouns(counts, 10, 10).map((c) => c.singular)).toEqual(['c', 'b', 'd']);
    expect(frequentNouns(counts, 10, 2).map((c) => c.singular)).toEqual(['c', 'b']);
    expect(frequentNouns(counts, 41, 10)).toEqual([]);
  });
});
