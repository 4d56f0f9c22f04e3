/**
 * Quantise → dequantise a model's weights on the host, to measure what quantisation costs: set the
 * rounded weights on the float model and compare its loss (the essay's §7.3).
 */
import { NnCoreError } from '../errors';
import {
  checkBits,
  dequantize,
  quantizeWeights,
  type QuantizationBits,
  type QuantizedTensor,
} from './quantized-tensor';

/** A weight as `Layer.readWeights()` returns it: shape and row-major values. */
export interface WeightValues {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

/** Options of {@link roundTripWeights} and {@link measureQuantization}. */
export interface RoundTripOptions {
  /** Bits per weight: 8 or 4. */
  readonly bits: QuantizationBits;
  /** Channel axis of every quantised weight; default -1 (the last: per output unit of a dense [in, out]). */
  readonly axis?: number;
  /**
   * Which weights to quantise, by name and shape. Default: those of rank ≥ 2 (matrices); biases and
   * other vectors stay float32, as in int8 inference engines.
   */
  readonly filter?: (name: string, shape: readonly number[]) => boolean;
}

/** How much one weight changed through quantise → dequantise. */
export interface WeightQuantizationStats {
  readonly name: string;
  readonly shape: readonly number[];
  readonly bits: QuantizationBits;
  /** Largest |w − dequant(quant(w))|. */
  readonly maxAbsError: number;
  /** Root mean square of the error. */
  readonly rmsError: number;
  /** Root mean square of the weight itself, to put `rmsError` in proportion. */
  readonly rms: number;
  /** Bytes as float32. */
  readonly floatBytes: number;
  /** Bytes quantised: codes plus scales. */
  readonly quantizedBytes: number;
}

const matricesOnly = (_name: string, shape: readonly number[]): boolean => shape.length >= 2;

/**
 * A copy of `weights` in which every weight `filter` keeps has gone through {@link quantizeWeights}
 * and {@link dequantize}; the others are copied unchanged. Same names, shapes and order. Feed the
 * `data` fields to `Layer.setWeights` to run the model with quantised weights at float32 speed.
 */
export function roundTripWeights(
  weights: Readonly<Record<string, WeightValues>>,
  options: RoundTripOptions,
): Record<string, { shape: number[]; data: Float32Array }> {
  const out: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const { name, shape, data, q } of quantizeSelected('roundTripWeights', weights, options)) {
    out[name] = { shape: [...shape], data: q ? dequantize(q) : Float32Array.from(data) };
  }
  return out;
}

/** Error and size of every weight `filter` keeps, quantised as {@link roundTripWeights} does. */
export function measureQuantization(
  weights: Readonly<Record<string, WeightValues>>,
  options: RoundTripOptions,
): WeightQuantizationStats[] {
  const rows: WeightQuantizationStats[] = [];
  for (const { name, shape, data, q } of quantizeSelected('measureQuantization', weights, options)) {
    if (!q) continue;
    const rounded = dequantize(q);
    let maxAbsError = 0;
    let squaredError = 0;
    let squared = 0;
    for (let i = 0; i < rounded.length; i++) {
      const e = Math.abs(data[i]! - rounded[i]!);
      if (e > maxAbsError) maxAbsError = e;
      squaredError += e * e;
      squared += data[i]! * data[i]!;
    }
    rows.push({
      name,
      shape: [...shape],
      bits: q.bits,
      maxAbsError,
      rmsError: Math.sqrt(squaredError / rounded.length),
      rms: Math.sqrt(squared / rounded.length),
      floatBytes: 4 * rounded.length,
      quantizedBytes: q.byteLength,
    });
  }
  return rows;
}

function quantizeSelected(
  op: string,
  weights: Readonly<Record<string, WeightValues>>,
  options: RoundTripOptions,
): Array<WeightValues & { name: string; q: QuantizedTensor | undefined }> {
  const bits = checkBits(op, options.bits);
  const filter = options.filter ?? matricesOnly;
  return Object.entries(weights).map(([name, { shape, data }]) => {
    if (!filter(name, shape)) return { name, shape, data, q: undefined };
    try {
      return { name, shape, data, q: quantizeWeights(data, shape, { bits, axis: options.axis ?? -1 }) };
    } catch (error) {
      if (!NnCoreError.isInstance(error)) throw error;
      throw new NnCoreError(error.code, `${op}: weight "${name}": ${error.message}`, {
        ...(error.argument === undefined ? {} : { argument: error.argument }),
        value: error.value,
        ...(error.expected === undefined ? {} : { expected: error.expected }),
        cause: error,
      });
    }
  });
}
