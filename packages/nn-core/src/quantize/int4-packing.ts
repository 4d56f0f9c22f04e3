/**
 * Two signed 4-bit codes per byte. Element `2k` sits in the low nibble of byte `k`, element `2k + 1`
 * in the high nibble, each stored as `code + 8` (offset binary, so a nibble 0..15 means -8..7). When
 * the count is odd, the high nibble of the last byte is unused and left 0.
 */
import { NnCoreError } from '../errors';

/** Bytes needed to pack `count` 4-bit codes. */
export function packedInt4Length(count: number): number {
  return Math.ceil(count / 2);
}

/** Packs integer codes in [-8, 7] two per byte (see the file comment for the layout). */
export function packInt4(codes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(packedInt4Length(codes.length));
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (!Number.isInteger(code) || code < -8 || code > 7) {
      throw new NnCoreError(
        'INVALID_ARGUMENT',
        `packInt4: codes must be integers in [-8, 7]; found ${code} at index ${i}`,
        {
          argument: 'codes',
          value: code,
          expected: 'integers in [-8, 7]',
        },
      );
    }
    const nibble = code + 8;
    const at = i >> 1;
    out[at] = out[at]! | ((i & 1) === 0 ? nibble : nibble << 4);
  }
  return out;
}

/** Unpacks `count` codes (each in [-8, 7]) from bytes written by {@link packInt4}. */
export function unpackInt4(packed: Uint8Array, count: number): Int8Array {
  if (!Number.isSafeInteger(count) || count < 0 || packedInt4Length(count) !== packed.length) {
    throw new NnCoreError(
      'SHAPE_MISMATCH',
      `unpackInt4: ${String(count)} codes need ${packedInt4Length(Math.max(0, Math.floor(count)))} bytes; got ${packed.length}`,
      { argument: 'count', value: count, expected: `a count that fits ${packed.length} bytes` },
    );
  }
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const byte = packed[i >> 1]!;
    out[i] = ((i & 1) === 0 ? byte & 0x0f : byte >> 4) - 8;
  }
  return out;
}
