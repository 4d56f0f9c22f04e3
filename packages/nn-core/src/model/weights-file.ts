import { NnCoreError } from '../errors';
import { unknownName, type Layer } from '../layers/layer';
import { decodeSafetensors, encodeSafetensors, entryToFloat32, type SafetensorsInput } from './safetensors';

/** Writes every weight of `model` as float32 safetensors, by its dotted name, with string metadata. */
export async function saveWeights(model: Layer, metadata: Readonly<Record<string, string>> = {}): Promise<Uint8Array> {
  const tensors = new Map<string, SafetensorsInput>();
  for (const [name, { shape, data }] of Object.entries(await model.readWeights())) tensors.set(name, { shape, data });
  return encodeSafetensors(tensors, metadata);
}

/** Options of {@link loadWeights}. */
export interface LoadWeightsOptions {
  /**
   * Require the file to hold exactly the model's weights (default true). When false, names the
   * model lacks are ignored and the model's weights the file lacks keep their values.
   */
  readonly strict?: boolean;
}

/**
 * Sets the model's weights from a safetensors file (F32, F16, BF16 or F64 values). Every name and
 * shape is checked before any weight changes: a bad file leaves the model as it was. Returns the
 * file's metadata.
 */
export function loadWeights(model: Layer, bytes: Uint8Array, options: LoadWeightsOptions = {}): Record<string, string> {
  const strict = options.strict ?? true;
  const file = decodeSafetensors(bytes);
  const names = model.namedWeights().map((w) => w.name);
  const known = new Set(names);
  const values: Record<string, Float32Array> = {};
  for (const [name, entry] of file.tensors) {
    if (!known.has(name)) {
      if (strict) throw unknownName('weight', name, names);
      continue;
    }
    const variable = model.weight(name);
    if (entry.shape.length !== variable.shape.length || entry.shape.some((d, i) => d !== variable.shape[i])) {
      throw new NnCoreError(
        'SHAPE_MISMATCH',
        `loadWeights: ${name} has shape [${entry.shape.join(', ')}] in the file; the model expects [${variable.shape.join(', ')}]`,
        { argument: name, value: [...entry.shape], expected: `[${variable.shape.join(', ')}]` },
      );
    }
    values[name] = entryToFloat32(entry);
  }
  if (strict) {
    const missing = names.filter((n) => !file.tensors.has(n));
    if (missing.length > 0) {
      throw new NnCoreError(
        'NAME_UNKNOWN',
        `loadWeights: the file lacks ${missing.length} weight(s): ${missing.slice(0, 8).join(', ')}`,
        {
          argument: 'bytes',
          value: missing,
        },
      );
    }
  }
  model.setWeights(values);
  return { ...file.metadata };
}
