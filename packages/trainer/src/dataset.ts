/**
 * Datasets and the order examples are visited in: a fresh seeded shuffle each epoch, the same for a
 * given (seed, epoch) on every run and machine.
 */
import * as tf from '@tensorflow/tfjs-core';
import { nonNegativeInteger, shapeText, show } from './checks';
import { TrainerError } from './errors';
import { deriveSeed, mulberry32 } from './random';

/** A mini-batch: inputs and targets, examples along the first axis. */
export interface Batch {
  /** Inputs, `[B, ...]`. */
  readonly x: tf.Tensor;
  /** Targets, `[B, ...]` (float32 values or int32 labels). */
  readonly y: tf.Tensor;
}

/**
 * Anything training can draw examples from: its size, and a batch of the examples at some indices.
 * `batch` creates new tensors, which the caller disposes (the training loop does so every step).
 */
export interface Dataset {
  /** The number of examples. */
  readonly size: number;
  /** The examples at `indices` (each in [0, size)), in that order. */
  batch(indices: readonly number[]): Batch;
}

/** Plain values with a shape (row-major), first axis = examples. */
export interface ArrayData {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
  /** Default: int32 for integer typed arrays (Int32Array, Uint8Array, …), float32 otherwise. */
  readonly dtype?: 'float32' | 'int32';
}

/**
 * A dataset over two parallel arrays or tensors (like PyTorch's `TensorDataset`): example `i` is
 * row `i` of `x` and row `i` of `y`. The values are used by reference, not copied; tensors stay the
 * caller's to dispose. Rows of plain arrays are copied into each batch in JavaScript; rows of
 * tensors are gathered on the backend.
 */
export function tensorDataset(x: tf.Tensor | ArrayData, y: tf.Tensor | ArrayData): Dataset {
  const xs = source('x', x);
  const ys = source('y', y);
  if (xs.rows !== ys.rows) {
    throw new TrainerError(
      'SHAPE_MISMATCH',
      `tensorDataset: x has ${xs.rows} examples ${shapeText(xs.shape)}, y has ${ys.rows} ${shapeText(ys.shape)}`,
      { argument: 'y', value: [...ys.shape], expected: `${xs.rows} examples along the first axis` },
    );
  }
  const size = xs.rows;
  return {
    size,
    batch(indices: readonly number[]): Batch {
      for (let i = 0; i < indices.length; i++) {
        const index = indices[i]!;
        if (!(Number.isInteger(index) && index >= 0 && index < size)) {
          throw new TrainerError(
            'INVALID_ARGUMENT',
            `dataset.batch: index ${show(index)} at position ${i} is outside [0, ${size})`,
            {
              argument: 'indices',
              value: index,
              expected: `integers in [0, ${size})`,
            },
          );
        }
      }
      return { x: xs.take(indices), y: ys.take(indices) };
    },
  };
}

interface Source {
  readonly rows: number;
  readonly shape: readonly number[];
  take(indices: readonly number[]): tf.Tensor;
}

const INTEGER_ARRAYS = [Int32Array, Int16Array, Int8Array, Uint16Array, Uint8Array, Uint8ClampedArray];

function source(argument: 'x' | 'y', value: tf.Tensor | ArrayData): Source {
  if (value instanceof tf.Tensor) {
    if (value.rank === 0) throw rankError(argument, value.shape);
    const tensor = value;
    return {
      rows: tensor.shape[0]!,
      shape: tensor.shape,
      take: (indices) => tf.tidy(() => tf.gather(tensor, tf.tensor1d(indices as number[], 'int32'))), // [B, ...]
    };
  }
  if (typeof value !== 'object' || value === null || !Array.isArray(value.shape) || value.data == null) {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `tensorDataset: ${argument} must be a tf.Tensor or { data, shape }, got ${show(value)}`,
      {
        argument,
        value,
        expected: 'a tf.Tensor or { data, shape, dtype? }',
      },
    );
  }
  const shape = value.shape.map((d, i) => nonNegativeInteger('tensorDataset', `${argument}.shape[${i}]`, d));
  if (shape.length === 0) throw rankError(argument, shape);
  const size = shape.reduce((a, b) => a * b, 1);
  if (value.data.length !== size) {
    throw new TrainerError(
      'SHAPE_MISMATCH',
      `tensorDataset: ${argument} has ${value.data.length} values; its shape ${shapeText(shape)} needs ${size}`,
      { argument, value: value.data.length, expected: `${size} values` },
    );
  }
  const dtype = value.dtype ?? (INTEGER_ARRAYS.some((T) => value.data instanceof T) ? 'int32' : 'float32');
  if (dtype !== 'float32' && dtype !== 'int32') {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `tensorDataset: ${argument}.dtype must be "float32" or "int32", got ${show(dtype)}`,
      {
        argument: `${argument}.dtype`,
        value: dtype,
        expected: '"float32" | "int32"',
      },
    );
  }
  const data = value.data;
  const row = shape.slice(1).reduce((a, b) => a * b, 1); // values per example
  return {
    rows: shape[0]!,
    shape,
    take(indices) {
      const out = dtype === 'int32' ? new Int32Array(indices.length * row) : new Float32Array(indices.length * row);
      indices.forEach((index, i) => {
        const from = index * row;
        for (let j = 0; j < row; j++) out[i * row + j] = data[from + j]!;
      });
      return tf.tensor(out, [indices.length, ...shape.slice(1)], dtype); // [B, ...]
    },
  };
}

function rankError(argument: string, shape: readonly number[]): TrainerError {
  return new TrainerError(
    'SHAPE_MISMATCH',
    `tensorDataset: ${argument} must have an examples axis, got shape ${shapeText(shape)}`,
    {
      argument,
      value: [...shape],
      expected: 'rank ≥ 1',
    },
  );
}

/**
 * The order in which epoch `epoch` visits a dataset of `size` examples: a Fisher–Yates shuffle
 * driven by mulberry32, seeded from `(seed, epoch)` alone, so any epoch's order can be recomputed
 * without replaying the ones before it (what makes resuming exact).
 */
export function shuffledIndices(size: number, seed: number, epoch: number): number[] {
  nonNegativeInteger('shuffledIndices', 'size', size);
  nonNegativeInteger('shuffledIndices', 'epoch', epoch);
  if (!Number.isSafeInteger(seed)) {
    throw new TrainerError('INVALID_ARGUMENT', `shuffledIndices: seed must be a safe integer, got ${show(seed)}`, {
      argument: 'seed',
      value: seed,
      expected: 'a safe integer',
    });
  }
  const order = Array.from({ length: size }, (_, i) => i);
  const next = mulberry32(deriveSeed(seed, 'shuffle', epoch));
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
