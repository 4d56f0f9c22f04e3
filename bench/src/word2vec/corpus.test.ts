import { describe, expect, it } from 'vitest';
import { firstWords, paragraphLines } from './corpus';

describe('paragraphLines', () => {
  it('makes one line of lower-cased words per blank-line-separated paragraph, cut at maxLineWords', () => {
    const text = 'The Cat sat.\nOn the mat!\n\n\n  \nDon’t stop—well-known, 1998.\r\n\r\nA b c d e\n\n...\n';
    expect(paragraphLines(text, 3)).toEqual([
      ['the', 'cat', 'sat'],
      ['on', 'the', 'mat'],
      ['don’t', 'stop', 'well'],
      ['known'],
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });
});

describe('firstWords', () => {
  it('keeps whole lines until the count is reached, cutting the last', () => {
    expect(firstWords([['a', 'b'], ['c', 'd', 'e'], ['f']], 4)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(firstWords([['a']], 5)).toEqual([['a']]);
  });
});
