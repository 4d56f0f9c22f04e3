/**
 * Checkpoints: a model's weights, its optimizer's state, the step reached, the losses so far and the
 * run's settings, in one safetensors file. Everything else a run needs to continue (the shuffle of
 * each epoch, dropout masks, augmentation draws) derives from the seed and the step, so loading a
 * checkpoint and training on gives the same numbers as never having stopped.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  decodeSafetensors,
  encodeSafetensors,
  entryToFloat32,
  type Layer,
  type SafetensorsEntry,
  type SafetensorsInput,
} from '@chatgpt-explained/nn-core';
import { shapeText, show } from './checks';
import { TrainerError } from './errors';
import type { Optimizer } from './optimizers/optimizer';

/**
 * Where checkpoints go: bytes by name. Implementations must replace a checkpoint atomically (a
 * failed or interrupted write leaves the previous bytes of that name readable).
 */
export interface CheckpointStore {
  /** Stores `bytes` under `name`, replacing what was there only once all of it is written. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored under `name`, or `undefined` when there are none. */
  read(name: string): Promise<Uint8Array | undefined>;
}

/** A {@link CheckpointStore} in memory (tests, the browser); it keeps its own copies of the bytes. */
export function memoryCheckpointStore(): CheckpointStore & { names(): string[] } {
  const files = new Map<string, Uint8Array>();
  return {
    write(name, bytes) {
      files.set(name, Uint8Array.from(bytes));
      return Promise.resolve();
    },
    read(name) {
      const bytes = files.get(name);
      return Promise.resolve(bytes === undefined ? undefined : Uint8Array.from(bytes));
    },
    names: () => [...files.keys()],
  };
}

/** The format tag in a checkpoint's metadata. */
export const CHECKPOINT_FORMAT = 'chatgpt-explained/trainer-checkpoint';
const VERSION = '1';
const MODEL = 'model/';
const OPTIMIZER = 'optimizer/';
const LOSSES = 'trainer/losses';

/** What a checkpoint records besides tensors. */
export interface CheckpointInfo {
  /** Updates completed when it was written. */
  readonly step: number;
  /** The run's seed. */
  readonly seed: number;
  /** The loss of every step so far (`losses[i]` is step i + 1's), in float64; empty if not recorded. */
  readonly losses: readonly number[];
  /** The optimizer's name and hyperparameters. */
  readonly optimizer: Readonly<Record<string, unknown>>;
  /** The run's settings (batch size, dataset size, …), as the trainer or caller recorded them. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** What {@link saveCheckpoint} needs besides the model and optimizer. */
export interface CheckpointContent {
  /** Updates completed. */
  readonly step: number;
  /** The run's seed. */
  readonly seed: number;
  /** The loss of each step so far: `step` values, or none. Default none. */
  readonly losses?: readonly number[];
  /** The run's settings, stored as JSON. Default `{}`. */
  readonly config?: Readonly<Record<string, unknown>>;
}

/**
 * Serialises the model's weights (`model/<name>`), the optimizer's state (`optimizer/<name>`), the
 * losses (`trainer/losses`, F64) and the step, seed and settings (metadata, JSON strings) as
 * safetensors bytes. Reads tensors back from the backend; creates no lasting tensors.
 */
export async function saveCheckpoint(
  model: Layer,
  optimizer: Optimizer,
  content: CheckpointContent,
): Promise<Uint8Array> {
  if (!Number.isSafeInteger(content.step) || content.step < 0) {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `saveCheckpoint: step must be an integer ≥ 0, got ${show(content.step)}`,
      {
        argument: 'step',
        value: content.step,
        expected: 'an integer ≥ 0',
      },
    );
  }
  if (!Number.isSafeInteger(content.seed)) {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `saveCheckpoint: seed must be a safe integer, got ${show(content.seed)}`,
      {
        argument: 'seed',
        value: content.seed,
        expected: 'a safe integer',
      },
    );
  }
  const lossCount = content.losses?.length ?? 0;
  if (lossCount !== 0 && lossCount !== content.step) {
    throw new TrainerError('INVALID_ARGUMENT', `saveCheckpoint: ${lossCount} losses given for ${content.step} steps`, {
      argument: 'losses',
      value: lossCount,
      expected: `${content.step} values or none`,
    });
  }
  const tensors = new Map<string, SafetensorsInput>();
  for (const [name, { shape, data }] of Object.entries(await model.readWeights()))
    tensors.set(MODEL + name, { shape, data });
  const state = optimizer.state();
  try {
    for (const [name, tensor] of Object.entries(state)) {
      const values = await tensor.data();
      tensors.set(
        OPTIMIZER + name,
        tensor.dtype === 'int32'
          ? { dtype: 'I32', shape: [...tensor.shape], bytes: littleEndian(Int32Array.from(values)) }
          : { shape: [...tensor.shape], data: Float32Array.from(values) },
      );
    }
  } finally {
    for (const tensor of Object.values(state)) tensor.dispose();
  }
  const losses = Float64Array.from(content.losses ?? []);
  tensors.set(LOSSES, { dtype: 'F64', shape: [losses.length], bytes: littleEndian(losses) });
  return encodeSafetensors(tensors, {
    format: CHECKPOINT_FORMAT,
    version: VERSION,
    step: String(content.step),
    seed: String(content.seed),
    optimizer: JSON.stringify(optimizer.config),
    config: JSON.stringify(content.config ?? {}),
  });
}

/** A parsed checkpoint: its info, and its tensors by name (views into the bytes). */
export interface ParsedCheckpoint {
  readonly info: CheckpointInfo;
  /** Model weights by dotted name. */
  readonly weights: ReadonlyMap<string, SafetensorsEntry>;
  /** Optimizer state by name (`m.0.weight`, `step`). */
  readonly optimizerState: ReadonlyMap<string, SafetensorsEntry>;
}

