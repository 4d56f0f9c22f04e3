import type { Figure } from '../figure';
import type { TourStep } from '../tour';
import type { PlanePoint } from './nearest-geometry';
import { DEFAULT_NEAREST_HIDDEN, SMALL_NEAREST_HIDDEN, nearestPointExperiment } from './nearest-point';

/** Three points like the essay's picture of the nearest-point task: a scalene triangle. */
export const ESSAY_NEAREST_POINTS: readonly PlanePoint[] = [
  { x: 0, y: 0 },
  { x: 4, y: 1 },
  { x: 1, y: 3 },
];

/** The net sizes the full tour trains on {@link ESSAY_NEAREST_POINTS}: the essay's small net, the default, a bigger one. */
export const TOUR_NEAREST_HIDDEN: ReadonlyArray<readonly number[]> = [
  SMALL_NEAREST_HIDDEN,
  DEFAULT_NEAREST_HIDDEN,
  [32, 32],
];

const percent = (v: number) => `${(100 * v).toFixed(1)}%`;

/** The tour steps of small classifier nets: essay 5.2 (the nearest-point task). */
export const NET_STEPS: readonly TourStep[] = [
  {
    item: '5.2',
    run: async ({ compute, quick, signal, onProgress }) => {
      // Quick mode (CI, wasm on 2 cores): one default-sized net, fewer steps, a coarser grid.
      const runs = quick
        ? [{ hidden: DEFAULT_NEAREST_HIDDEN, steps: 150, grid: 100 }]
        : TOUR_NEAREST_HIDDEN.map((hidden) => ({ hidden, steps: 300, grid: 200 }));
      const results = [];
      for (const [i, run] of runs.entries()) {
        const shape = [2, ...run.hidden, ESSAY_NEAREST_POINTS.length].join('→');
        results.push(
          await nearestPointExperiment(
            { points: ESSAY_NEAREST_POINTS, ...run },
            {
              compute,
              signal,
              onProgress: (p) =>
                onProgress?.({
                  item: '5.2',
                  fraction: (i + p.step / p.totalSteps) / runs.length,
                  message: `net ${shape}: step ${p.step}/${p.totalSteps}, loss ${p.loss.toFixed(4)}`,
                }),
            },
          ),
        );
      }
      const figures: Figure[] = [results[0]!.figures[0]!, ...results.map((r) => r.figures[1]!)];
      const where = ESSAY_NEAREST_POINTS.map((p) => `(${p.x}, ${p.y})`).join(', ');
      return {
        lines: [
          `points ${where}; scored on a ${runs[0]!.grid}×${runs[0]!.grid} grid over the padded box`,
          ...results.map(
            (r) =>
              `net ${r.layers.join('→')} (${r.parameters} weights), ${r.steps} Adam steps: agrees with the nearest point on ${percent(r.agreement)} of the grid (final loss ${r.losses.at(-1)!.loss.toFixed(4)})`,
          ),
        ],
        data: { points: ESSAY_NEAREST_POINTS, nets: results.map(({ figures: _figures, ...r }) => r) },
        figures,
      };
    },
  },
];
