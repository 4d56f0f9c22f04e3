import { EmbeddingsError } from './errors';

/**
 * A matrix of vectors, one per row, stored row-major: entry (r, c) is `data[r * cols + c]`.
 * The common currency of this package (PCA and UMAP take and return it).
 */
export interface VectorSet {
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Checks that `vectors` is a well-formed {@link VectorSet} (`data.length === rows * cols`, finite
 * entries) and throws an {@link EmbeddingsError} naming `argument` otherwise.
 */
export function checkVectorSet(operation: string, argument: string, vectors: VectorSet): void {
  const { data, rows, cols } = vectors ?? ({} as VectorSet);
  if (!(data instanceof Float32Array)) {
    throw new EmbeddingsError('INVALID_ARGUMENT', `${operation}: ${argument}.data must be a Float32Array`, {
      argument: `${argument}.data`,
      value: data,
      expected: 'Float32Array',
    });
  }
  for (const [name, n] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `${operation}: ${argument}.${name} must be a positive integer; got ${String(n)}`,
        {
          argument: `${argument}.${name}`,
          value: n,
          expected: 'integer >= 1',
        },
      );
    }
  }
  if (data.length !== rows * cols) {
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      `${operation}: ${argument}.data has ${data.length} entries; rows × cols = ${rows} × ${cols} = ${rows * cols}`,
      { argument: `${argument}.data`, value: data.length, expected: `${rows * cols} entries` },
    );
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `${operation}: ${argument}.data must be finite; found ${data[i]} at row ${Math.floor(i / cols)}, column ${i % cols}`,
        { argument: `${argument}.data`, value: data[i], expected: 'finite numbers' },
      );
    }
  }
}
