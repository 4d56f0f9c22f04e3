/**
 * How the kernel keeps a quantised weight matrix W [K, N] in memory (the layout `quant-kernel.wat`
 * reads), and the JavaScript that writes and reads it.
 *
 * Quantisation is per block: each output column c of W is cut along K into blocks of 32 values
 * (the last one padded with zeros when K is not a multiple of 32). A block gets one float32 scale
 * `d = f32(max|w| / qmax)`, qmax = 127 for 8 bits and 7 for 4 bits, and each value the integer code
 * `round(w / d)` (ties away from zero) in [-qmax, qmax], so `|w - code·d| ≤ d/2`; a block with
 * `d = 0` gets codes 0. Symmetric, like nn-core's per-channel `quantizeWeights`: 4-bit codes use 15
 * of the 16 levels, so that the bound holds (GGML's Q4_0 uses all 16 and may miss it by d/2).
 *
 * Storage: columns are taken four at a time (a group; N is padded with zero columns to a multiple
 * of 4). For group g and block b there is one super-block; groups follow each other, and the blocks
 * of a group are in order:
 * - 8 bits, 144 bytes: column 4g+r's 32 codes as int8 at bytes 32r .. 32r+31, then the four
 *   columns' scales as float32 at bytes 128 .. 143.
 * - 4 bits, 80 bytes: column 4g+r's 32 codes in bytes 16r .. 16r+15, read as eight little-endian
 *   uint16 lanes: nibble q (bits 4q .. 4q+3) of lane l holds value j = 8q + l of the block as
 *   code + 8; then the four scales at bytes 64 .. 79. (This order lets the kernel take each nibble
 *   with one mask and no widening.)
 */
import { NnCoreError } from '../../errors';
import { QUANT_MAX, type QuantizationBits } from '../quantized-tensor';

/** Values per block along K. */
export const BLOCK_SIZE = 32;
/** Output columns per group. */
export const GROUP_COLUMNS = 4;

/** Sizes of a quantised matrix's storage. */
export interface WeightLayout {
  readonly k: number;
  readonly n: number;
  readonly bits: QuantizationBits;
  /** Blocks per column: ceil(k / 32). */
  readonly blocks: number;
  /** Column groups: ceil(n / 4). */
  readonly groups: number;
  /** Bytes of one super-block (4 columns × 1 block): 144 (8 bits) or 80 (4 bits). */
  readonly superBlockBytes: number;
  /** Bytes of the whole matrix: groups × blocks × superBlockBytes. */
  readonly bytes: number;
}

/** The layout of a [k, n] matrix at `bits`. */
export function weightLayout(k: number, n: number, bits: QuantizationBits): WeightLayout {
  const blocks = Math.ceil(k / BLOCK_SIZE);
  const groups = Math.ceil(n / GROUP_COLUMNS);
  const superBlockBytes = bits === 8 ? 144 : 80;
  return { k, n, bits, blocks, groups, superBlockBytes, bytes: groups * blocks * superBlockBytes };
}

/** Byte offset of column c's codes for block b. */
function codeByte(layout: WeightLayout, c: number, b: number): number {
  const rowBytes = layout.bits === 8 ? 32 : 16;
  return ((c >> 2) * layout.blocks + b) * layout.superBlockBytes + (c & 3) * rowBytes;
}

/** Float32 index of column c's scale for block b. */
function scaleIndex(layout: WeightLayout, c: number, b: number): number {
  return (((c >> 2) * layout.blocks + b) * layout.superBlockBytes + layout.superBlockBytes - 16) / 4 + (c & 3);
}

/** `round(w / d)`, ties away from zero, clamped to [-qmax, qmax] (d > 0). */
function code(w: number, d: number, qmax: number): number {
  const r = Math.abs(w / d); // ≤ qmax (1 + 2^-23) since d = f32(max|w| / qmax)
  let t = (r + 0.5) | 0;
  if (t - r > 0.5) t -= 1; // r + 0.5 rounded up to the next integer (r just below a half)
  if (t > qmax) t = qmax;
  return w < 0 ? -t : t;
}

/**
 * Writes one column's block: its scale and its 32 codes (`codes[from .. from + 32)`, zeros past K)
 * at the column's place in `bytes`/`f32`.
 */
function putBlock(
  layout: WeightLayout,
  bytes: Uint8Array,
  f32: Float32Array,
  c: number,
  b: number,
  d: number,
  codes: Int8Array,
  from: number,
): void {
  f32[scaleIndex(layout, c, b)] = d;
  const at = codeByte(layout, c, b);
  if (layout.bits === 8) {
    for (let j = 0; j < BLOCK_SIZE; j++) bytes[at + j] = codes[from + j]! & 0xff;
  } else {
    for (let l = 0; l < 8; l++) {
      bytes[at + 2 * l] = (codes[from + l]! + 8) | ((codes[from + 8 + l]! + 8) << 4);
      bytes[at + 2 * l + 1] = (codes[from + 16 + l]! + 8) | ((codes[from + 24 + l]! + 8) << 4);
    }
  }
}

