// Essay 5.2: nets learn the nearest of three points. Learning is checked on cpu and wasm: default
// settings reach agreement ≥ 0.95 on random triples (general position, nearly collinear, a close
// pair) and on exactly collinear ones. Agreement is re-scored here against the net's own regions,
// with the box, grid and nearest point written out again in float64.
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import { EssayError } from '../errors';
import type { PlanePoint } from './nearest-geometry';
import { nearestPointExperiment, type NearestPointResult } from './nearest-point';
import { NET_STEPS } from './tour-steps';

tf.env().set('PROD', true);

type Triple = [PlanePoint, PlanePoint, PlanePoint];

/** The larger side of the points' bounding box. */
function spread(points: readonly PlanePoint[]): number {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
}

function minSeparation(points: readonly PlanePoint[]): number {
  let min = Infinity;
  for (let i = 0; i < points.length; i++)
    for (let j = 0; j < i; j++)
      min = Math.min(min, Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y));
  return min;
}

/**
 * The result's agreement scored again from its net figure: the padded box, the 200 × 200 cell
 * centres and the nearest point (lowest index on ties) recomputed here, compared cell by cell.
 */
function rescore(r: NearestPointResult): number {
  const { points } = r;
  const s = spread(points);
  const x0 = Math.min(...points.map((p) => p.x)) - s / 2;
  const x1 = Math.max(...points.map((p) => p.x)) + s / 2;
  const y0 = Math.min(...points.map((p) => p.y)) - s / 2;
  const y1 = Math.max(...points.map((p) => p.y)) + s / 2;
  const spec = r.figures[1]!.spec;
  if (spec.kind !== 'decision-regions') throw new Error('expected decision regions');
  const n = r.grid;
  expect(spec.regions).toHaveLength(n);
  let same = 0;
  for (let row = 0; row < n; row++) {
    const y = y0 + ((row + 0.5) / n) * (y1 - y0);
    for (let col = 0; col < n; col++) {
      const x = x0 + ((col + 0.5) / n) * (x1 - x0);
      const d = points.map((p) => (x - p.x) ** 2 + (y - p.y) ** 2);
      if (spec.regions[row]![col] === d.indexOf(Math.min(...d))) same++;
    }
  }
  return same / (n * n);
}

const coordinate = fc.double({ min: -10, max: 10, noNaN: true });
const point = fc.record({ x: coordinate, y: coordinate });
/** Three points anywhere in [-10, 10]². */
const generic = fc.tuple(point, point, point);
/** c on the line through a and b (at a + t(b − a)), turned about a by 1e-4 … 1e-2 radians. */
const nearlyCollinear = fc
  .tuple(
    point,
    point,
    fc.double({ min: -0.5, max: 1.5, noNaN: true }),
    fc.double({ min: 1e-4, max: 1e-2, noNaN: true }),
  )
  .map(([a, b, t, angle]): Triple => {
    const [dx, dy] = [t * (b.x - a.x), t * (b.y - a.y)];
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    return [a, b, { x: a.x + dx * cos - dy * sin, y: a.y + dx * sin + dy * cos }];
  });
/** c close to a: 1% to 5% of |b − a| away, in any direction. */
const closePair = fc
  .tuple(
    point,
    point,
    fc.double({ min: 0.01, max: 0.05, noNaN: true }),
    fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
  )
  .map(([a, b, f, angle]): Triple => {
    const d = f * Math.hypot(b.x - a.x, b.y - a.y);
    return [a, b, { x: a.x + d * Math.cos(angle), y: a.y + d * Math.sin(angle) }];
  });
/**
 * Distinct triples in general position: no two points closer than 0.5% of the spread (the larger
 * side of their bounding box). Nearly collinear triples and close pairs are in.
 */
const triples = fc
  .oneof(generic, nearlyCollinear, closePair)
  .filter((ps) => spread(ps) > 0.1 && minSeparation(ps) >= 0.005 * spread(ps));
