import type { LineSeries } from '@chatgpt-explained/viz';
import type { Figure } from '../figure';
import { integerIn, positiveNumber } from './checks';
import { fitBasis, type BasisTerm } from './least-squares';

/** A linear model fitted to the fall times: `a·f₀(x) + b·f₁(x) + …` with x the floor number. */
export interface FallTimeModel {
  /** Short name: `'line'`, `'quadratic'`, `'poor'`. */
  readonly name: string;
  /** The formula as shown, e.g. `'a + b x + c x²'`. */
  readonly formula: string;
  /** The basis terms, one per coefficient a, b, c… */
  readonly basis: readonly BasisTerm[];
}

const ONE: BasisTerm = { label: '1', f: () => 1 };

/**
 * The essay's three models: a straight line, a quadratic (a good choice), and `a + b/x + c sin x`
 * (a poor choice of basis: same number of coefficients, the wrong shapes).
 */
export const FALL_TIME_MODELS: readonly FallTimeModel[] = [
  { name: 'line', formula: 'a + b x', basis: [ONE, { label: 'x', f: (x) => x }] },
  {
    name: 'quadratic',
    formula: 'a + b x + c x²',
    basis: [ONE, { label: 'x', f: (x) => x }, { label: 'x²', f: (x) => x * x }],
  },
  {
    name: 'poor',
    formula: 'a + b/x + c sin x',
    basis: [ONE, { label: '1/x', f: (x) => 1 / x }, { label: 'sin x', f: (x) => Math.sin(x) }],
  },
];

/** Options of {@link fallTimesExperiment}, with their defaults. */
export interface FallTimesOptions {
  /** Floors 1…`floors` of the tower, 4 to 1000. Default 10. */
  readonly floors?: number;
  /** Height of one storey in metres: floor k is k·storeyHeight above the ground. Default 3. */
  readonly storeyHeight?: number;
  /** Gravitational acceleration in m/s². Default 9.81. */
  readonly g?: number;
  /** Points on each fitted curve in the figure. Default 200. */
  readonly curvePoints?: number;
}

/** One model fitted to the fall times. */
export interface FallTimeFit {
  readonly name: string;
  readonly formula: string;
  /** The coefficients by letter: `{ a, b }` or `{ a, b, c }`. */
  readonly coefficients: Readonly<Record<string, number>>;
  /** The model's time at each floor, in seconds. */
  readonly predicted: readonly number[];
  /** `predicted − time` at each floor, in seconds. */
  readonly residuals: readonly number[];
  /** Root-mean-square error over the floors, in seconds. */
  readonly rmsError: number;
  /** Largest absolute error over the floors, in seconds. */
  readonly maxError: number;
}

/** Result of {@link fallTimesExperiment}. */
export interface FallTimesResult {
  readonly storeyHeight: number;
  readonly g: number;
  /** The idealised data: each floor, its height in metres and its fall time `√(2h/g)` in seconds. */
  readonly data: readonly { readonly floor: number; readonly height: number; readonly time: number }[];
  /** The fits of {@link FALL_TIME_MODELS}, in that order. */
  readonly fits: readonly FallTimeFit[];
  /** `3.1-fall-time-fits` (data and curves) and `3.1-fall-time-errors` (residuals by floor). */
  readonly figures: readonly Figure[];
}

const LETTERS = 'abcdefgh';

/**
 * Essay 3.1: the time to fall from each floor of a tower, idealised as `t = √(2h/g)` with no air
 * resistance, floor k at height k·storeyHeight, fitted by least squares (float64 QR) with a line,
 * with `a + b x + c x²`, and with the poor basis `a + b/x + c sin x`, x being the floor number.
 * Returns the data, each fit's coefficients and errors, and two figures.
 */
export function fallTimesExperiment(options: FallTimesOptions = {}): FallTimesResult {
  const op = 'fallTimesExperiment';
  const floors = integerIn(op, 'floors', options.floors ?? 10, 4, 1000);
  const storeyHeight = positiveNumber(op, 'storeyHeight', options.storeyHeight ?? 3);
  const g = positiveNumber(op, 'g', options.g ?? 9.81);
  const curvePoints = integerIn(op, 'curvePoints', options.curvePoints ?? 200, 2, 10_000);

  const data = Array.from({ length: floors }, (_, i) => {
    const height = (i + 1) * storeyHeight;
    return { floor: i + 1, height, time: Math.sqrt((2 * height) / g) };
  });
  const xs = data.map((d) => d.floor);
  const ts = data.map((d) => d.time);
  const fits: FallTimeFit[] = FALL_TIME_MODELS.map((model) => {
    const fit = fitBasis(model.basis, xs, ts);
    return {
      name: model.name,
      formula: model.formula,
      coefficients: Object.fromEntries(fit.coefficients.map((c, k) => [LETTERS[k]!, c])),
      predicted: fit.predicted,
      residuals: fit.residuals,
      rmsError: fit.rmsError,
      maxError: fit.maxError,
    };
  });

  // Smooth curves between the floors, from floor 1 to the top.
  const curveX = Array.from({ length: curvePoints }, (_, i) => 1 + ((floors - 1) * i) / (curvePoints - 1));
  const curve = (model: FallTimeModel, fit: FallTimeFit): LineSeries => ({
    name: model.formula,
    x: curveX,
    y: curveX.map((x) => model.basis.reduce((s, term, k) => s + fit.coefficients[LETTERS[k]!]! * term.f(x), 0)),
    style: 'line',
  });
  const setting = `storey ${storeyHeight} m, g = ${g} m/s², floors 1–${floors}`;
  const errors = fits.map((f) => `${f.formula} ${formatSeconds(f.rmsError)}`).join(', ');
  const figures: Figure[] = [
    {
      name: '3.1-fall-time-fits',
      spec: {
        kind: 'line',
        title: 'Time to fall from each floor, and three fitted models',
        subtitle: `t = √(2h/g), ${setting}`,
        xLabel: 'floor',
        yLabel: 'time to fall (s)',
        legendTitle: 'data and fits',
        // Models first, so each has the same colour as in the errors figure; points draw on top.
        series: [
          ...FALL_TIME_MODELS.map((model, k) => curve(model, fits[k]!)),
          { name: 'data: √(2h/g)', x: xs, y: ts, style: 'points' },
        ],
        width: 520,
        height: 340,
      },
    },
    {
      name: '3.1-fall-time-errors',
      spec: {
        kind: 'line',
        title: 'Error of each fit at each floor',
        subtitle: `RMS error: ${errors}`,
        xLabel: 'floor',
        yLabel: 'fitted − true time (s)',
        legendTitle: 'model',
        series: fits.map((f) => ({ name: f.formula, x: xs, y: f.residuals, style: 'line+points' as const })),
        width: 520,
        height: 300,
      },
    },
  ];
  return { storeyHeight, g, data, fits, figures };
}

/** Seconds with three significant digits: `0.0123 s`. */
export function formatSeconds(seconds: number): string {
  return `${Number(seconds.toPrecision(3))} s`;
}
