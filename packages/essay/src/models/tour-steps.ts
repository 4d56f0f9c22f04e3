import type { TourStep } from '../tour';
import { fallTimesExperiment, formatSeconds } from './fall-times';
import { neuronExperiment, neuronFormula } from './neuron';

const coefficients = (c: Readonly<Record<string, number>>): string =>
  Object.entries(c)
    .map(([k, v]) => `${k} = ${Number(v.toPrecision(4))}`)
    .join(', ');

/** The tour steps of models and neurons: essay 3.1 (fitting fall times) and 5.1 (one ReLU neuron). */
export const MODEL_STEPS: readonly TourStep[] = [
  {
    item: '3.1',
    run: async () => {
      const r = fallTimesExperiment();
      const first = r.data[0]!;
      const last = r.data.at(-1)!;
      return {
        lines: [
          `data: t = √(2h/g), storey ${r.storeyHeight} m, g = ${r.g} m/s²: floor ${first.floor} ${formatSeconds(first.time)} … floor ${last.floor} ${formatSeconds(last.time)}`,
          ...r.fits.map(
            (f) =>
              `${f.formula}: ${coefficients(f.coefficients)}; RMS error ${formatSeconds(f.rmsError)}, max ${formatSeconds(f.maxError)}`,
          ),
        ],
        data: { storeyHeight: r.storeyHeight, g: r.g, data: r.data, fits: r.fits },
        figures: r.figures,
      };
    },
  },
  {
    item: '5.1',
    run: async ({ compute, quick, signal }) => {
      const r = await neuronExperiment(compute, { grid: quick ? 32 : 64, ...(signal === undefined ? {} : { signal }) });
      return {
        lines: r.maps.map(
          (m) =>
            `${neuronFormula(m.weights)} on [-1, 1]²: ${Number(m.min.toPrecision(3))} … ${Number(m.max.toPrecision(3))}, 0 on ${Math.round(100 * m.zeroFraction)}% of the square`,
        ),
        // The grid values (4 × 64² numbers) stay out of tour.json; `nn neuron --json` prints them.
        data: {
          backend: r.backend,
          grid: r.axis.length,
          maps: r.maps.map(({ weights, min, max, zeroFraction }) => ({ weights, min, max, zeroFraction })),
        },
        figures: r.figures,
      };
    },
  },
];