/** Exactly collinear triples, exact in floating point: integer a, b and c = a + t(b − a) with t ∈ {−1, ½, 2}. */
const collinear = fc
  .tuple(
    fc.record({ x: fc.integer({ min: -10, max: 10 }), y: fc.integer({ min: -10, max: 10 }) }),
    fc.record({ x: fc.integer({ min: -10, max: 10 }), y: fc.integer({ min: -10, max: 10 }) }),
    fc.constantFrom(-1, 0.5, 2),
  )
  .filter(([a, b]) => a.x !== b.x || a.y !== b.y)
  .map(([a, b, t]): Triple => [a, b, { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) }]);

const BACKENDS = [
  // The cpu backend is about 4× slower here (about 5 s per default run on one core): fewer runs.
  { adapter: cpuBackend(), runs: 2, collinearRuns: 1 },
  { adapter: wasmBackend(), runs: 8, collinearRuns: 3 },
];

describe.each(BACKENDS)(
  'nearestPointExperiment learns the nearest point on $adapter.name',
  ({ adapter, runs, collinearRuns }) => {
    let compute: ComputeContext;
    beforeAll(async () => {
      compute = await initBackend(createBackendRegistry([adapter]), adapter.name);
    });

    const learns = async (points: Triple) => {
      const before = tf.memory().numTensors;
      const r = await nearestPointExperiment({ points }, { compute });
      expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
      const where = JSON.stringify(points);
      expect(r.agreement, where).toBeGreaterThanOrEqual(0.95);
      // Cells exactly on a boundary may round either way: allow 20 of the 40,000.
      expect(Math.abs(rescore(r) - r.agreement), where).toBeLessThanOrEqual(20 / 40_000);
      // Cross-entropy starts near ln 3 ≈ 1.10 and falls below 0.1.
      expect(r.losses[0]!.loss, where).toBeGreaterThan(0.5);
      expect(r.losses.at(-1)!.loss, where).toBeLessThan(0.1);
    };

    it(`reaches agreement ≥ 0.95 with default settings on ${runs} random triples`, async () => {
      // No shrinking: each try trains a net; the counterexample is printed as found.
      await fc.assert(fc.asyncProperty(triples, learns), { numRuns: runs, endOnFailure: true });
    }, 120_000);

    it(`reaches agreement ≥ 0.95 on ${collinearRuns} exactly collinear triples (the regions are parallel strips)`, async () => {
      await fc.assert(fc.asyncProperty(collinear, learns), {
        numRuns: collinearRuns,
        endOnFailure: true,
        examples: [
          [
            [
              { x: 0, y: 0 },
              { x: 2, y: 1 },
              { x: 6, y: 3 },
            ],
          ],
        ],
      });
    }, 60_000);
  },
);

