import { EssayError } from '../errors';
import { finiteNumber } from './checks';

/** One term of a linear model: the coefficient multiplies `f(x)`. */
export interface BasisTerm {
  /** How the term is written, e.g. `'x²'` or `'sin x'` (`'1'` for the constant). */
  readonly label: string;
  readonly f: (x: number) => number;
}

/** The result of {@link fitBasis}. */
export interface LeastSquaresFit {
  /** One coefficient per basis term, in the basis's order. */
  readonly coefficients: readonly number[];
  /** The fitted model at each x. */
  readonly predicted: readonly number[];
  /** `predicted − y` at each x. */
  readonly residuals: readonly number[];
  /** Root-mean-square of the residuals. */
  readonly rmsError: number;
  /** Largest absolute residual. */
  readonly maxError: number;
}

/**
 * Relative size below which a diagonal entry of R counts as zero: the columns of the design matrix
 * are then linearly dependent (to float64 precision) and the fit has no unique answer.
 */
const RANK_TOLERANCE = 1e-12;

/**
 * Solves the linear least-squares problem `min ‖A c − y‖²` in float64 by Householder QR (better
 * conditioned than the normal equations `AᵀA c = Aᵀy`). `design` is A, one row per observation
 * and one column per coefficient; it needs at least as many rows as columns and full column rank.
 * Throws `INVALID_ARGUMENT` for ragged or non-finite input, too few rows, or dependent columns.
 */
export function solveLeastSquares(design: readonly (readonly number[])[], y: readonly number[]): number[] {
  const op = 'solveLeastSquares';
  const m = design.length;
  const n = design[0]?.length ?? 0;
  if (n === 0 || m < n) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: design needs at least as many rows as columns (≥ 1), got ${m}×${n}`,
      {
        argument: 'design',
        value: [m, n],
        expected: 'an m×n matrix with m ≥ n ≥ 1',
      },
    );
  }
  if (y.length !== m) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: y has ${y.length} values, design has ${m} rows`, {
      argument: 'y',
      value: y.length,
      expected: `${m} values`,
    });
  }
  const a = design.map((row, i) => {
    if (row.length !== n) {
      throw new EssayError('INVALID_ARGUMENT', `${op}: design row ${i} has ${row.length} columns, row 0 has ${n}`, {
        argument: 'design',
        value: row.length,
        expected: `${n} columns`,
      });
    }
    return row.map((v, j) => finiteNumber(op, `design[${i}][${j}]`, v));
  });
  const b = y.map((v, i) => finiteNumber(op, `y[${i}]`, v));
  const scale = Math.sqrt(a.reduce((s, row) => s + row.reduce((t, v) => t + v * v, 0), 0));

  // Householder reflections turn A into R (upper triangular) and b into Qᵀb.
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[i]![k]! ** 2;
    norm = Math.sqrt(norm);
    if (norm <= RANK_TOLERANCE * scale) throw dependent(op, k);
    const alpha = a[k]![k]! > 0 ? -norm : norm;
    const v = Array.from({ length: m - k }, (_, i) => a[k + i]![k]!);
    v[0] = v[0]! - alpha;
    const vv = v.reduce((s, x) => s + x * x, 0);
    const reflect = (get: (i: number) => number, set: (i: number, value: number) => void) => {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i]! * get(k + i);
      const f = (2 * dot) / vv;
      for (let i = 0; i < v.length; i++) set(k + i, get(k + i) - f * v[i]!);
    };
    for (let j = k; j < n; j++) {
      reflect(
        (i) => a[i]![j]!,
        (i, value) => (a[i]![j] = value),
      );
    }
    reflect(
      (i) => b[i]!,
      (i, value) => (b[i] = value),
    );
  }

  // Back substitution: R c = (Qᵀb)[0..n).
  const c = new Array<number>(n).fill(0);
  for (let k = n - 1; k >= 0; k--) {
    let s = b[k]!;
    for (let j = k + 1; j < n; j++) s -= a[k]![j]! * c[j]!;
    c[k] = s / a[k]![k]!;
  }
  return c;
}

function dependent(op: string, column: number): EssayError {
  return new EssayError(
    'INVALID_ARGUMENT',
    `${op}: design column ${column} is a linear combination of the columns before it; the fit is not unique`,
    { argument: 'design', value: column, expected: 'linearly independent columns' },
  );
}

/**
 * Fits `y ≈ Σ cₖ fₖ(x)` by least squares over the given basis terms (see {@link solveLeastSquares}),
 * and reports the fitted values and their errors.
 */
export function fitBasis(basis: readonly BasisTerm[], xs: readonly number[], ys: readonly number[]): LeastSquaresFit {
  const design = xs.map((x) => basis.map((term) => term.f(x)));
  const coefficients = solveLeastSquares(design, ys);
  const predicted = design.map((row) => row.reduce((s, v, k) => s + v * coefficients[k]!, 0));
  const residuals = predicted.map((p, i) => p - ys[i]!);
  const rmsError = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length);
  const maxError = residuals.reduce((m, r) => Math.max(m, Math.abs(r)), 0);
  return { coefficients, predicted, residuals, rmsError, maxError };
}
