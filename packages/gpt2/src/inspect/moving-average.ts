import { show } from '../show';
import { Gpt2Error } from '../errors';

/** A matrix as row-major values and a shape `[rows, columns]` (what {@link weightMatrix} returns fits). */
export interface MatrixData {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

/** Options of {@link movingAverage2d}. */
export interface MovingAverageOptions {
  /**
   * Rows and columns between the corners of neighbouring windows. Default 1: the moving average
   * (every window position). With `stride` equal to the window, the windows tile the matrix and the
   * result is the matrix of block means.
   */
  readonly stride?: number;
}

/** A smoothed matrix (see {@link movingAverage2d}). */
export interface MovingAverageResult {
  /** `[⌊(rows − window) / stride⌋ + 1, ⌊(columns − window) / stride⌋ + 1]`. */
  readonly shape: [number, number];
  /** The window sides `[rows, columns]`. */
  readonly window: [number, number];
  readonly stride: number;
  /** `data[i · columns' + j]`: the mean of the window whose top-left corner is `(i · stride, j · stride)`. */
  readonly data: Float32Array;
}

function positive(argument: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `movingAverage2d: ${argument} must be an integer in [1, ${max}]; got ${show(value)}`,
      { argument, value, expected: `an integer in [1, ${max}]` },
    );
  }
  return value;
}

/**
 * The two-dimensional moving average of a matrix (essay 9.4: a 768×768 weight matrix and its 64×64
 * moving average, which shows the structure the random-looking weights hide): the mean of every
 * `window`×`window` square (or `[rows, columns]` rectangle) of the matrix, at every `stride`-th
 * position. Sums come from a float64 table of prefix sums, so the cost does not depend on the
 * window. Throws `Gpt2Error` (INVALID_ARGUMENT) for a matrix that is not 2-D with matching data, or a
 * window larger than the matrix.
 */
export function movingAverage2d(
  matrix: MatrixData,
  window: number | readonly [number, number],
  options: MovingAverageOptions = {},
): MovingAverageResult {
  const shape = matrix?.shape;
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((s) => Number.isInteger(s) && s >= 1)) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `movingAverage2d: matrix.shape must be [rows, columns]; got ${show(shape)}`,
      {
        argument: 'matrix.shape',
        value: shape,
        expected: '[rows, columns] of positive integers',
      },
    );
  }
  const [rows, columns] = shape as [number, number];
  const data = matrix.data;
  if (data?.length !== rows * columns) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `movingAverage2d: matrix.data has ${String(data?.length)} values; shape [${rows}, ${columns}] needs ${rows * columns}`,
      { argument: 'matrix.data', value: data?.length, expected: `${rows * columns} values` },
    );
  }
  const [wr, wc] = typeof window === 'number' ? [window, window] : Array.isArray(window) ? window : [NaN, NaN];
  positive('window', wr, rows);
  positive('window', wc, columns);
  const stride = positive('stride', options.stride ?? 1, Math.max(rows, columns));
  // prefix[(i)(columns + 1) + j] = sum of data[0 … i − 1][0 … j − 1]
  const width = columns + 1;
  const prefix = new Float64Array((rows + 1) * width);
  for (let i = 0; i < rows; i++) {
    let rowSum = 0;
    for (let j = 0; j < columns; j++) {
      rowSum += data[i * columns + j]!;
      prefix[(i + 1) * width + j + 1] = prefix[i * width + j + 1]! + rowSum;
    }
  }
  const outRows = Math.floor((rows - wr!) / stride) + 1;
  const outColumns = Math.floor((columns - wc!) / stride) + 1;
  const out = new Float32Array(outRows * outColumns);
  const area = wr! * wc!;
  for (let i = 0; i < outRows; i++) {
    const top = i * stride;
    const bottom = top + wr!;
    for (let j = 0; j < outColumns; j++) {
      const left = j * stride;
      const right = left + wc!;
      const sum =
        prefix[bottom * width + right]! -
        prefix[top * width + right]! -
        prefix[bottom * width + left]! +
        prefix[top * width + left]!;
      out[i * outColumns + j] = sum / area;
    }
  }
  return { shape: [outRows, outColumns], window: [wr!, wc!], stride, data: out };
}
