/**
 * Element types of safetensors files and the float conversions the checkpoint reader and writer
 * need: float16 and bfloat16 to float32 (exact), float32 to float16 and bfloat16 (IEEE 754
 * round-to-nearest-even). Pure functions over bytes, little-endian as the format defines.
 */

/** The float types a GPT-2 weight may have in a checkpoint. */
export type CheckpointDtype = 'F32' | 'F16' | 'BF16';

/** The float types a GPT-2 weight may have in a checkpoint, in a fixed order. */
export const CHECKPOINT_DTYPES: readonly CheckpointDtype[] = ['F32', 'F16', 'BF16'];

/**
 * Bytes per element of every dtype the safetensors format defines. Tensors this package ignores
 * (the causal-mask buffers) may have any of them; weights must be one of {@link CHECKPOINT_DTYPES}.
 */
export const SAFETENSORS_DTYPE_BYTES: Readonly<Record<string, number>> = Object.freeze({
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
});

/** Bytes per element of a checkpoint weight dtype. */
export function dtypeBytes(dtype: CheckpointDtype): number {
  return dtype === 'F32' ? 4 : 2;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const scratch = new DataView(new ArrayBuffer(4));

/** The bits of a float32 as an unsigned 32-bit integer. */
function float32Bits(value: number): number {
  scratch.setFloat32(0, value, true);
  return scratch.getUint32(0, true);
}

/**
 * The float16 bit pattern nearest to `value` (first rounded to float32), ties to even, as IEEE 754
 * and `torch.Tensor.half()` round: values from 65,520 up become ±Infinity, values at most 2⁻²⁵ in
 * magnitude become ±0, NaN stays NaN (its top payload bits kept, quiet bit set).
 */
export function float32ToFloat16Bits(value: number): number {
  return float32BitsToFloat16Bits(float32Bits(value));
}

/** {@link float32ToFloat16Bits} of the float32 whose bits are `x`. */
function float32BitsToFloat16Bits(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200 | (mantissa >>> 13));
  const e = exponent - 127 + 15; // float16 biased exponent
  if (e >= 0x1f) return sign | 0x7c00;
  if (e >= 1) {
    // Normal: keep the top 10 mantissa bits, round on the 13 dropped ones. A carry may run into the
    // exponent (1.9995 → 2) or up to Infinity (65,520 → ∞); both are the right answer.
    let bits = (e << 10) | (mantissa >>> 13);
    const dropped = mantissa & 0x1fff;
    if (dropped > 0x1000 || (dropped === 0x1000 && (bits & 1) === 1)) bits += 1;
    return sign | bits;
  }
  // Subnormal or zero: value = full · 2^(exponent − 150); float16 subnormals count units of 2⁻²⁴.
  const shift = 14 - e; // 14 when e = 0, more for smaller values
  if (shift > 24 || exponent === 0) return sign; // below 2⁻²⁵ (float32 subnormals included): ±0
  const full = mantissa | 0x800000;
  let bits = full >>> shift;
  const dropped = full & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  if (dropped > half || (dropped === half && (bits & 1) === 1)) bits += 1; // may round up to 0x400, the least normal
  return sign | bits;
}

/** The float32 value of a float16 bit pattern (exact: every float16 is a float32). */
export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/**
 * The bfloat16 bit pattern nearest to `value` (first rounded to float32), ties to even: the top 16
 * bits of the float32, rounded. NaN stays NaN (quiet bit set).
 */
export function float32ToBfloat16Bits(value: number): number {
  return float32BitsToBfloat16Bits(float32Bits(value));
}

/** {@link float32ToBfloat16Bits} of the float32 whose bits are `x`. */
function float32BitsToBfloat16Bits(x: number): number {
  if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) return (x >>> 16) | 0x40;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

/** float32 bit patterns of all 65,536 float16 values, built on first use (a cache of a pure function). */
let float16Table: Uint32Array | undefined;

function float16ToFloat32Table(): Uint32Array {
  if (float16Table === undefined) {
    const table = new Uint32Array(65536);
    const floats = new Float32Array(table.buffer);
    for (let bits = 0; bits < 65536; bits++) floats[bits] = float16BitsToFloat32(bits);
    // NaNs: keep sign and payload rather than the one NaN that arithmetic gives.
    for (let bits = 0; bits < 65536; bits++) {
      if ((bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0) {
        table[bits] = ((bits & 0x8000) << 16) | 0x7f800000 | ((bits & 0x3ff) << 13);
      }
    }
    float16Table = table;
  }
  return float16Table;
}

/** The 16-bit little-endian words of `bytes`, as a Uint16Array (a view when alignment and host allow). */
function words16(bytes: Uint8Array, count: number): Uint16Array {
  if (LITTLE_ENDIAN) {
    const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice(0, count * 2);
    return new Uint16Array(aligned.buffer, aligned.byteOffset, count);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getUint16(2 * i, true);
  return out;
}

/**
 * Widens `count` little-endian elements of `dtype` to a new Float32Array. F16 and BF16 widen exactly
 * (NaN payloads kept); F32 is copied. `bytes` must hold exactly `count` elements.
 */
export function widenToFloat32(bytes: Uint8Array, dtype: CheckpointDtype, count: number): Float32Array {
  const out = new Float32Array(count);
  if (dtype === 'F32') {
    if (LITTLE_ENDIAN) {
      new Uint8Array(out.buffer).set(bytes.subarray(0, count * 4));
    } else {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
    }
    return out;
  }
  const words = words16(bytes, count);
  const outBits = new Uint32Array(out.buffer);
  if (dtype === 'BF16') {
    for (let i = 0; i < count; i++) outBits[i] = words[i]! << 16;
  } else {
    const table = float16ToFloat32Table();
    for (let i = 0; i < count; i++) outBits[i] = table[words[i]!]!;
  }
  return out;
}

/** `data` as little-endian bytes of `dtype` (F16 and BF16 rounded to nearest, ties to even). */
export function encodeFloats(data: Float32Array, dtype: CheckpointDtype): Uint8Array {
  if (dtype === 'F32') {
    if (LITTLE_ENDIAN) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    const out = new Uint8Array(data.length * 4);
    const view = new DataView(out.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i]!, true);
    return out;
  }
  const convert = dtype === 'F16' ? float32BitsToFloat16Bits : float32BitsToBfloat16Bits;
  const inBits = new Uint32Array(data.buffer, data.byteOffset, data.length); // host order, as the floats
  const out = new Uint8Array(data.length * 2);
  for (let i = 0; i < data.length; i++) {
    const bits = convert(inBits[i]!);
    out[2 * i] = bits & 0xff;
    out[2 * i + 1] = bits >>> 8;
  }
  return out;
}
