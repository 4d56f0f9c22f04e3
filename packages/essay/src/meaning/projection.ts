import type { PcaResult, VectorSet } from '@chatgpt-explained/embeddings';

/**
 * Projects other rows with a fitted PCA: `(x − mean) · axesᵀ` in float64 for each row of `vectors`,
 * returned row-major (`vectors.rows × components`), as `pca` projected the rows it was fitted on.
 */
export function projectRows(fitted: Pick<PcaResult, 'axes' | 'mean'>, vectors: VectorSet): Float32Array {
  const { axes, mean } = fitted;
  const k = axes.rows;
  const c = axes.cols;
  const out = new Float32Array(vectors.rows * k); // [rows, k]
  for (let r = 0; r < vectors.rows; r++) {
    for (let a = 0; a < k; a++) {
      let sum = 0;
      for (let j = 0; j < c; j++) sum += (vectors.data[r * c + j]! - mean[j]!) * axes.data[a * c + j]!;
      out[r * k + a] = sum;
    }
  }
  return out;
}
