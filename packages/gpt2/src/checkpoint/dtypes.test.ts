import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeFloats,
  float16BitsToFloat32,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
  widenToFloat32,
} from './dtypes';

/** float16 value of a bit pattern, from the IEEE 754 definition, in float64 (test's own reference). */
function f16Value(bits: number): number {
  const s = bits >> 15 ? -1 : 1;
  const e = (bits >> 10) & 31;
  const m = bits & 1023;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m === 0 ? s * Infinity : NaN;
  return s * 2 ** (e - 15) * (1 + m / 1024);
}

describe('float32ToFloat16Bits', () => {
  it('gives the hand-computed bit patterns', () => {
    const cases: Array<[number, number]> = [
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [65504, 0x7bff], // largest finite
      [65519, 0x7bff], // below the midpoint 65520: rounds down
      [65520, 0x7c00], // the midpoint to 2^16 rounds to even, which is Infinity
      [1e6, 0x7c00],
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [0, 0x0000],
      [-0, 0x8000],
      [2 ** -14, 0x0400], // least normal
      [2 ** -24, 0x0001], // least subnormal
      [1023 * 2 ** -24, 0x03ff], // largest subnormal
      [1023.5 * 2 ** -24, 0x0400], // tie between 0x03ff and 0x0400: to even, the least normal
      [2 ** -25, 0x0000], // half the least subnormal: tie, to even (0)
      [1.5 * 2 ** -25, 0x0001],
      [1e-8, 0x0000], // below 2^-25
      [-1e-8, 0x8000],
      [6e-8, 0x0001], // just above 2^-24 ≈ 5.96e-8
      [2.5 * 2 ** -24, 0x0002], // tie between 2 and 3 units: even (2)
      [3.5 * 2 ** -24, 0x0004], // tie between 3 and 4 units: even (4)
      [1 + 2 ** -11, 0x3c00], // tie between 1 and 1 + 2^-10: even
      [1 + 3 * 2 ** -11, 0x3c02], // tie between 0x3c01 and 0x3c02: even
      [1 + 2 ** -11 + 2 ** -20, 0x3c01], // just above the tie: up
      [2 - 2 ** -12, 0x4000], // rounds up across the exponent
      [0.1, 0x2e66],
      [1 / 3, 0x3555],
      [2 ** -30, 0x0000], // float32 normal far below float16's range
      [1e-45, 0x0000], // a float32 subnormal
    ];
    for (const [value, bits] of cases) {
      expect(float32ToFloat16Bits(value), `${value}`).toBe(bits);
    }
  });

  it('keeps NaN a NaN, with its sign', () => {
    const bits = float32ToFloat16Bits(NaN);
    expect(bits & 0x7c00).toBe(0x7c00);
    expect(bits & 0x3ff).not.toBe(0);
    expect(bits).toBe(0x7e00); // the canonical quiet NaN 0x7fc00000 keeps its quiet bit
    const view = new DataView(new ArrayBuffer(4));
    view.setUint32(0, 0xffc00001); // a negative NaN with payload
    const negative = float32ToFloat16Bits(view.getFloat32(0));
    expect(negative & 0xfc00).toBe(0xfc00);
    expect(negative & 0x3ff).not.toBe(0);
  });

  it('round-trips every float16 value (65,536 patterns)', () => {
    const wrong: string[] = [];
    for (let bits = 0; bits < 65536; bits++) {
      const value = float16BitsToFloat32(bits);
      const isNaNPattern = (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0;
      if (Number.isNaN(value) !== isNaNPattern) wrong.push(`${bits.toString(16)}: NaN mismatch`);
      if (isNaNPattern) continue;
      if (!Object.is(value, f16Value(bits))) wrong.push(`${bits.toString(16)}: value ${value}`);
      if (float32ToFloat16Bits(value) !== bits)
        wrong.push(`${bits.toString(16)}: back to ${float32ToFloat16Bits(value)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('rounds to the nearest float16, ties to even (checked against both neighbours)', () => {
    fc.assert(
      fc.property(
        fc.float({ min: Math.fround(2 ** -30), max: 65519, noNaN: true }),
        fc.boolean(),
        (magnitude, negative) => {
          const x = negative ? -magnitude : magnitude;
          const bits = float32ToFloat16Bits(x);
          const r = bits & 0x7fff;
          if ((bits & 0x8000) !== (negative ? 0x8000 : 0)) return false;
          const distance = (m: number) => Math.abs(magnitude - f16Value(m));
          const d = distance(r);
          for (const neighbour of [r - 1, r + 1]) {
            if (neighbour < 0 || neighbour > 0x7bff) continue;
            const dn = distance(neighbour);
            if (d > dn || (d === dn && r % 2 !== 0)) return false; // not nearest, or a tie not sent to even
          }
          return true;
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe('float32ToBfloat16Bits', () => {
  it('gives the hand-computed bit patterns', () => {
    const cases: Array<[number, number]> = [
      [1, 0x3f80],
      [-2.5, 0xc020],
      [0, 0],
      [-0, 0x8000],
      [Infinity, 0x7f80],
      [-Infinity, 0xff80],
      [1 + 2 ** -8, 0x3f80], // tie: even
      [1 + 3 * 2 ** -8, 0x3f82], // tie: even
      [1 + 2 ** -8 + 2 ** -20, 0x3f81],
      [3.4028234663852886e38, 0x7f80], // the largest float32 rounds up to Infinity
      [1e-40, 0x0001], // float32 subnormal 0x000116c2 → 0x0001
    ];
    for (const [value, bits] of cases) expect(float32ToBfloat16Bits(value), `${value}`).toBe(bits);
    const nan = float32ToBfloat16Bits(NaN);
    expect(nan & 0x7f80).toBe(0x7f80);
    expect(nan & 0x7f).not.toBe(0);
  });
});

describe('widenToFloat32 and encodeFloats', () => {
  it('reads little-endian F32, F16 and BF16 bytes, aligned or not', () => {
    // F32 1.0 = 00 00 80 3F, -2.5 = 00 00 20 C0; F16 1.0 = 00 3C, -2 = 00 C0; BF16 1.0 = 80 3F, -2.5 = 20 C0.
    const f32 = [0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0];
    const f16 = [0x00, 0x3c, 0x00, 0xc0, 0x01, 0x00];
    const bf16 = [0x80, 0x3f, 0x20, 0xc0];
    for (const shift of [0, 1, 3]) {
      const place = (bytes: number[]) => {
        const buffer = new Uint8Array(bytes.length + shift);
        buffer.set(bytes, shift);
        return buffer.subarray(shift);
      };
      expect(Array.from(widenToFloat32(place(f32), 'F32', 2))).toEqual([1, -2.5]);
      expect(Array.from(widenToFloat32(place(f16), 'F16', 3))).toEqual([1, -2, 2 ** -24]);
      expect(Array.from(widenToFloat32(place(bf16), 'BF16', 2))).toEqual([1, -2.5]);
    }
  });

  it('writes little-endian bytes, rounding F16 and BF16', () => {
    const data = Float32Array.from([1, -2.5]);
    expect(Array.from(encodeFloats(data, 'F32'))).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0]);
    expect(Array.from(encodeFloats(data, 'F16'))).toEqual([0x00, 0x3c, 0x00, 0xc1]);
    expect(Array.from(encodeFloats(data, 'BF16'))).toEqual([0x80, 0x3f, 0x20, 0xc0]);
    expect(Array.from(encodeFloats(Float32Array.from([65520, 1 + 2 ** -11]), 'F16'))).toEqual([0x00, 0x7c, 0x00, 0x3c]);
  });

  it('keeps F32 bit patterns exactly (NaN payloads, −0, subnormals)', () => {
    const bits = Uint32Array.from([0x7fc00001, 0xffa00000, 0x80000000, 0x00000001, 0x7f800000, 0x3f800001]);
    const data = new Float32Array(bits.buffer);
    const back = widenToFloat32(encodeFloats(data, 'F32'), 'F32', data.length);
    expect(Array.from(new Uint32Array(back.buffer))).toEqual(Array.from(bits));
    // F16 NaN payloads survive widening: 0x7e01 → quiet NaN with payload 1 << 13.
    const widened = widenToFloat32(Uint8Array.from([0x01, 0x7e, 0x00, 0xfc]), 'F16', 2);
    expect(Array.from(new Uint32Array(widened.buffer))).toEqual([0x7fc02000, 0xff800000]);
  });
});
