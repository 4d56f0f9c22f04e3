// Essay 7.1 on cpu (called directly) and wasm (through the quick tour step): loss against net size, and the perceptron against float64 least squares.
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { netSizeExperiment, type NetSizeResult } from './net-size';
import { PRACTICE_TEST_CASES, runPracticeCase } from '../../test/practice-runs';
import { QUICK_NET_SIZE } from './tour-steps';

tf.env().set('PROD', true);

/** The best line through (x, y) in closed form, float64: slope, intercept and mean squared residual. */
function bestLine(x: readonly number[], y: readonly number[]) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const loss = x.reduce((a, xi, i) => a + (slope * xi + intercept - y[i]!) ** 2, 0) / n;
  return { slope, intercept, loss };
}

describe.each(PRACTICE_TEST_CASES)('netSizeExperiment (essay 7.1) on $backend through the $via', (testCase) => {
  let r: NetSizeResult;
  let leaked: number;
  let progress: number[];
  let lines: readonly string[];
  beforeAll(async () => {
    // The tour's quick settings: sizes 1, 4, 32; 300 full-batch steps on 64 points.
    const run = await runPracticeCase(testCase, '7.1', (compute, onProgress) =>
      netSizeExperiment(compute, { ...QUICK_NET_SIZE, onProgress }),
    );
    leaked = run.leaked;
    r = run.result;
    progress = run.progress.map((p) => p.fraction);
    lines = run.lines;
  });

  it('leaves no tensors behind and reports its progress up to 1', () => {
    expect(leaked).toBe(0);
    expect(r.backend).toBe(testCase.backend);
    expect(progress.at(-1)).toBeCloseTo(1, 12);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
  });

  it('trains on sin(2πx) + ½·sin(5πx) at evenly spaced points', () => {
    expect(r.x).toHaveLength(64);
    r.x.forEach((x, i) => {
      expect(x).toBeCloseTo(-1 + (2 * i) / 63, 6);
      expect(r.y[i]).toBeCloseTo(Math.sin(2 * Math.PI * x) + 0.5 * Math.sin(5 * Math.PI * x), 5);
    });
  });

  it('one unit per layer cannot fit (loss > 0.4); 32 units can (loss < 0.03)', () => {
    expect(r.nets.map((n) => n.hidden)).toEqual([1, 4, 32]);
    // Weights of 1 → h → h → 1: (1·h + h) + (h·h + h) + (h + 1).
    expect(r.nets.map((n) => n.parameters)).toEqual([1, 4, 32].map((h) => 2 * h + h * h + h + h + 1));
    const [small, middle, big] = r.nets;
    expect(small!.loss).toBeGreaterThan(0.4);
    expect(middle!.loss).toBeGreaterThan(0.3);
    expect(big!.loss).toBeLessThan(0.03);
    // The loss reported is the mean squared error of the predictions reported.
    for (const n of r.nets) {
      const mse = n.predictions.reduce((a, p, i) => a + (p - r.y[i]!) ** 2, 0) / r.y.length;
      expect(n.loss).toBeCloseTo(mse, 5);
    }
  });

  it('the perceptron fits a line (loss < 1e-6) and on the wiggle reaches only the best line (loss > 0.5)', () => {
    const { linear, wiggly } = r.perceptron;
    expect(linear.weight).toBeCloseTo(0.8, 3);
    expect(linear.bias).toBeCloseTo(-0.3, 3);
    expect(linear.loss).toBeLessThan(1e-6);

    const best = bestLine(r.x, r.y);
    expect(wiggly.bestLineLoss).toBeCloseTo(best.loss, 6);
    expect(wiggly.loss).toBeGreaterThan(0.5);
    // No line does better than least squares; training gets there.
    expect(wiggly.loss).toBeGreaterThanOrEqual(best.loss - 1e-5);
    expect(wiggly.loss - best.loss).toBeLessThan(1e-4);
    expect(wiggly.weight).toBeCloseTo(best.slope, 2);
    expect(wiggly.bias).toBeCloseTo(best.intercept, 2);
  });

  it('draws loss against size and the fits', () => {
    expect(r.figures.map((f) => f.name)).toEqual(['7.1-net-size-loss', '7.1-net-size-fits', '7.1-perceptron']);
    const loss = r.figures[0]!.spec;
    expect(loss.kind === 'line' && [loss.xScale, loss.yScale, loss.series[0]!.x]).toEqual(['log', 'log', [1, 4, 32]]);
  });

  if (testCase.via === 'tour step')
    it('the tour step prints the loss of each size and the perceptron', () => {
      expect(lines).toHaveLength(6);
      expect(lines[1]).toMatch(/^ {2}1 unit {2}per layer \(6 weights\): loss 0\.\d+$/);
      expect(lines[5]).toMatch(
        /^perceptron on sin\(2πx\) \+ ½·sin\(5πx\): loss 0\.5\d+; the best any line can do is 0\.5\d+$/,
      );
    });
});

describe('netSizeExperiment arguments', () => {
  beforeAll(async () => {
    await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  it('refuses bad sizes and settings with EssayError naming the argument', async () => {
    const compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
    const cases: Array<[Parameters<typeof netSizeExperiment>[1], string, string]> = [
      [{ sizes: [] }, 'sizes', 'netSizeExperiment: sizes must list 1 to 12 values, got 0'],
      [{ sizes: [4, 0] }, 'sizes[1]', 'netSizeExperiment: sizes[1] must be an integer from 1 to 256, got 0'],
      [{ hiddenLayers: 4 }, 'hiddenLayers', 'netSizeExperiment: hiddenLayers must be an integer from 1 to 3, got 4'],
      [{ steps: 0.5 }, 'steps', 'netSizeExperiment: steps must be an integer from 1 to 100000, got 0.5'],
      [{ learningRate: -1 }, 'learningRate', 'netSizeExperiment: learningRate must be a finite number > 0, got -1'],
      [{ seed: Number.NaN }, 'seed', 'netSizeExperiment: seed must be a safe integer, got NaN'],
    ];
    const before = tf.memory().numTensors;
    for (const [options, argument, message] of cases) {
      const error = await netSizeExperiment(compute, options).catch((e: unknown) => e);
      expect(EssayError.isInstance(error) && [error.code, error.argument, error.message]).toEqual([
        'INVALID_ARGUMENT',
        argument,
        message,
      ]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops when the signal is aborted, leaking nothing', async () => {
    const compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const run = netSizeExperiment(compute, {
      sizes: [8],
      steps: 1000,
      points: 16,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.fraction > 0.05) controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
  });
});
