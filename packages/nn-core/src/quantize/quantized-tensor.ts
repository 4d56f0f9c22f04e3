/**
 * Symmetric per-channel weight quantisation (the scheme of LLM.int8's weight side and GGML's Q8/Q4
 * without blocks): each channel along `axis` gets one float32 scale, `scale = max|w| / qmax`, and each
 * weight becomes the integer `round(w / scale)` in [-qmax, qmax], with qmax = 127 for 8 bits and 7
 * for 4 bits. Dequantising gives `code × scale`, within `scale / 2` of the original weight.
 */
import { NnCoreError } from '../errors';
import { packInt4, packedInt4Length, unpackInt4 } from './int4-packing';

/** Bits per quantised weight. */
export type QuantizationBits = 8 | 4;

/** Largest code magnitude per bit width: codes lie in [-qmax, qmax] (symmetric, so -128 and -8 are unused). */
export const QUANT_MAX: Readonly<Record<QuantizationBits, number>> = { 8: 127, 4: 7 };

interface QuantizedTensorBase {
  /** Shape of the original tensor, row-major. */
  readonly shape: readonly number[];
  /** The channel axis (0 ≤ axis < rank): one scale per index along it. */
  readonly axis: number;
  /** One scale per channel (`shape[axis]` of them); 0 for a channel that was all zeros. */
  readonly scales: Float32Array;
  /** Number of weights (the product of `shape`). */
  readonly size: number;
  /** Bytes held: codes plus scales (`data.byteLength + scales.byteLength`). */
  readonly byteLength: number;
}

/** 8-bit codes, one signed byte per weight, in [-127, 127]. */
export interface QuantizedTensor8 extends QuantizedTensorBase {
  readonly bits: 8;
  readonly data: Int8Array;
}

/** 4-bit codes in [-7, 7], two per byte (layout in `int4-packing.ts`: low nibble first, code + 8). */
export interface QuantizedTensor4 extends QuantizedTensorBase {
  readonly bits: 4;
  readonly data: Uint8Array;
}

/**
 * A tensor stored as integer codes and per-channel scales. A plain object of typed arrays, so it can
 * be posted to a worker or written to a file as is.
 */
export type QuantizedTensor = QuantizedTensor8 | QuantizedTensor4;

/** Options of {@link quantizeWeights}. */
export interface QuantizeOptions {
  /** 8 (codes in [-127, 127]) or 4 (codes in [-7, 7]). */
  readonly bits: QuantizationBits;
  /**
   * The channel axis; negative counts from the end. Default -1, the last axis: per output channel
   * for a dense weight laid out [in, out].
   */
  readonly axis?: number;
  /** Only symmetric quantisation (no zero point) is implemented; `false` is refused. Default true. */
  readonly symmetric?: boolean;
}

/**
 * Quantises `values` (row-major, of `shape`) per channel along `axis`, symmetrically:
 * `scale[c] = max|w| / qmax` (rounded to float32) and `code = round(w / scale[c])`, ties away from
 * zero, clamped to [-qmax, qmax]. A channel of zeros gets scale 0 and codes 0. Throws `NnCoreError`
 * for bits other than 8 or 4, an axis out of range, a shape that does not match the values, or a
 * non-finite value.
 */
export function quantizeWeights(
  values: ArrayLike<number>,
  shape: readonly number[],
  options: QuantizeOptions,
): QuantizedTensor {
  const op = 'quantizeWeights';
  const bits = checkBits(op, options.bits);
  if (options.symmetric !== undefined && options.symmetric !== true) {
    throw new NnCoreError(
      'INVALID_ARGUMENT',
      `${op}: symmetric must be true (no zero-point scheme is implemented), got ${String(options.symmetric)}`,
      {
        argument: 'symmetric',
        value: options.symmetric,
        expected: 'true',
      },
    );
  }
  const dims = checkShape(op, shape, values.length);
  const axis = normaliseAxis(op, options.axis ?? -1, dims.length);
  const { outer, channels, inner } = channelLayout(dims, axis);
  const qmax = QUANT_MAX[bits];

  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new NnCoreError('INVALID_ARGUMENT', `${op}: values must be finite; found ${v} at index ${i}`, {
        argument: 'values',
        value: v,
        expected: 'finite numbers',
      });
    }
    const c = Math.floor(i / inner) % channels;
    const a = Math.abs(v);
    if (a > maxAbs[c]!) maxAbs[c] = a;
  }
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) scales[c] = maxAbs[c]! / qmax;

  const codes = new Int8Array(values.length);
  for (let o = 0, i = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const scale = scales[c]!;
      for (let k = 0; k < inner; k++, i++) {
        if (scale === 0) continue; // a channel of zeros (or of values too small for a float32 scale)
        const r = values[i]! / scale;
        const rounded = r < 0 ? -Math.round(-r) : Math.round(r);
        codes[i] = Math.max(-qmax, Math.min(qmax, rounded));
      }
    }
  }

  const base = { shape: [...dims], axis, scales, size: values.length };
  if (bits === 8) return { ...base, bits, data: codes, byteLength: codes.byteLength + scales.byteLength };
  const data = packInt4(codes);
  return { ...base, bits, data, byteLength: data.byteLength + scales.byteLength };
}