describe('nearestPointExperiment', () => {
  let compute: ComputeContext;
  beforeAll(async () => {
    compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });
  const points = [
    { x: 0, y: 0 },
    { x: 4, y: 1 },
    { x: 1, y: 3 },
  ];

  it('reports the net, a few losses and two figures, reports progress and leaks nothing', async () => {
    const events: number[] = [];
    const before = tf.memory().numTensors;
    const r = await nearestPointExperiment(
      { points, hidden: [4, 3], steps: 20, samples: 64, grid: 10, seed: 3 },
      { compute, onProgress: (p) => events.push(p.step) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(r.layers).toEqual([2, 4, 3, 3]);
    // (2 + 1)·4 + (4 + 1)·3 + (3 + 1)·3 weights and biases.
    expect(r.parameters).toBe(39);
    expect(r.box).toEqual({ x: [-2, 6], y: [-2, 5], center: { x: 2, y: 1.5 }, side: 4 });
    expect(r.losses.map((l) => l.step)).toEqual([1, 3, 5, 7, 9, 12, 14, 16, 18, 20]);
    expect(events.at(-1)).toBe(20);
    expect(events).toEqual([...events].sort((a, b) => a - b));
    expect(r.figures.map((f) => f.name)).toEqual(['5.2-nearest-voronoi', '5.2-nearest-net-4x3']);
    const [voronoi, net] = r.figures.map((f) => f.spec);
    if (voronoi?.kind !== 'decision-regions' || net?.kind !== 'decision-regions') throw new Error('decision regions');
    expect(voronoi.regions).toHaveLength(10);
    expect(net.regions.every((row) => row.length === 10)).toBe(true);
    expect(net.confidence?.flat().every((c) => c >= 0 && c <= 1)).toBe(true);
    expect(voronoi.points).toEqual(points.map((p, i) => ({ ...p, class: i, label: 'ABC'[i] })));
    expect(rescore(r)).toBe(r.agreement);
    // The result without figures is plain JSON.
    const { figures: _figures, ...data } = r;
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('is reproducible from its seed, and a net with no hidden layer has 3·3 weights', async () => {
    const options = { points, steps: 5, samples: 32, grid: 8, seed: 11 };
    const [a, b] = [
      await nearestPointExperiment(options, { compute }),
      await nearestPointExperiment(options, { compute }),
    ];
    expect(a.losses).toEqual(b.losses);
    expect(a.agreement).toBe(b.agreement);
    const linear = await nearestPointExperiment({ ...options, hidden: [] }, { compute });
    expect([linear.layers, linear.parameters, linear.figures[1]!.name]).toEqual([[2, 3], 9, '5.2-nearest-net-linear']);
  });

  it('refuses bad options with EssayError and stops on abort, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const argumentOf = (options: Parameters<typeof nearestPointExperiment>[0]) =>
      nearestPointExperiment(options, { compute }).then(
        () => 'resolved',
        (e: unknown) => (EssayError.isInstance(e) ? e.argument : String(e)),
      );
    expect(await argumentOf({ points: [points[0]!] })).toBe('points');
    expect(await argumentOf({ points: [...points, points[1]!] })).toBe('points');
    expect(await argumentOf({ points, hidden: [4, 0] })).toBe('hidden[1]');
    expect(await argumentOf({ points, hidden: [1, 1, 1, 1, 1] })).toBe('hidden');
    expect(await argumentOf({ points, steps: 0 })).toBe('steps');
    expect(await argumentOf({ points, learningRate: -1 })).toBe('learningRate');
    expect(await argumentOf({ points, samples: 8 })).toBe('samples');
    expect(await argumentOf({ points, grid: 401 })).toBe('grid');
    expect(await argumentOf({ points, seed: 0.5 })).toBe('seed');
    await expect(nearestPointExperiment({ points, hidden: [2.5] }, { compute })).rejects.toThrow(
      'nearestPointExperiment: hidden[0] must be an integer from 1 to 256, got 2.5',
    );
    const controller = new AbortController();
    await expect(
      nearestPointExperiment(
        { points, steps: 1000, samples: 32, grid: 4 },
        { compute, signal: controller.signal, onProgress: (p) => p.step >= 40 && controller.abort() },
      ),
    ).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('NET_STEPS (tour 5.2)', () => {
  it('runs one small default net in quick mode, with progress, lines and figures', async () => {
    const compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
    const fractions: number[] = [];
    const before = tf.memory().numTensors;
    const [step] = NET_STEPS;
    expect(NET_STEPS.map((s) => s.item)).toEqual(['5.2']);
    const r = await step!.run({
      compute,
      data: {} as EssayData,
      quick: true,
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.lines[0]).toBe('points (0, 0), (4, 1), (1, 3); scored on a 100×100 grid over the padded box');
    expect(r.lines[1]).toMatch(
      /^net 2→16→16→3 \(371 weights\), 150 Adam steps: agrees with the nearest point on (9\d|100)\.\d% of the grid/,
    );
    expect(r.figures?.map((f) => f.name)).toEqual(['5.2-nearest-voronoi', '5.2-nearest-net-16x16']);
    expect(fractions.at(-1)).toBe(1);
    const data = JSON.parse(JSON.stringify(r.data)) as { nets: Array<{ agreement: number }> };
    expect(data.nets[0]!.agreement).toBeGreaterThanOrEqual(0.95);
  });
});
