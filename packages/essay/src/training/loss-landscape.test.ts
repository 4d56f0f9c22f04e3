// Essay 6.3 on cpu (called directly) and wasm (through the quick tour step): the loss on the grid
// and the gradient-descent paths against the net's loss and gradient written out here in float64.
import {
  createBackendRegistry,
  initBackend,
  type BackendAdapter,
  type ComputeContext,
} from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { lossLandscapeExperiment, type LossLandscapeResult } from './loss-landscape';
import { QUICK_LANDSCAPE, TRAINING_STEPS } from './tour-steps';

tf.env().set('PROD', true);

// The net y = tanh(w1·x) − tanh(w2·x + 1) and its data (from w1 = 2, w2 = 1 on 41 points of [-2, 2]), in float64.
const XS = Array.from({ length: 41 }, (_, i) => -2 + i / 10);
const net = (w1: number, w2: number, x: number) => Math.tanh(w1 * x) - Math.tanh(w2 * x + 1);
const YS = XS.map((x) => net(2, 1, x));
const loss = (w1: number, w2: number) => XS.reduce((a, x, i) => a + (net(w1, w2, x) - YS[i]!) ** 2, 0) / XS.length;
function gradient(w1: number, w2: number): [number, number] {
  let g1 = 0;
  let g2 = 0;
  XS.forEach((x, i) => {
    const r = 2 * (net(w1, w2, x) - YS[i]!);
    g1 += r * (1 - Math.tanh(w1 * x) ** 2) * x;
    g2 -= r * (1 - Math.tanh(w2 * x + 1) ** 2) * x;
  });
  return [g1 / XS.length, g2 / XS.length];
}

const CASES: ReadonlyArray<{ backend: 'cpu' | 'wasm'; via: 'function' | 'tour step'; adapter: () => BackendAdapter }> =
  [
    { backend: 'cpu', via: 'function', adapter: cpuBackend },
    { backend: 'wasm', via: 'tour step', adapter: wasmBackend },
  ];

describe.each(CASES)(
  'lossLandscapeExperiment (essay 6.3) on $backend through the $via',
  ({ backend, via, adapter }) => {
    let r: Omit<LossLandscapeResult, 'figures'>;
    let figures: readonly Figure[];
    let leaked: number;
    let lines: readonly string[] = [];
    beforeAll(async () => {
      const compute = await initBackend(createBackendRegistry([adapter()]), backend);
      const before = tf.memory().numTensors;
      if (via === 'function') {
        ({ figures, ...r } = await lossLandscapeExperiment(compute, QUICK_LANDSCAPE));
      } else {
        const out = await TRAINING_STEPS.find((s) => s.item === '6.3')!.run({
          compute,
          quick: true,
          data: {} as EssayData,
        });
        r = out.data as Omit<LossLandscapeResult, 'figures'>;
        figures = out.figures ?? [];
        lines = out.lines;
      }
      leaked = tf.memory().numTensors - before;
    }, 60_000);

    it('leaves no tensors behind', () => {
      expect(leaked).toBe(0);
    });

    it('computes the loss on the grid as the float64 loss of the net', () => {
      expect(r.w1Axis).toHaveLength(41);
      expect(r.w2Axis).toHaveLength(41);
      expect(r.w1Axis[0]).toBe(-4);
      expect(r.w1Axis.at(-1)).toBe(4);
      expect(r.w2Axis[0]).toBe(-3);
      for (const [row, col] of [
        [0, 0],
        [40, 40],
        [20, 30],
        [26, 30],
        [7, 19],
        [33, 2],
      ] as const) {
        const expected = loss(r.w1Axis[col]!, r.w2Axis[row]!);
        expect(r.loss[row]![col], `at row ${row}, column ${col}`).toBeCloseTo(expected, 5);
      }
      // The smallest loss on the grid is next to the weights the data came from.
      expect(Math.abs(r.gridMinimum.w1 - 2)).toBeLessThanOrEqual(0.2);
      expect(Math.abs(r.gridMinimum.w2 - 1)).toBeLessThanOrEqual(0.15);
    });

    it('takes plain gradient-descent steps: w ← w − 0.5·∇L, the loss falling at every step', () => {
      expect(r.learningRate).toBe(0.5);
      for (const path of r.paths) {
        expect(path.points).toHaveLength(151);
        expect(path.points[0]).toEqual(path.start);
        // Each step, against the gradient computed here.
        for (const k of [0, 1, 10, 100]) {
          const { w1, w2 } = path.points[k]!;
          const [g1, g2] = gradient(w1, w2);
          expect(path.points[k + 1]!.w1).toBeCloseTo(w1 - 0.5 * g1, 4);
          expect(path.points[k + 1]!.w2).toBeCloseTo(w2 - 0.5 * g2, 4);
        }
        path.points.forEach((p, k) => expect(path.losses[k], `loss at point ${k}`).toBeCloseTo(loss(p.w1, p.w2), 5));
        for (let k = 1; k < path.losses.length; k++)
          expect(path.losses[k]!).toBeLessThanOrEqual(path.losses[k - 1]! + 1e-7);
      }
    });

    it('ends one path in the global minimum and the other in a local minimum of the grid', () => {
      const [global, local] = r.paths;
      expect(global!.start).toEqual({ w1: -1, w2: 2 });
      expect(Math.hypot(global!.end.w1 - 2, global!.end.w2 - 1)).toBeLessThan(0.15);
      expect(global!.end.loss).toBeLessThan(1e-3);
      expect(local!.start).toEqual({ w1: 1, w2: -2.5 });
      expect(local!.end.loss).toBeGreaterThan(0.07);
      // Each end is within two cells of a cell no higher than its 8 neighbours (a minimum of the grid),
      // and no higher than that cell.
      const minima: Array<{ w1: number; w2: number; loss: number }> = [];
      for (let row = 1; row < 40; row++) {
        for (let col = 1; col < 40; col++) {
          const here = r.loss[row]![col]!;
          let lowest = true;
          for (const dr of [-1, 0, 1])
            for (const dc of [-1, 0, 1]) if (r.loss[row + dr]![col + dc]! < here) lowest = false;
          if (lowest) minima.push({ w1: r.w1Axis[col]!, w2: r.w2Axis[row]!, loss: here });
        }
      }
      // Two basins: the global minimum, and a higher local one (its long valley may show as 2 cells).
      expect(minima.some((m) => m.loss < 0.01)).toBe(true);
      expect(minima.some((m) => m.loss > 0.05)).toBe(true);
      for (const path of r.paths) {
        const near = minima.find((m) => Math.abs(m.w1 - path.end.w1) <= 0.4 && Math.abs(m.w2 - path.end.w2) <= 0.3);
        expect(near, `a grid minimum near ${JSON.stringify(path.end)}`).toBeDefined();
        expect(path.end.loss).toBeLessThanOrEqual(near!.loss + 1e-6);
      }
    });

    it('draws the heatmap with both paths on it', () => {
      expect(figures.map((f) => f.name)).toEqual(['6.3-loss-landscape']);
      const spec = figures[0]!.spec;
      expect(spec.kind).toBe('heatmap');
      if (spec.kind !== 'heatmap') return;
      expect(spec.values).toEqual(r.loss);
      expect(spec.extent).toEqual({ x: [-4, 4], y: [-3, 3] });
      expect(spec.paths?.map((p) => p.points[0])).toEqual([
        [-1, 2],
        [1, -2.5],
      ]);
      expect(spec.paths?.[0]!.label).toMatch(/^loss 0(\.0+\d+)?$/);
      expect(spec.paths?.[1]!.label).toBe(`loss ${Number(r.paths[1]!.end.loss.toPrecision(2))}`);
      if (via === 'tour step') expect(lines[1]).toMatch(/^gradient descent from \(-1, 2\): loss 3\.\d+ → /);
    });
  },
);

