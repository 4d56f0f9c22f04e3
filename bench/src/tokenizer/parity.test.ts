import { describe, expect, it } from 'vitest';
import { describeIdMismatch, describeRoundTripMismatch, firstDifference } from './parity';

const vocab = ['The', ' best', ' thing', ' about', ' AI', ' is', ' its', ' ability', ' to', ' learn', ' fast', '!'];
const decode = (ids: number[]) => ids.map((id) => vocab[id]).join('');

describe('firstDifference', () => {
  it('is -1 for equal lists, the first unequal index, or the shorter length for a prefix', () => {
    expect(firstDifference([1, 2, 3], [1, 2, 3])).toBe(-1);
    expect(firstDifference([1, 2, 3], [1, 5, 3])).toBe(1);
    expect(firstDifference([1, 2], [1, 2, 3])).toBe(2);
    expect(firstDifference([], [])).toBe(-1);
  });
});

describe('describeIdMismatch', () => {
  it('names the token index, the text there, and both sides ids', () => {
    const reference = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const ours = [0, 1, 2, 3, 4, 5, 6, 7, 10, 9, 10, 11];
    const text = describeIdMismatch('ours', ours, 'js-tiktoken', reference, decode);
    expect(text).toContain('ours differs from js-tiktoken at token 8 of 12 (ours has 12 tokens)');
    expect(text).toContain(`near character ${decode(reference.slice(0, 3)).length}`);
    expect(text).toContain(JSON.stringify(decode(reference.slice(3, 12))));
    expect(text).toContain('ids[3…]: 3, 4, 5, 6, 7, 8, 9, 10, 11');
    expect(text).toContain('ids[3…]: 3, 4, 5, 6, 7, 10, 9, 10, 11');
  });
});

describe('describeRoundTripMismatch', () => {
  it('is undefined for equal texts and shows the first differing character otherwise', () => {
    expect(describeRoundTripMismatch('ours', 'same', 'same')).toBeUndefined();
    const text = describeRoundTripMismatch('ours', 'abc\uFFFDe', 'abc😀e');
    expect(text).toContain('differs from the text at character 3');
    expect(text).toContain(JSON.stringify('abc😀e'));
  });
});
