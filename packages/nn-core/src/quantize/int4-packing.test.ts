import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NnCoreError } from '../errors';
import { packInt4, packedInt4Length, unpackInt4 } from './int4-packing';

describe('int4 packing', () => {
  it('puts element 2k in the low nibble and 2k+1 in the high nibble, each as code + 8', () => {
    // codes [7, -7, 0, -3, 3] → nibbles [15, 1, 8, 5, 11] → bytes [15 + 16·1, 8 + 16·5, 11 + 16·0]
    expect(Array.from(packInt4([7, -7, 0, -3, 3]))).toEqual([31, 88, 11]);
    expect(Array.from(packInt4([-8, 7]))).toEqual([0 + 16 * 15]);
    expect(packInt4([]).length).toBe(0);
  });

  it('round-trips any count, odd ones included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -8, max: 7 }), { maxLength: 41 }), (codes) => {
        const packed = packInt4(codes);
        expect(packed.length).toBe(Math.ceil(codes.length / 2));
        expect(packed.length).toBe(packedInt4Length(codes.length));
        expect(Array.from(unpackInt4(packed, codes.length))).toEqual(codes);
      }),
    );
  });

  it('refuses codes outside [-8, 7] and counts that do not fit the bytes', () => {
    let bad: unknown;
    try {
      packInt4([0, 8]);
    } catch (error) {
      bad = error;
    }
    expect(NnCoreError.isInstance(bad) && bad.argument).toBe('codes');
    expect(() => packInt4([0.5])).toThrow(/index 0/);
    expect(() => unpackInt4(new Uint8Array(2), 5)).toThrow(NnCoreError);
    expect(() => unpackInt4(new Uint8Array(2), 3)).not.toThrow();
  });
});
