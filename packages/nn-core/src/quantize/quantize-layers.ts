import { NnCoreError } from '../errors';
import { Dense } from '../layers/dense';
import { joinPath, type Layer } from '../layers/layer';
import { checkBits, quantizeWeights, type QuantizationBits } from './quantized-tensor';

/** Options of {@link quantizeLayers}. */
export interface QuantizeLayersOptions {
  /** Bits per weight: 8 or 4. */
  readonly bits: QuantizationBits;
  /**
   * Channel axis of each Dense weight [in, out]: 1 (or -1), one scale per output unit, the default;
   * or 0, one scale per input.
   */
  readonly axis?: number;
  /** Which Dense layers to quantise, by dotted path (`''` for a Dense root). Default: all. */
  readonly filter?: (path: string, layer: Dense) => boolean;
}

/** What {@link quantizeLayers} did to one Dense layer. */
export interface QuantizedLayerInfo {
  /** The layer's dotted path (`''` for the root); its weight was `<path>.weight`. */
  readonly path: string;
  /** The weight's shape, [in, out]. */
  readonly shape: readonly [number, number];
  readonly bits: QuantizationBits;
  /** Number of weights quantised (in × out). */
  readonly parameters: number;
  /** Bytes the weight took as float32. */
  readonly floatBytes: number;
  /** Bytes it takes now: codes plus scales. */
  readonly quantizedBytes: number;
}

/**
 * Quantises the weight of every Dense layer in `model` (or those `filter` keeps) and makes those
 * layers compute with it (see {@link Dense.setQuantizedWeight}): for inference; biases stay float32.
 * All weights are read and quantised before any layer changes, and a layer that is already quantised is refused
 * (quantising twice compounds the rounding), so a failure leaves the model as it was. Returns one
 * row per layer quantised, in depth-first order.
 */
export async function quantizeLayers(model: Layer, options: QuantizeLayersOptions): Promise<QuantizedLayerInfo[]> {
  const bits = checkBits('quantizeLayers', options.bits);
  const axis = options.axis ?? 1;
  if (axis !== 0 && axis !== 1 && axis !== -1 && axis !== -2) {
    throw new NnCoreError(
      'INVALID_ARGUMENT',
      `quantizeLayers: axis must be 0 or 1 (or -2, -1) for [in, out] weights, got ${String(axis)}`,
      {
        argument: 'axis',
        value: axis,
        expected: '0, 1, -2 or -1',
      },
    );
  }
  const targets: Array<{ path: string; layer: Dense }> = [];
  const walk = (path: string, layer: Layer): void => {
    if (layer instanceof Dense && (options.filter?.(path, layer) ?? true)) {
      if (layer.quantized) {
        throw new NnCoreError(
          'INVALID_ARGUMENT',
          `quantizeLayers: Dense "${path}" is already quantised (${layer.quantized.bits}-bit); quantise the float model instead`,
          {
            argument: 'model',
            value: path,
            expected: 'Dense layers with float32 weights (or a filter that skips this one)',
          },
        );
      }
      targets.push({ path, layer });
    }
    for (const [name, child] of layer.childLayers()) walk(joinPath(path, name), child);
  };
  walk('', model);

  const values = await Promise.all(targets.map(({ layer }) => layer.weight('weight').data<'float32'>()));
  const quantized = targets.map(({ layer }, i) =>
    quantizeWeights(values[i]!, [layer.inputs, layer.units], { bits, axis }),
  );
  return targets.map(({ path, layer }, i) => {
    const q = quantized[i]!;
    layer.setQuantizedWeight(q);
    const parameters = layer.inputs * layer.units;
    return {
      path,
      shape: [layer.inputs, layer.units],
      bits,
      parameters,
      floatBytes: 4 * parameters,
      quantizedBytes: q.byteLength,
    };
  });
}
