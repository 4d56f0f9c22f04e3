import { checkInteger } from './check-options';
import { EmbeddingsError } from './errors';
import { symmetricEigen } from './symmetric-eigen';
import { checkVectorSet, type VectorSet } from './vector-set';

/** Options of {@link pca}. */
export interface PcaOptions {
  /** Number of principal components to keep (1 … cols). Default 2. */
  readonly components?: number;
}

/** Result of {@link pca}. */
export interface PcaResult {
  /** The centred rows projected onto the components: rows × components. */
  readonly points: VectorSet;
  /** Fraction of the total variance along each kept component, largest first. */
  readonly explainedVariance: number[];
  /** The unit principal axes, components × cols (row k is axis k). */
  readonly axes: VectorSet;
  /** The column means subtracted before projecting (length cols). */
  readonly mean: Float32Array;
}

/**
 * Principal component analysis: centres the columns, forms the sample covariance (float64, divisor
 * rows − 1 like numpy's `np.cov`), diagonalises it exactly (cyclic Jacobi) and projects every row on
 * the leading eigenvectors. Signs are deterministic: each axis is flipped so that its entry of largest
 * magnitude is positive (the first such entry on ties).
 *
 * @throws {EmbeddingsError} `INVALID_ARGUMENT` for a malformed `vectors` or `components` outside 1 … cols.
 */
export function pca(vectors: VectorSet, options: PcaOptions = {}): PcaResult {
  checkVectorSet('pca', 'vectors', vectors);
  const { data, rows, cols } = vectors;
  const k = checkInteger('pca', 'components', options.components ?? 2, 1, cols);

  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c]! += data[r * cols + c]!;
  for (let c = 0; c < cols; c++) mean[c]! /= rows;

  const cov = new Float64Array(cols * cols); // [cols, cols]
  const centred = new Float64Array(cols); // one row, [cols]
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) centred[c] = data[r * cols + c]! - mean[c]!;
    for (let i = 0; i < cols; i++) {
      const x = centred[i]!;
      if (x === 0) continue;
      const base = i * cols;
      for (let j = i; j < cols; j++) cov[base + j]! += x * centred[j]!;
    }
  }
  const divisor = Math.max(rows - 1, 1);
  for (let i = 0; i < cols; i++) {
    for (let j = i; j < cols; j++) {
      const value = cov[i * cols + j]! / divisor;
      cov[i * cols + j] = value;
      cov[j * cols + i] = value;
    }
  }

  const { values, vectors: eigenvectors } = symmetricEigen(cov, cols);
  let total = 0;
  for (let i = 0; i < cols; i++) total += Math.max(values[i]!, 0);

  const axes = new Float32Array(k * cols); // [k, cols]
  const axis64 = new Float64Array(k * cols);
  for (let j = 0; j < k; j++) {
    let best = 0;
    for (let c = 1; c < cols; c++) {
      if (Math.abs(eigenvectors[c * cols + j]!) > Math.abs(eigenvectors[best * cols + j]!) * (1 + 1e-12)) best = c;
    }
    const sign = eigenvectors[best * cols + j]! < 0 ? -1 : 1;
    for (let c = 0; c < cols; c++) {
      axis64[j * cols + c] = sign * eigenvectors[c * cols + j]!;
      axes[j * cols + c] = axis64[j * cols + c]!;
    }
  }

  const points = new Float32Array(rows * k); // [rows, k]
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += (data[r * cols + c]! - mean[c]!) * axis64[j * cols + c]!;
      points[r * k + j] = dot;
    }
  }
  const explainedVariance = Array.from({ length: k }, (_, j) => (total > 0 ? Math.max(values[j]!, 0) / total : 0));
  if (explainedVariance.some((x) => !Number.isFinite(x))) {
    throw new EmbeddingsError('INVALID_ARGUMENT', 'pca: vectors are too large to form a finite covariance', {
      argument: 'vectors',
    });
  }
  return {
    points: { data: points, rows, cols: k },
    explainedVariance,
    axes: { data: axes, rows: k, cols },
    mean: Float32Array.from(mean),
  };
}