/** The integer codes of `q`, one per weight (unpacked for 4 bits; a view of `q.data` for 8 bits). */
export function quantizedCodes(q: QuantizedTensor): Int8Array {
  checkQuantizedTensor('quantizedCodes', q);
  return q.bits === 8 ? q.data : unpackInt4(q.data, q.size);
}

/** The float32 values `code × scale` of a quantised tensor, row-major. */
export function dequantize(q: QuantizedTensor): Float32Array {
  checkQuantizedTensor('dequantize', q);
  const codes = q.bits === 8 ? q.data : unpackInt4(q.data, q.size);
  const { outer, channels, inner } = channelLayout(q.shape, q.axis);
  const out = new Float32Array(q.size);
  for (let o = 0, i = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const scale = q.scales[c]!;
      for (let k = 0; k < inner; k++, i++) out[i] = codes[i]! * scale;
    }
  }
  return out;
}

/**
 * Throws `NnCoreError` unless `q` is a consistent quantised tensor: bits 8 or 4, a shape of positive
 * integers, an axis in range, one scale per channel, and data of the right type and length.
 */
export function checkQuantizedTensor(op: string, q: QuantizedTensor): void {
  checkBits(op, q.bits);
  const dims = checkShape(op, q.shape, q.size);
  if (!Number.isInteger(q.axis) || q.axis < 0 || q.axis >= dims.length) {
    throw new NnCoreError(
      'INVALID_ARGUMENT',
      `${op}: q.axis must be an integer in [0, ${dims.length - 1}], got ${String(q.axis)}`,
      {
        argument: 'axis',
        value: q.axis,
        expected: `an integer in [0, ${dims.length - 1}]`,
      },
    );
  }
  const channels = dims[q.axis]!;
  const dataOk =
    q.bits === 8
      ? q.data instanceof Int8Array && q.data.length === q.size
      : q.data instanceof Uint8Array && q.data.length === packedInt4Length(q.size);
  if (!(q.scales instanceof Float32Array) || q.scales.length !== channels || !dataOk) {
    const want = q.bits === 8 ? `Int8Array(${q.size})` : `Uint8Array(${packedInt4Length(q.size)})`;
    throw new NnCoreError(
      'SHAPE_MISMATCH',
      `${op}: a ${q.bits}-bit tensor of shape [${dims.join(', ')}] needs Float32Array(${channels}) scales and ${want} data; got ${describeArray(q.scales)} scales and ${describeArray(q.data)} data`,
      {
        argument: 'q',
        value: { scales: describeArray(q.scales), data: describeArray(q.data) },
        expected: `${want} data`,
      },
    );
  }
}

/** Sizes of the dimensions before `axis`, at `axis`, and after it. */
export function channelLayout(
  shape: readonly number[],
  axis: number,
): { outer: number; channels: number; inner: number } {
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return { outer, channels: shape[axis]!, inner };
}

/** `bits` as a {@link QuantizationBits}, or `INVALID_ARGUMENT` naming `bits`. */
export function checkBits(op: string, bits: unknown): QuantizationBits {
  if (bits === 8 || bits === 4) return bits;
  throw new NnCoreError('INVALID_ARGUMENT', `${op}: bits must be 8 or 4, got ${String(bits)}`, {
    argument: 'bits',
    value: bits,
    expected: '8 or 4',
  });
}

/** `axis` in [-rank, rank) made non-negative, or `INVALID_ARGUMENT` naming `axis`. */
export function normaliseAxis(op: string, axis: unknown, rank: number): number {
  if (typeof axis === 'number' && Number.isInteger(axis) && axis >= -rank && axis < rank) {
    return axis < 0 ? axis + rank : axis;
  }
  throw new NnCoreError(
    'INVALID_ARGUMENT',
    `${op}: axis must be an integer in [${-rank}, ${rank - 1}] for a rank-${rank} tensor, got ${String(axis)}`,
    { argument: 'axis', value: axis, expected: `an integer in [${-rank}, ${rank - 1}]` },
  );
}

function checkShape(op: string, shape: readonly number[], size: number): number[] {
  const ok =
    Array.isArray(shape) &&
    shape.length > 0 &&
    shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d > 0);
  if (!ok) {
    throw new NnCoreError(
      'INVALID_ARGUMENT',
      `${op}: shape must be a non-empty list of positive integers, got ${JSON.stringify(shape)}`,
      {
        argument: 'shape',
        value: shape,
        expected: 'a non-empty list of positive integers',
      },
    );
  }
  const product = shape.reduce((a, b) => a * b, 1);
  if (product !== size) {
    throw new NnCoreError('SHAPE_MISMATCH', `${op}: shape [${shape.join(', ')}] holds ${product} values; got ${size}`, {
      argument: 'shape',
      value: [...shape],
      expected: `a shape of ${size} values`,
    });
  }
  return [...shape];
}

function describeArray(a: unknown): string {
  if (ArrayBuffer.isView(a)) return `${a.constructor.name}(${(a as unknown as ArrayLike<unknown>).length})`;
  return typeof a;
}
