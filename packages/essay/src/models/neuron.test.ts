import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { neuronExperiment, neuronFormula } from './neuron';
import { MODEL_STEPS } from './tour-steps';
import type { EssayData } from '../data';

tf.env().set('PROD', true);

let compute: ComputeContext;
beforeAll(async () => {
  compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

describe('neuronExperiment (essay 5.1)', () => {
  it('computes max(0, w1·x₁ + w2·x₂ + b) over the grid, without leaking tensors', async () => {
    const weights = [
      { w1: 1, w2: 0, b: 0 },
      { w1: 2, w2: -1, b: 0.5 },
      { w1: -0.3, w2: 1.7, b: -0.25 },
    ];
    const before = tf.memory().numTensors;
    const r = await neuronExperiment(compute, { weights, grid: 5, extent: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.axis).toEqual([-2, -1, 0, 1, 2]);
    expect(r.backend).toBe('cpu');
    r.maps.forEach((m, k) => {
      const { w1, w2, b } = weights[k]!;
      for (let row = 0; row < 5; row++) {
        for (let col = 0; col < 5; col++) {
          const x1 = -2 + col;
          const x2 = -2 + row;
          expect(m.values[row]![col], `setting ${k} at (${x1}, ${x2})`).toBeCloseTo(
            Math.max(0, w1 * x1 + w2 * x2 + b),
            6,
          );
        }
      }
    });
    // ReLU(x₁) on x₁ ∈ {−2…2}: 0 in columns −2, −1, 0 (15 of 25 cells), top 2.
    expect(r.maps[0]!.zeroFraction).toBeCloseTo(15 / 25, 12);
    expect([r.maps[0]!.min, r.maps[0]!.max]).toEqual([0, 2]);
  });

  it('draws one heatmap per setting on a shared colour scale', async () => {
    const r = await neuronExperiment(compute, { grid: 8 });
    expect(r.figures.map((f) => f.name)).toEqual(['5.1-neuron-1', '5.1-neuron-2', '5.1-neuron-3', '5.1-neuron-4']);
    const domains = r.figures.map((f) => (f.spec.kind === 'heatmap' ? f.spec.color?.domain : undefined));
    expect(new Set(domains.map((d) => JSON.stringify(d))).size).toBe(1);
    expect(r.figures[2]!.spec.title).toBe('ReLU(2·x₁ − 1·x₂ + 0.5)');
  });

  it('refuses bad weights and grids with EssayError, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    await expect(neuronExperiment(compute, { weights: [{ w1: Number.NaN, w2: 0, b: 0 }] })).rejects.toThrow(
      'neuronExperiment: weights[0].w1 must be a finite number, got NaN',
    );
    await expect(neuronExperiment(compute, { grid: 1 })).rejects.toSatisfy(
      (e: unknown) => EssayError.isInstance(e) && e.argument === 'grid',
    );
    await expect(neuronExperiment(compute, { weights: [] })).rejects.toThrow(/1 to 16 settings, got 0/);
    const controller = new AbortController();
    controller.abort();
    await expect(neuronExperiment(compute, { grid: 4, signal: controller.signal })).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('writes settings as formulas', () => {
    expect(neuronFormula({ w1: 1, w2: 1, b: 0 })).toBe('ReLU(1·x₁ + 1·x₂)');
    expect(neuronFormula({ w1: -1, w2: -2, b: -0.5 })).toBe('ReLU(−1·x₁ − 2·x₂ − 0.5)');
  });
});

describe('MODEL_STEPS', () => {
  it('run 3.1 and 5.1 with lines, data and figures', async () => {
    const context = { compute, data: {} as EssayData, quick: true };
    const [fit, neuron] = MODEL_STEPS;
    expect(MODEL_STEPS.map((s) => s.item)).toEqual(['3.1', '5.1']);
    const a = await fit!.run(context);
    expect(a.lines).toHaveLength(4);
    expect(a.lines[2]).toMatch(/^a \+ b x \+ c x²: a = .*RMS error/);
    expect(a.figures).toHaveLength(2);
    const before = tf.memory().numTensors;
    const b = await neuron!.run(context);
    expect(tf.memory().numTensors).toBe(before);
    expect(b.lines[0]).toBe('ReLU(1·x₁ + 0·x₂) on [-1, 1]²: 0 … 1, 0 on 50% of the square');
    expect(b.figures).toHaveLength(4);
    expect(b.data).toMatchObject({ backend: 'cpu', grid: 32 });
    expect((b.data as { maps: unknown[] }).maps[1]).toEqual({
      weights: { w1: 1, w2: 1, b: 0 },
      min: 0,
      max: 2,
      zeroFraction: expect.any(Number),
    });
  });
});
