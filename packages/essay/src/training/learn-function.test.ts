// Essay 6.1–6.2 on cpu (called directly) and wasm (through the quick tour step): a ReLU net really
// learns 0.8·sin(2πx) + 0.3·x, judged against the target computed here in float64.
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
import type { TourProgress } from '../tour';
import { learnFunctionExperiment, type LearnFunctionResult } from './learn-function';
import { QUICK_LEARN, TRAINING_STEPS } from './tour-steps';

tf.env().set('PROD', true);

/** The target, written independently of the code under test. */
const f = (x: number) => 0.8 * Math.sin(2 * Math.PI * x) + 0.3 * x;
const mse = (values: readonly number[], xs: readonly number[]) =>
  values.reduce((a, v, i) => a + (v - f(xs[i]!)) ** 2, 0) / values.length;

const CASES: ReadonlyArray<{ backend: 'cpu' | 'wasm'; via: 'function' | 'tour step'; adapter: () => BackendAdapter }> =
  [
    { backend: 'cpu', via: 'function', adapter: cpuBackend },
    { backend: 'wasm', via: 'tour step', adapter: wasmBackend },
  ];

describe.each(CASES)(
  'learnFunctionExperiment (essay 6.1–6.2) on $backend through the $via',
  ({ backend, via, adapter }) => {
    let r: Omit<LearnFunctionResult, 'figures'>;
    let figures: readonly Figure[];
    let leaked: number;
    const progress: TourProgress[] = [];
    beforeAll(async () => {
      const compute = await initBackend(createBackendRegistry([adapter()]), backend);
      const before = tf.memory().numTensors;
      if (via === 'function') {
        ({ figures, ...r } = await learnFunctionExperiment(compute, {
          ...QUICK_LEARN,
          onProgress: (p) => progress.push({ item: '6.1', fraction: p.step / p.totalSteps }),
        }));
      } else {
        const step = TRAINING_STEPS.find((s) => s.item === '6.1')!;
        const out = await step.run({
          compute,
          quick: true,
          data: {} as EssayData,
          onProgress: (p) => progress.push(p),
        });
        r = out.data as Omit<LearnFunctionResult, 'figures'>;
        figures = out.figures ?? [];
      }
      leaked = tf.memory().numTensors - before;
    }, 120_000);

    it('leaves no tensors behind', () => {
      expect(leaked).toBe(0);
      expect(r.backend).toBe(backend);
    });

    it('draws the target and untrained nets that differ by seed and miss it', () => {
      r.xs.forEach((x, i) => expect(r.targetValues[i]).toBeCloseTo(f(x), 12));
      expect(r.randomNets.map((n) => n.seed)).toEqual([1, 2, 3, 4]);
      for (const net of r.randomNets) {
        expect(net.loss).toBeGreaterThan(0.2);
        expect(mse(net.values, r.xs)).toBeGreaterThan(0.2);
      }
      const gap = Math.max(...r.randomNets[0]!.values.map((v, i) => Math.abs(v - r.randomNets[1]!.values[i]!)));
      expect(gap).toBeGreaterThan(0.1);
      // The net that is trained is random net 1 before its first step.
      expect(r.snapshots[0]!.values).toEqual(r.randomNets[0]!.values);
    });

    it('learns: the loss falls at every picture, to below 0.002 and over 100× below the start', () => {
      expect(r.snapshots.map((s) => [s.step, s.examplesSeen])).toEqual([
        [0, 0],
        [50, 1600],
        [150, 4800],
        [600, 19200],
      ]);
      for (let k = 1; k < r.snapshots.length; k++) expect(r.snapshots[k]!.loss).toBeLessThan(r.snapshots[k - 1]!.loss);
      expect(r.finalLoss).toBeLessThan(0.002);
      expect(r.initialLoss / r.finalLoss).toBeGreaterThan(100);
      // Judged independently on the drawing grid: the trained curve is close to the target everywhere.
      const last = r.snapshots.at(-1)!.values;
      expect(mse(last, r.xs)).toBeLessThan(0.003);
      expect(Math.max(...last.map((v, i) => Math.abs(v - f(r.xs[i]!))))).toBeLessThan(0.25);
    });

    it('records the learning curve: every step, falling by over 50× from the first 50 steps to the last 50', () => {
      expect(r.losses).toHaveLength(600);
      expect(r.losses.every((l) => Number.isFinite(l) && l >= 0)).toBe(true);
      const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;
      expect(mean(r.losses.slice(0, 50)) / mean(r.losses.slice(-50))).toBeGreaterThan(50);
    });

    it('reports progress up to the last step', () => {
      expect(progress.length).toBeGreaterThan(10);
      expect(progress.at(-1)!.fraction).toBe(1);
      for (let k = 1; k < progress.length; k++)
        expect(progress[k]!.fraction).toBeGreaterThanOrEqual(progress[k - 1]!.fraction);
    });

    it('returns figures of the random nets and the fits (and the learning curve, from the function)', () => {
      const names = figures.map((fig) => fig.name);
      expect(names.slice(0, 2)).toEqual(['6.1-random-nets', '6.1-fits']);
      if (via === 'function') expect(names[2]).toBe('6.2-learning-curve');
      const fits = figures[1]!.spec;
      expect(fits.kind === 'line' && fits.series.map((s) => s.name)).toEqual([
        'target',
        `0: loss ${Number(r.snapshots[0]!.loss.toPrecision(3))}`,
        `1,600: loss ${Number(r.snapshots[1]!.loss.toPrecision(3))}`,
        `4,800: loss ${Number(r.snapshots[2]!.loss.toPrecision(3))}`,
        `19,200: loss ${Number(r.snapshots[3]!.loss.toPrecision(3))}`,
      ]);
    });
  },
);