/** Parses checkpoint bytes without touching a model. Throws `CHECKPOINT_INVALID` naming the fault. */
export function readCheckpoint(bytes: Uint8Array): ParsedCheckpoint {
  let file;
  try {
    file = decodeSafetensors(bytes);
  } catch (error) {
    throw invalid(`not a safetensors file (${error instanceof Error ? error.message : String(error)})`, error);
  }
  const meta = file.metadata;
  if (meta['format'] !== CHECKPOINT_FORMAT) {
    throw invalid(`metadata format is ${show(meta['format'])}, expected "${CHECKPOINT_FORMAT}"`);
  }
  if (meta['version'] !== VERSION)
    throw invalid(`version ${show(meta['version'])} is not supported (this reader knows ${VERSION})`);
  const step = Number(meta['step']);
  const seed = Number(meta['seed']);
  if (!Number.isSafeInteger(step) || step < 0)
    throw invalid(`metadata step ${show(meta['step'])} is not an integer ≥ 0`);
  if (!Number.isSafeInteger(seed)) throw invalid(`metadata seed ${show(meta['seed'])} is not an integer`);
  const weights = new Map<string, SafetensorsEntry>();
  const optimizerState = new Map<string, SafetensorsEntry>();
  let losses: number[] = [];
  for (const [name, entry] of file.tensors) {
    if (name.startsWith(MODEL)) weights.set(name.slice(MODEL.length), entry);
    else if (name.startsWith(OPTIMIZER)) optimizerState.set(name.slice(OPTIMIZER.length), entry);
    else if (name === LOSSES && entry.dtype === 'F64') losses = Array.from(readF64(entry.bytes));
    else throw invalid(`unexpected tensor "${name}" (${entry.dtype})`);
  }
  if (losses.length !== 0 && losses.length !== step) throw invalid(`holds ${losses.length} losses for ${step} steps`);
  return {
    info: {
      step,
      seed,
      losses,
      optimizer: parseJson('optimizer', meta['optimizer']),
      config: parseJson('config', meta['config']),
    },
    weights,
    optimizerState,
  };
}

/**
 * Loads a checkpoint into `model` and `optimizer` and returns its info. Every weight name and shape,
 * and every optimizer state name, is checked before anything changes: a checkpoint that does not
 * fit leaves both as they were (`CHECKPOINT_INVALID`, naming the tensor). The model is initialised
 * first if it was not.
 */
export function loadCheckpoint(bytes: Uint8Array, model: Layer, optimizer: Optimizer): CheckpointInfo {
  const parsed = readCheckpoint(bytes);
  if (parsed.info.optimizer['name'] !== optimizer.name) {
    throw new TrainerError(
      'CHECKPOINT_MISMATCH',
      `loadCheckpoint: the checkpoint holds ${show(parsed.info.optimizer['name'])} state; the optimizer is ${optimizer.name}`,
      { argument: 'optimizer', value: parsed.info.optimizer['name'], expected: optimizer.name },
    );
  }
  if (!model.initialized) model.initialize({ seed: parsed.info.seed });
  const shapes = new Map(model.namedWeights().map((w) => [w.name, w.variable.shape]));
  const values: Record<string, Float32Array> = {};
  for (const [name, shape] of shapes) {
    const entry = parsed.weights.get(name);
    if (!entry) throw invalid(`lacks the model weight "${name}"`);
    checkShape(`weight "${name}"`, entry.shape, shape);
    values[name] = entryToFloat32(entry);
  }
  for (const name of parsed.weights.keys()) {
    if (!shapes.has(name)) throw invalid(`holds weight "${name}", which the model does not have`);
  }
  for (const [name, entry] of parsed.optimizerState) {
    if (name === 'step') continue;
    const weight = name.slice(name.indexOf('.') + 1);
    const shape = shapes.get(weight);
    if (!shape) throw invalid(`holds optimizer state "${name}" for "${weight}", which the model does not have`);
    checkShape(`optimizer state "${name}"`, entry.shape, shape);
  }
  const state: Record<string, tf.Tensor> = {};
  try {
    for (const [name, entry] of parsed.optimizerState) {
      state[name] =
        entry.dtype === 'I32'
          ? tf.tensor(Int32Array.from(entryToFloat32(entry)), [...entry.shape], 'int32')
          : tf.tensor(entryToFloat32(entry), [...entry.shape], 'float32');
    }
    try {
      optimizer.loadState(state);
    } catch (error) {
      throw TrainerError.isInstance(error) && error.code === 'INVALID_ARGUMENT' ? invalid(error.message, error) : error;
    }
  } finally {
    for (const tensor of Object.values(state)) tensor.dispose();
  }
  model.setWeights(values);
  return parsed.info;
}

function checkShape(what: string, seen: readonly number[], expected: readonly number[]): void {
  if (!tf.util.arraysEqual([...seen], [...expected])) {
    throw invalid(`${what} has shape ${shapeText(seen)}; the model's weight has ${shapeText(expected)}`);
  }
}

function invalid(message: string, cause?: unknown): TrainerError {
  return new TrainerError('CHECKPOINT_INVALID', `checkpoint: ${message}`, {
    argument: 'checkpoint',
    ...(cause === undefined ? {} : { cause }),
  });
}

function parseJson(key: string, text: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw invalid(`metadata ${key} is not a JSON object: ${show(text)}`);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function littleEndian(values: Int32Array | Float64Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.byteLength);
  const view = new DataView(out.buffer);
  values.forEach((v, i) =>
    values instanceof Int32Array ? view.setInt32(i * 4, v, true) : view.setFloat64(i * 8, v, true),
  );
  return out;
}

function readF64(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
