// Essay 6.4 on cpu (called directly) and wasm (through the quick tour step): nets trained alike from
// different random starts agree on the training range and part ways outside it.
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
import { extrapolationExperiment, type ExtrapolationResult } from './extrapolation';
import { QUICK_EXTRAPOLATION, TRAINING_STEPS } from './tour-steps';

tf.env().set('PROD', true);

const f = (x: number) => 0.8 * Math.sin(2 * Math.PI * x) + 0.3 * x;

/** Largest and mean (max − min over the nets) at the points `keep` selects, computed here. */
function spreadOf(r: Omit<ExtrapolationResult, 'figures'>, keep: (x: number) => boolean) {
  const spreads = r.xs.flatMap((x, i) => {
    if (!keep(x)) return [];
    const ys = r.nets.map((n) => n.values[i]!);
    return [Math.max(...ys) - Math.min(...ys)];
  });
  return {
    max: Math.max(...spreads),
    mean: spreads.reduce((a, b) => a + b, 0) / spreads.length,
    count: spreads.length,
  };
}

const CASES: ReadonlyArray<{ backend: 'cpu' | 'wasm'; via: 'function' | 'tour step'; adapter: () => BackendAdapter }> =
  [
    { backend: 'cpu', via: 'function', adapter: cpuBackend },
    { backend: 'wasm', via: 'tour step', adapter: wasmBackend },
  ];

describe.each(CASES)(
  'extrapolationExperiment (essay 6.4) on $backend through the $via',
  ({ backend, via, adapter }) => {
    let r: Omit<ExtrapolationResult, 'figures'>;
    let figures: readonly Figure[];
    let leaked: number;
    beforeAll(async () => {
      const compute = await initBackend(createBackendRegistry([adapter()]), backend);
      const before = tf.memory().numTensors;
      if (via === 'function') {
        ({ figures, ...r } = await extrapolationExperiment(compute, QUICK_EXTRAPOLATION));
      } else {
        const out = await TRAINING_STEPS.find((s) => s.item === '6.4')!.run({
          compute,
          quick: true,
          data: {} as EssayData,
        });
        r = out.data as Omit<ExtrapolationResult, 'figures'>;
        figures = out.figures ?? [];
      }
      leaked = tf.memory().numTensors - before;
    }, 120_000);

    it('leaves no tensors behind', () => {
      expect(leaked).toBe(0);
      expect(r.losses).toHaveLength(1000);
    });

    it('trains every net well: training loss below 0.01 each', () => {
      expect(r.nets).toHaveLength(3);
      for (const net of r.nets) expect(net.trainingLoss).toBeLessThan(0.01);
      // And close to the target on the training range, judged on the drawing grid.
      for (const net of r.nets) {
        const inside = r.xs.flatMap((x, i) => (Math.abs(x) <= 1 ? [(net.values[i]! - f(x)) ** 2] : []));
        expect(inside.reduce((a, b) => a + b, 0) / inside.length).toBeLessThan(0.01);
      }
    });

    it('reports the spreads as computed here from the curves', () => {
      expect(r.xs[0]).toBe(-3);
      expect(r.xs.at(-1)).toBe(3);
      r.xs.forEach((x, i) => expect(r.targetValues[i]).toBeCloseTo(f(x), 12));
      const inside = spreadOf(r, (x) => x >= -1 && x <= 1);
      const outside = spreadOf(r, (x) => x < -1 || x > 1);
      expect(inside.count + outside.count).toBe(301);
      expect(r.inside.max).toBeCloseTo(inside.max, 12);
      expect(r.inside.mean).toBeCloseTo(inside.mean, 12);
      expect(r.outside.max).toBeCloseTo(outside.max, 12);
      expect(r.outside.mean).toBeCloseTo(outside.mean, 12);
      expect(r.disagreementRatio).toBeCloseTo(outside.max / inside.max, 12);
    });

    it('agrees inside the training range and disagrees far more outside it', () => {
      expect(r.inside.max).toBeLessThan(0.5);
      expect(r.inside.mean).toBeLessThan(0.1);
      expect(r.outside.max).toBeGreaterThan(5 * r.inside.max);
      expect(r.outside.mean).toBeGreaterThan(10 * r.inside.mean);
      // At the far ends the nets are over 1 apart.
      for (const i of [0, r.xs.length - 1]) {
        const ys = r.nets.map((n) => n.values[i]!);
        expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(1);
      }
    });

    it('draws the target, each net and the training range', () => {
      expect(figures.map((fig) => fig.name)).toEqual(['6.4-extrapolation']);
      const spec = figures[0]!.spec;
      expect(spec.kind).toBe('line');
      if (spec.kind !== 'line') return;
      expect(spec.series.map((s) => s.name.split(':')[0])).toEqual([
        'target',
        'net 1',
        'net 2',
        'net 3',
        'training range',
      ]);
      expect(spec.series.at(-1)!.x).toEqual([-1, -1, 1, 1]);
    });
  },
);

describe('extrapolationExperiment: errors', () => {
  let compute: ComputeContext;
  beforeAll(async () => {
    compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  it.each([
    [{ nets: 1 }, 'nets'],
    [{ steps: 0 }, 'steps'],
    [{ showRange: [-0.5, 3] }, 'showRange'],
    [{ showRange: [-1, 1] }, 'showRange'],
    [{ trainRange: [2, 1] }, 'trainRange'],
    [{ hidden: [300] }, 'hidden'],
    [{ points: 4 }, 'points'],
  ] as const)('refuses %o, naming %s', async (options, argument) => {
    const error = await extrapolationExperiment(compute, options as never).catch((e: unknown) => e);
    expect(EssayError.isInstance(error) && [error.code, error.argument]).toEqual(['INVALID_ARGUMENT', argument]);
    expect((error as Error).message).toMatch(/^extrapolationExperiment: /);
  });

  it('stops when aborted, leaving no tensors', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const before = tf.memory().numTensors;
    await expect(extrapolationExperiment(compute, { signal: controller.signal })).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
  });
});
