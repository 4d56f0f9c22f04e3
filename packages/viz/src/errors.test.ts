import { describe, expect, it } from 'vitest';
import { VizError } from './errors';

describe('VizError', () => {
  it('carries a code and the argument, value and expected of bad input', () => {
    const error = new VizError('NON_FINITE_VALUE', 'renderSvg: spec.x[0] must be finite', {
      argument: 'spec.x[0]',
      value: Number.NaN,
      expected: 'a finite number',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'VizError', code: 'NON_FINITE_VALUE', argument: 'spec.x[0]' });
    expect(VizError.isInstance(error)).toBe(true);
  });

  it('is recognised across copies through the shared marker, not instanceof', () => {
    const copy = Object.assign(new Error('x'), { name: 'VizError' });
    expect(VizError.isInstance(copy)).toBe(false);
    Object.defineProperty(copy, Symbol.for('chatgpt-explained.error'), { value: true });
    expect(VizError.isInstance(copy)).toBe(true);
    expect(VizError.isInstance(null)).toBe(false);
  });
});
