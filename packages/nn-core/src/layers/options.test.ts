import type * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { thrown } from '../test/thrown';
import { checkOptionKeys, expectMinRank, integerPair, paddingOption, positiveNumber } from './options';

describe('layer option checks', () => {
  it('checkOptionKeys accepts known keys and names an unknown one', () => {
    checkOptionKeys('op', { a: 1 }, ['a', 'b']);
    const error = thrown(() => checkOptionKeys('op', { a: 1, c: 3 }, ['a', 'b']));
    expect(error.message).toBe('op: unknown option "c"; known: a, b');
    expect([error.code, error.argument, error.value]).toEqual(['INVALID_ARGUMENT', 'c', 3]);
    expect(thrown(() => checkOptionKeys('op', null, ['a'])).argument).toBe('options');
    expect(thrown(() => checkOptionKeys('op', [1], ['a'])).argument).toBe('options');
  });

  it('integerPair takes n or [h, w] of integers ≥ 1', () => {
    expect(integerPair('op', 'k', 3)).toEqual([3, 3]);
    expect(integerPair('op', 'k', [2, 5])).toEqual([2, 5]);
    for (const bad of [0, 1.5, [1], [1, 0], '3', undefined]) {
      const error = thrown(() => integerPair('op', 'k', bad));
      expect([error.code, error.argument, error.value]).toEqual(['INVALID_ARGUMENT', 'k', bad]);
    }
  });

  it('paddingOption and positiveNumber', () => {
    expect(paddingOption('op', 'same')).toBe('same');
    expect(thrown(() => paddingOption('op', 'causal')).message).toBe(
      "op: padding must be 'same' or 'valid', got \"causal\"",
    );
    expect(positiveNumber('op', 'eps', 1e-12)).toBe(1e-12);
    for (const bad of [0, -1, Infinity, Number.NaN, '1'])
      expect(thrown(() => positiveNumber('op', 'eps', bad)).value).toBe(bad);
  });

  it('expectMinRank names the layer and its path', () => {
    // Only rank and shape are read: plain objects stand in for tensors.
    const x = { rank: 1, shape: [3] } as unknown as tf.Tensor;
    expectMinRank('Flatten', 'f', { rank: 2, shape: [1, 1] } as unknown as tf.Tensor, 2, '[B, ...]');
    const error = thrown(() => expectMinRank('Flatten', 'f', x, 2, '[B, ...]'));
    expect(error.code).toBe('SHAPE_MISMATCH');
    expect(error.message).toBe('Flatten "f": input has shape [3]; expected [B, ...]');
    expect(thrown(() => expectMinRank('Flatten', '', x, 2, '[B, ...]')).message).toMatch(/^Flatten: /);
  });
});
