import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { fitBasis, solveLeastSquares } from './least-squares';

describe('solveLeastSquares', () => {
  it('recovers a, b, c from data made exactly by a + b x + c x²', () => {
    const [a, b, c] = [1.5, -2, 0.25];
    const xs = Array.from({ length: 10 }, (_, i) => i - 3);
    const ys = xs.map((x) => a + b * x + c * x * x);
    const coefficients = solveLeastSquares(
      xs.map((x) => [1, x, x * x]),
      ys,
    );
    expect(coefficients[0]).toBeCloseTo(a, 12);
    expect(coefficients[1]).toBeCloseTo(b, 12);
    expect(coefficients[2]).toBeCloseTo(c, 12);
  });

  it('fits a line through (0,0), (1,1), (2,1) as 1/6 + x/2 (worked by hand)', () => {
    // x̄ = 1, ȳ = 2/3, Σ(x−x̄)(y−ȳ) = 1, Σ(x−x̄)² = 2: b = 1/2, a = 2/3 − 1/2 = 1/6.
    const fit = fitBasis(
      [
        { label: '1', f: () => 1 },
        { label: 'x', f: (x) => x },
      ],
      [0, 1, 2],
      [0, 1, 1],
    );
    expect(fit.coefficients[0]).toBeCloseTo(1 / 6, 14);
    expect(fit.coefficients[1]).toBeCloseTo(1 / 2, 14);
    // Predictions 1/6, 2/3, 7/6: residuals 1/6, −1/3, 1/6; RMS √((1/36 + 1/9 + 1/36)/3) = √(1/18).
    expect(fit.residuals[1]).toBeCloseTo(-1 / 3, 14);
    expect(fit.rmsError).toBeCloseTo(Math.sqrt(1 / 18), 14);
    expect(fit.maxError).toBeCloseTo(1 / 3, 14);
  });

  it('refuses dependent columns, too few rows, ragged rows and non-finite values', () => {
    const fail = (design: number[][], y: number[]) => {
      try {
        solveLeastSquares(design, y);
      } catch (error) {
        expect(EssayError.isInstance(error)).toBe(true);
        return (error as EssayError).message;
      }
      throw new Error('did not throw');
    };
    expect(
      fail(
        [
          [1, 2],
          [2, 4],
          [3, 6],
        ],
        [1, 2, 3],
      ),
    ).toMatch(/^solveLeastSquares: design column 1 is a linear combination/);
    expect(fail([[1, 2]], [1])).toMatch(/at least as many rows as columns .* got 1×2/);
    expect(fail([[1], [1, 2]], [1, 2])).toMatch(/design row 1 has 2 columns, row 0 has 1/);
    expect(fail([[1], [Number.NaN]], [1, 2])).toMatch(/design\[1\]\[0\] must be a finite number, got NaN/);
    expect(fail([[1], [2]], [1])).toMatch(/y has 1 values, design has 2 rows/);
  });
});
