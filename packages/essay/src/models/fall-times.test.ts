import { renderSvg } from '@chatgpt-explained/viz';
import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { fallTimesExperiment } from './fall-times';

/** Independent reference: the normal equations AᵀA c = Aᵀy solved by Cramer's rule, in float64. */
function normalEquationsFit(basis: ((x: number) => number)[], xs: number[], ys: number[]) {
  const n = basis.length;
  const ata = basis.map((fi) => basis.map((fj) => xs.reduce((s, x) => s + fi(x) * fj(x), 0)));
  const aty = basis.map((fi) => xs.reduce((s, x, k) => s + fi(x) * ys[k]!, 0));
  const det = (m: number[][]): number =>
    m.length === 1
      ? m[0]![0]!
      : m[0]!.reduce(
          (s, v, j) => s + (j % 2 === 0 ? 1 : -1) * v * det(m.slice(1).map((r) => r.filter((_, c) => c !== j))),
          0,
        );
  const d = det(ata);
  const coefficients = Array.from(
    { length: n },
    (_, j) => det(ata.map((row, i) => row.map((v, c) => (c === j ? aty[i]! : v)))) / d,
  );
  const errors = xs.map((x, k) => basis.reduce((s, f, j) => s + coefficients[j]! * f(x), 0) - ys[k]!);
  return {
    coefficients,
    rms: Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length),
    max: Math.max(...errors.map(Math.abs)),
  };
}

describe('fallTimesExperiment (essay 3.1)', () => {
  const floors = Array.from({ length: 10 }, (_, i) => i + 1);
  const times = floors.map((k) => Math.sqrt((2 * 3 * k) / 9.81));
  const reference = {
    line: normalEquationsFit([() => 1, (x) => x], floors, times),
    quadratic: normalEquationsFit([() => 1, (x) => x, (x) => x * x], floors, times),
    poor: normalEquationsFit([() => 1, (x) => 1 / x, (x) => Math.sin(x)], floors, times),
  };

  it('makes t = √(2h/g) for floors 1–10 of 3 m storeys', () => {
    const r = fallTimesExperiment();
    // Floor 1: √(6/9.81) = 0.78206…; floor 10: √(60/9.81) = 2.473097… s.
    expect(r.data[0]).toEqual({ floor: 1, height: 3, time: Math.sqrt(6 / 9.81) });
    expect(r.data[9]!.time).toBeCloseTo(2.473097, 6);
    expect(r.data).toHaveLength(10);
  });

  it('fits each model as the normal equations do, and reports its errors', () => {
    const r = fallTimesExperiment();
    for (const fit of r.fits) {
      const ref = reference[fit.name as keyof typeof reference];
      expect(Object.values(fit.coefficients).length, fit.name).toBe(ref.coefficients.length);
      Object.values(fit.coefficients).forEach((c, j) =>
        expect(c, `${fit.name} ${j}`).toBeCloseTo(ref.coefficients[j]!, 9),
      );
      expect(fit.rmsError, fit.name).toBeCloseTo(ref.rms, 12);
      expect(fit.maxError, fit.name).toBeCloseTo(ref.max, 12);
    }
  });

  it('the quadratic beats the line, and the poor basis is worst', () => {
    const r = fallTimesExperiment();
    const rms = Object.fromEntries(r.fits.map((f) => [f.name, f.rmsError]));
    expect(rms['quadratic']).toBeLessThan(rms['line']!);
    expect(rms['poor']).toBeGreaterThan(rms['line']!);
    // Same ordering in the independent reference.
    expect(reference.quadratic.rms).toBeLessThan(reference.line.rms);
    expect(reference.poor.rms).toBeGreaterThan(reference.line.rms);
  });

  it('draws the data with the three curves, and the errors by floor', async () => {
    const r = fallTimesExperiment({ floors: 6 });
    expect(r.figures.map((f) => f.name)).toEqual(['3.1-fall-time-fits', '3.1-fall-time-errors']);
    const spec = r.figures[0]!.spec;
    expect(spec.kind === 'line' && spec.series.map((s) => s.name)).toEqual([
      'a + b x',
      'a + b x + c x²',
      'a + b/x + c sin x',
      'data: √(2h/g)',
    ]);
    for (const figure of r.figures) expect(await renderSvg(figure.spec)).toContain('<svg');
  });

  it('refuses too few floors and a non-positive g', () => {
    expect(() => fallTimesExperiment({ floors: 3 })).toThrow(
      'fallTimesExperiment: floors must be an integer from 4 to 1000, got 3',
    );
    try {
      fallTimesExperiment({ g: 0 });
    } catch (error) {
      expect(EssayError.isInstance(error) && [error.code, error.argument, error.value]).toEqual([
        'INVALID_ARGUMENT',
        'g',
        0,
      ]);
    }
  });
});