/**
 * Quantises `weights` into `target` (exactly `layout.bytes` long, 16-byte aligned). `weights` is
 * row-major [k, n], or [n, k] when `transposed`. Throws `INVALID_ARGUMENT` (argument `weights`,
 * naming the index) for a NaN or infinite weight; `target` is then left partly written.
 */
export function writeQuantizedWeights(
  op: string,
  target: Uint8Array,
  weights: Float32Array,
  layout: WeightLayout,
  transposed: boolean,
): void {
  const { k, n, bits, blocks, groups } = layout;
  const qmax = QUANT_MAX[bits];
  const f32 = new Float32Array(target.buffer, target.byteOffset, target.byteLength >> 2);
  // Padding columns: codes 0 (byte 0 for 8 bits, nibbles 8 for 4 bits), scales 0.
  target.fill(0);
  const zeros = new Int8Array(BLOCK_SIZE);
  for (let c = n; c < groups * GROUP_COLUMNS; c++)
    for (let b = 0; b < blocks; b++) putBlock(layout, target, f32, c, b, 0, zeros, 0);

  const notFinite = (index: number) => {
    const [row, col] = transposed ? [index % k, Math.floor(index / k)] : [Math.floor(index / n), index % n];
    const v = weights[index]!;
    return new NnCoreError(
      'INVALID_ARGUMENT',
      `${op}: weights must be finite; found ${v} at index ${index} (row ${row}, column ${col} of W [k, n] = [${k}, ${n}]${transposed ? ', given transposed' : ''})`,
      { argument: 'weights', value: v, expected: 'finite numbers' },
    );
  };

  if (transposed) {
    const codes = new Int8Array(BLOCK_SIZE);
    for (let c = 0; c < n; c++) {
      const row = c * k;
      for (let b = 0; b < blocks; b++) {
        const start = row + b * BLOCK_SIZE;
        const count = Math.min(BLOCK_SIZE, k - b * BLOCK_SIZE);
        let amax = 0;
        for (let j = 0; j < count; j++) {
          const a = Math.abs(weights[start + j]!);
          if (!(a < Infinity)) throw notFinite(start + j);
          if (a > amax) amax = a;
        }
        const d = Math.fround(amax / qmax);
        codes.fill(0);
        if (d !== 0) for (let j = 0; j < count; j++) codes[j] = code(weights[start + j]!, d, qmax);
        putBlock(layout, target, f32, c, b, d, codes, 0);
      }
    }
    return;
  }
  // [k, n]: one band of 32 rows at a time, read row by row; codes gathered per column.
  const scales = new Float64Array(n);
  const codes = new Int8Array(n * BLOCK_SIZE); // [n, 32]
  for (let b = 0; b < blocks; b++) {
    const k0 = b * BLOCK_SIZE;
    const count = Math.min(BLOCK_SIZE, k - k0);
    scales.fill(0);
    for (let j = 0; j < count; j++) {
      const row = (k0 + j) * n;
      for (let c = 0; c < n; c++) {
        const a = Math.abs(weights[row + c]!);
        if (!(a < Infinity)) throw notFinite(row + c);
        if (a > scales[c]!) scales[c] = a;
      }
    }
    for (let c = 0; c < n; c++) scales[c] = Math.fround(scales[c]! / qmax);
    codes.fill(0);
    for (let j = 0; j < count; j++) {
      const row = (k0 + j) * n;
      for (let c = 0; c < n; c++) {
        const d = scales[c]!;
        if (d !== 0) codes[c * BLOCK_SIZE + j] = code(weights[row + c]!, d, qmax);
      }
    }
    for (let c = 0; c < n; c++) putBlock(layout, target, f32, c, b, scales[c]!, codes, c * BLOCK_SIZE);
  }
}

/** The float32 values `code · d` of a matrix stored in `source` (as written above), row-major [k, n]. */
export function readDequantizedWeights(source: Uint8Array, layout: WeightLayout): Float32Array {
  const { k, n, bits, blocks } = layout;
  const f32 = new Float32Array(source.buffer, source.byteOffset, source.byteLength >> 2);
  const i8 = new Int8Array(source.buffer, source.byteOffset, source.byteLength);
  const out = new Float32Array(k * n);
  for (let c = 0; c < n; c++) {
    for (let b = 0; b < blocks; b++) {
      const d = f32[scaleIndex(layout, c, b)]!;
      const at = codeByte(layout, c, b);
      const k0 = b * BLOCK_SIZE;
      const end = Math.min(k, k0 + BLOCK_SIZE);
      for (let kk = k0; kk < end; kk++) {
        const j = kk - k0;
        const q =
          bits === 8 ? i8[at + j]! : ((source[at + 2 * (j & 7) + (j >> 4)]! >> (((j >> 3) & 1) * 4)) & 0x0f) - 8;
        out[kk * n + c] = q * d;
      }
    }
  }
  return out;
}
