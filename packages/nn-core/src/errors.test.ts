import { describe, expect, it } from 'vitest';
import { NnCoreError } from './errors';

describe('NnCoreError', () => {
  it('carries code, argument, value, expected and cause', () => {
    const cause = new Error('inner');
    const error = new NnCoreError('INVALID_ARGUMENT', 'f: x must be positive; found -1', {
      argument: 'x',
      value: -1,
      expected: '> 0',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('NnCoreError');
    expect([error.code, error.argument, error.value, error.expected, error.cause]).toEqual([
      'INVALID_ARGUMENT',
      'x',
      -1,
      '> 0',
      cause,
    ]);
  });

  it('is recognised across copies of the package by its Symbol.for marker, not by instanceof', () => {
    // What a second copy of nn-core (another install) would throw: same marker and name, other class.
    const fromOtherCopy = Object.assign(new Error('m'), { name: 'NnCoreError', code: 'INVALID_ARGUMENT' });
    Object.defineProperty(fromOtherCopy, Symbol.for('chatgpt-explained.error'), { value: true });
    expect(fromOtherCopy instanceof NnCoreError).toBe(false);
    expect(NnCoreError.isInstance(fromOtherCopy)).toBe(true);
  });

  it('rejects look-alikes without the marker, and errors of other packages', () => {
    expect(NnCoreError.isInstance(Object.assign(new Error('m'), { name: 'NnCoreError' }))).toBe(false);
    const samplerError = Object.assign(new Error('m'), { name: 'SamplerError' });
    Object.defineProperty(samplerError, Symbol.for('chatgpt-explained.error'), { value: true });
    expect(NnCoreError.isInstance(samplerError)).toBe(false);
    expect(NnCoreError.isInstance(null)).toBe(false);
    expect(NnCoreError.isInstance('NnCoreError')).toBe(false);
  });
});
