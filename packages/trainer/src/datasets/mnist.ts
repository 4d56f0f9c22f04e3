/**
 * MNIST: the images and labels of one split from their IDX files (gzipped or not), checked against
 * each other, and a {@link Dataset} over them for {@link train}.
 */
import * as tf from '@tensorflow/tfjs-core';
import { show } from '../checks';
import type { Batch, Dataset } from '../dataset';
import { TrainerError } from '../errors';
import { gunzip, isGzip } from './gunzip';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx } from './idx';

/** The two files of a split, as stored: IDX bytes, gzipped (`1f 8b …`) or plain. */
export interface MnistFiles {
  /** `*-images-idx3-ubyte(.gz)`: magic 2051, count × rows × cols unsigned bytes. */
  readonly images: Uint8Array;
  /** `*-labels-idx1-ubyte(.gz)`: magic 2049, count labels 0–9. */
  readonly labels: Uint8Array;
}

/** One split of MNIST in memory. */
export interface MnistData {
  /** Number of examples. */
  readonly count: number;
  /** Image height (28 for MNIST). */
  readonly rows: number;
  /** Image width (28 for MNIST). */
  readonly cols: number;
  /** Pixels 0 (background) … 255 (ink), image after image, row-major: `count × rows × cols` bytes. */
  readonly images: Uint8Array;
  /** The digit of each image, 0–9. */
  readonly labels: Uint8Array;
}

/** The number of classes MNIST labels may name. */
export const MNIST_CLASSES = 10;

/**
 * Reads a split of MNIST from its two IDX files (each gzipped or not; gzip is detected by its magic
 * bytes and decompressed with `DecompressionStream`). Throws `TrainerError` `INVALID_DATA` naming the
 * file (`images` or `labels`) and what was seen for: corrupt or truncated gzip, a wrong magic number,
 * sizes that disagree with the file's length (truncation, trailing bytes), a label above 9, and
 * image and label counts that differ.
 */
export async function readMnist(files: MnistFiles): Promise<MnistData> {
  const op = 'readMnist';
  if (typeof files !== 'object' || files === null) {
    throw new TrainerError('INVALID_ARGUMENT', `${op}: expected { images, labels } bytes, got ${show(files)}`, {
      argument: 'files',
      value: files,
      expected: '{ images: Uint8Array, labels: Uint8Array }',
    });
  }
  for (const argument of ['images', 'labels'] as const) {
    if (!(files[argument] instanceof Uint8Array)) {
      throw new TrainerError(
        'INVALID_ARGUMENT',
        `${op}: ${argument} must be a Uint8Array, got ${show(files[argument])}`,
        {
          argument,
          value: files[argument],
          expected: 'a Uint8Array',
        },
      );
    }
  }
  const plain = async (bytes: Uint8Array, argument: string) => (isGzip(bytes) ? gunzip(bytes, { argument }) : bytes);
  const images = parseIdx(await plain(files.images, 'images'), IDX_IMAGES_MAGIC, 'images');
  const labels = parseIdx(await plain(files.labels, 'labels'), IDX_LABELS_MAGIC, 'labels');
  const [count, rows, cols] = images.shape as [number, number, number];
  if (labels.shape[0] !== count) {
    throw new TrainerError(
      'INVALID_DATA',
      `${op}: images holds ${count} images but labels holds ${labels.shape[0]} labels`,
      { argument: 'labels', value: labels.shape[0], expected: `${count} labels, one per image` },
    );
  }
  const bad = labels.data.findIndex((label) => label >= MNIST_CLASSES);
  if (bad >= 0) {
    throw new TrainerError('INVALID_DATA', `${op}: labels[${bad}] is ${labels.data[bad]}; digits are 0–9`, {
      argument: 'labels',
      value: labels.data[bad],
      expected: 'labels 0–9',
    });
  }
  return { count, rows, cols, images: images.data, labels: labels.data };
}

/** Options of {@link mnistDataset}. */
export interface MnistDatasetOptions {
  /** Use only these examples (indices into the split), in this order. Default: all. */
  readonly indices?: readonly number[];
}

/**
 * A {@link Dataset} over MNIST for {@link train}: `x` is `[B, rows, cols, 1]` float32 pixels scaled
 * to [0, 1] (NHWC, one channel), `y` is `[B]` int32 labels. Pixels are copied per batch; nothing is
 * held on the backend between batches.
 */
export function mnistDataset(mnist: MnistData, options: MnistDatasetOptions = {}): Dataset {
  const pixels = mnist.rows * mnist.cols;
  const chosen = options.indices ?? null;
  if (chosen !== null) {
    chosen.forEach((index, i) => {
      if (!(Number.isInteger(index) && index >= 0 && index < mnist.count)) {
        throw new TrainerError(
          'INVALID_ARGUMENT',
          `mnistDataset: indices[${i}] is ${show(index)}, outside [0, ${mnist.count})`,
          { argument: 'indices', value: index, expected: `integers in [0, ${mnist.count})` },
        );
      }
    });
  }
  const size = chosen === null ? mnist.count : chosen.length;
  return {
    size,
    batch(indices: readonly number[]): Batch {
      const x = new Float32Array(indices.length * pixels);
      const y = new Int32Array(indices.length);
      indices.forEach((position, i) => {
        if (!(Number.isInteger(position) && position >= 0 && position < size)) {
          throw new TrainerError(
            'INVALID_ARGUMENT',
            `dataset.batch: index ${show(position)} at position ${i} is outside [0, ${size})`,
            { argument: 'indices', value: position, expected: `integers in [0, ${size})` },
          );
        }
        const example = chosen === null ? position : chosen[position]!;
        const from = example * pixels;
        for (let p = 0; p < pixels; p++) x[i * pixels + p] = mnist.images[from + p]! / 255;
        y[i] = mnist.labels[example]!;
      });
      return {
        x: tf.tensor4d(x, [indices.length, mnist.rows, mnist.cols, 1], 'float32'), // [B, H, W, 1]
        y: tf.tensor1d(y, 'int32'), // [B]
      };
    },
  };
}