describe('learnFunctionExperiment: seeds, options and errors', () => {
  let compute: ComputeContext;
  beforeAll(async () => {
    compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  it('is reproducible: the same seed gives the same losses, another seed other ones', async () => {
    const small = { steps: 12, examples: 64, randomNets: 1, points: 16, hidden: [8] } as const;
    const a = await learnFunctionExperiment(compute, { ...small, seed: 3 });
    const b = await learnFunctionExperiment(compute, { ...small, seed: 3 });
    const c = await learnFunctionExperiment(compute, { ...small, seed: 4 });
    expect(b.losses).toEqual(a.losses);
    expect(c.losses).not.toEqual(a.losses);
    // Default snapshots below the step count, and the last step.
    expect(a.snapshots.map((s) => s.step)).toEqual([0, 12]);
  });

  it('always draws the last step, in order, without duplicates', async () => {
    const r = await learnFunctionExperiment(compute, {
      steps: 5,
      snapshots: [3, 0, 3],
      examples: 16,
      points: 16,
      hidden: [4],
      randomNets: 1,
    });
    expect(r.snapshots.map((s) => s.step)).toEqual([0, 3, 5]);
    expect(r.losses).toHaveLength(5);
  });

  it('hands each snapshot to onSnapshot as it is taken, with the curve and its xs', async () => {
    const seen: Array<{ step: number; values: number; xs: number; loss: number }> = [];
    const r = await learnFunctionExperiment(compute, {
      steps: 6,
      snapshots: [0, 2],
      examples: 16,
      points: 16,
      hidden: [4],
      randomNets: 1,
      onSnapshot: (s, xs) => seen.push({ step: s.step, values: s.values.length, xs: xs.length, loss: s.loss }),
    });
    expect(seen).toEqual(r.snapshots.map((s) => ({ step: s.step, values: 16, xs: 16, loss: s.loss })));
    expect(seen.map((s) => s.step)).toEqual([0, 2, 6]);
  });

  it('stops when aborted, leaving no tensors', async () => {
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const run = learnFunctionExperiment(compute, {
      steps: 1000,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step >= 20) controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ steps: 0 }, 'steps'],
    [{ hidden: [] }, 'hidden'],
    [{ hidden: [0] }, 'hidden'],
    [{ examples: 8 }, 'examples'],
    [{ learningRate: -1 }, 'learningRate'],
    [{ snapshots: [5000] }, 'snapshots[0]'],
    [{ randomNets: 9 }, 'randomNets'],
    [{ seed: -1 }, 'seed'],
  ] as const)('refuses %o, naming %s', async (options, argument) => {
    const error = await learnFunctionExperiment(compute, options).catch((e: unknown) => e);
    expect(EssayError.isInstance(error) && [error.code, error.argument]).toEqual(['INVALID_ARGUMENT', argument]);
    expect((error as Error).message).toMatch(/^learnFunctionExperiment: /);
  });
});