describe('lossLandscapeExperiment: starts and errors', () => {
  let compute: ComputeContext;
  beforeAll(async () => {
    compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  it('draws random starts from the seed, inside the ranges', async () => {
    const options = { grid: 8, steps: 2, randomStarts: 3, w1Range: [0, 1], w2Range: [-1, 0] } as const;
    const a = await lossLandscapeExperiment(compute, { ...options, seed: 7 });
    const b = await lossLandscapeExperiment(compute, { ...options, seed: 7 });
    const c = await lossLandscapeExperiment(compute, { ...options, seed: 8 });
    const starts = (x: typeof a) => x.paths.map((p) => p.start);
    expect(starts(b)).toEqual(starts(a));
    expect(starts(c)).not.toEqual(starts(a));
    for (const s of starts(a)) {
      expect(s.w1).toBeGreaterThanOrEqual(0);
      expect(s.w1).toBeLessThanOrEqual(1);
      expect(s.w2).toBeGreaterThanOrEqual(-1);
      expect(s.w2).toBeLessThanOrEqual(0);
    }
  });

  it.each([
    [{ grid: 4 }, 'grid'],
    [{ steps: 0 }, 'steps'],
    [{ learningRate: 0 }, 'learningRate'],
    [{ w1Range: [1, 1] }, 'w1Range'],
    [{ starts: [] }, 'starts'],
    [{ starts: [{ w1: NaN, w2: 0 }] }, 'starts[0].w1'],
    [{ starts: [{ w1: 0, w2: 0 }], randomStarts: 2 }, 'randomStarts'],
    [{ seed: 3 }, 'seed'],
    [{ randomStarts: 9 }, 'randomStarts'],
  ] as const)('refuses %o, naming %s', async (options, argument) => {
    const error = await lossLandscapeExperiment(compute, options as never).catch((e: unknown) => e);
    expect(EssayError.isInstance(error) && [error.code, error.argument]).toEqual(['INVALID_ARGUMENT', argument]);
    expect((error as Error).message).toMatch(/^lossLandscapeExperiment: /);
  });
});
