// Essay 7.2 on cpu (called directly) and wasm (through the quick tour step): epochs, batch size, L2 against L1 (checked against float64 least squares
// and least absolute deviations found by search), and augmentation by mirror images.
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { practiceExperiment, type PracticeResult } from './practice';
import { PRACTICE_TEST_CASES, runPracticeCase } from '../../test/practice-runs';
import { QUICK_PRACTICE } from './tour-steps';

tf.env().set('PROD', true);

/** Least squares line in closed form, float64. */
function leastSquares(x: readonly number[], y: readonly number[]) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  const slope = x.reduce((a, xi, i) => a + (xi - mx) * (y[i]! - my), 0) / x.reduce((a, xi) => a + (xi - mx) ** 2, 0);
  return { slope, intercept: my - slope * mx };
}

/** Mean absolute deviation of a line from the points. */
const meanAbs = (x: readonly number[], y: readonly number[], slope: number, intercept: number) =>
  x.reduce((a, xi, i) => a + Math.abs(slope * xi + intercept - y[i]!), 0) / x.length;

/** The least-absolute-deviations line: an optimum passes through two of the points, so try every pair. */
function leastAbsolute(x: readonly number[], y: readonly number[]) {
  let best = { slope: 0, intercept: 0, loss: Infinity };
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const slope = (y[j]! - y[i]!) / (x[j]! - x[i]!);
      const intercept = y[i]! - slope * x[i]!;
      const loss = meanAbs(x, y, slope, intercept);
      if (loss < best.loss) best = { slope, intercept, loss };
    }
  }
  return best;
}

describe.each(PRACTICE_TEST_CASES)('practiceExperiment (essay 7.2) on $backend through the $via', (testCase) => {
  let r: PracticeResult;
  let leaked: number;
  let messages: string[];
  let lines: readonly string[];
  beforeAll(async () => {
    const run = await runPracticeCase(testCase, '7.2', (compute, onProgress) =>
      practiceExperiment(compute, { ...QUICK_PRACTICE, onProgress }),
    );
    leaked = run.leaked;
    r = run.result;
    messages = run.progress.map((p) => p.message);
    lines = run.lines;
  });

  it('runs the four parts, leaving no tensors behind', () => {
    expect(leaked).toBe(0);
    expect(r.backend).toBe(testCase.backend);
    expect(r.figures.map((f) => f.name)).toEqual([
      '7.2-epochs',
      '7.2-batch-size',
      '7.2-loss-choice',
      '7.2-augmentation',
    ]);
    expect(messages.some((m) => /^batch size: batch 1: loss \d/.test(m))).toBe(true);
  });

  it('epochs: the loss falls from > 0.35 after 1 pass to < 0.2 after 20', () => {
    const runs = r.epochs!.runs;
    expect(runs.map((e) => [e.epochs, e.steps])).toEqual([
      [1, 8],
      [5, 40],
      [20, 160],
    ]);
    expect(runs[0]!.loss).toBeGreaterThan(0.35);
    expect(runs[1]!.loss).toBeLessThan(runs[0]!.loss);
    expect(runs[2]!.loss).toBeLessThan(0.2);
    for (const e of runs) {
      const mse = e.predictions.reduce((a, p, i) => a + (p - Math.sin(2 * Math.PI * r.epochs!.x[i]!)) ** 2, 0) / 32;
      expect(e.loss).toBeCloseTo(mse, 5);
    }
  });

  it('batch size: for the same 256 examples, batch 1 ends lowest and batch 64 highest', () => {
    const runs = r.batch!.runs;
    expect(runs.map((b) => [b.batchSize, b.steps])).toEqual([
      [1, 256],
      [8, 32],
      [64, 4],
    ]);
    for (const b of runs) {
      expect(b.examples).toEqual([0, 64, 128, 192, 256]);
      // The same starting weights: the same loss before training.
      expect(b.loss[0]).toBeCloseTo(runs[0]!.loss[0]!, 6);
    }
    const last = runs.map((b) => b.loss.at(-1)!);
    expect(last[0]).toBeLessThan(0.3);
    expect(last[0]).toBeLessThan(last[1]!);
    expect(last[1]).toBeLessThan(last[2]!);
    expect(last[2]).toBeGreaterThan(0.4);
  });

  it('L2 against L1: the L2 line is the least-squares line, pulled up; the L1 line follows the bulk', () => {
    const { x, y, outlier, l2, l1 } = r.loss!;
    expect(outlier.filter(Boolean)).toHaveLength(4);
    x.forEach((xi, i) => {
      const offset = y[i]! - (0.6 * xi + 0.2);
      if (outlier[i]) expect(offset).toBeGreaterThan(2.89);
      else expect(Math.abs(offset)).toBeLessThanOrEqual(0.1 + 1e-6);
    });
    const ls = leastSquares(x, y);
    expect(l2.slope).toBeCloseTo(ls.slope, 3);
    expect(l2.intercept).toBeCloseTo(ls.intercept, 3);
    const lad = leastAbsolute(x, y);
    expect(meanAbs(x, y, l1.slope, l1.intercept)).toBeLessThan(lad.loss + 2e-3);
    expect(Math.abs(l1.slope - 0.6)).toBeLessThan(0.1);
    // On the clean points the L1 fit is several times closer.
    const clean = (f: { slope: number; intercept: number }) => {
      const errors = x.flatMap((xi, i) => (outlier[i] ? [] : [(f.slope * xi + f.intercept - y[i]!) ** 2]));
      return Math.sqrt(errors.reduce((a, b) => a + b, 0) / errors.length);
    };
    expect(l2.cleanRmsError).toBeCloseTo(clean(l2), 5);
    expect(l1.cleanRmsError).toBeCloseTo(clean(l1), 5);
    expect(l1.cleanRmsError).toBeLessThan(0.1);
    expect(l2.cleanRmsError).toBeGreaterThan(0.3);
  });

  it('augmentation: mirror images bring the held-out loss from > 0.2 to < 0.02', () => {
    const { train, heldOut, plain, augmented } = r.augment!;
    expect(train.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(heldOut.x[0]).toBe(-1);
    expect(heldOut.x.at(-1)).toBe(1);
    for (const row of [plain, augmented]) {
      const mse =
        row.predictions.reduce((a, p, i) => a + (p - Math.cos(Math.PI * heldOut.x[i]!)) ** 2, 0) / heldOut.x.length;
      expect(row.heldOutLoss).toBeCloseTo(mse, 5);
      expect(row.trainLoss).toBeLessThan(0.02);
    }
    expect(plain.heldOutLoss).toBeGreaterThan(0.2);
    expect(augmented.heldOutLoss).toBeLessThan(0.02);
  });

  if (testCase.via === 'tour step')
    it('the tour step prints one line per part', () => {
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(/^epochs \(32 points of sin\(2πx\), batch 4\): 1 → loss 0\.\d+, 5 → loss/);
      expect(lines[3]).toMatch(/^augmentation \(12 points of cos\(πx\) on \[0, 1\]\): held-out loss/);
    });
});

describe('practiceExperiment arguments', () => {
  let compute: ComputeContext;
  beforeAll(async () => {
    compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  it('runs only the parts asked for, in essay order', async () => {
    const r = await practiceExperiment(compute, {
      only: ['loss', 'epochs'],
      epochs: { epochs: [1], points: 8 },
      loss: { points: 8, outliers: 1, steps: 5 },
    });
    expect(Object.keys(r).sort()).toEqual(['backend', 'epochs', 'figures', 'loss']);
    expect(r.figures.map((f) => f.name)).toEqual(['7.2-epochs', '7.2-loss-choice']);
  });

  it('refuses unknown parts and bad settings with EssayError', async () => {
    const cases: Array<[Parameters<typeof practiceExperiment>[1], string, string]> = [
      [{ only: [] }, 'only', 'practiceExperiment: only must list at least one part'],
      [{ only: ['size' as 'loss'] }, 'only', 'practiceExperiment: only holds "size", not a part of 7.2'],
      [
        { only: ['batch'], batch: { points: 8, batchSizes: [16] } },
        'batchSizes[0]',
        'batchSizeExperiment: batchSizes[0] is 16, more than the 8 points',
      ],
      [
        { only: ['loss'], loss: { points: 8, outliers: 3 } },
        'outliers',
        'lossChoiceExperiment: outliers must be an integer from 0 to 2, got 3',
      ],
      [
        { only: ['augment'], augment: { trainPoints: 1 } },
        'trainPoints',
        'augmentationExperiment: trainPoints must be an integer from 2 to 256, got 1',
      ],
    ];
    const before = tf.memory().numTensors;
    for (const [options, argument, message] of cases) {
      const error = await practiceExperiment(compute, options).catch((e: unknown) => e);
      expect(EssayError.isInstance(error) && [error.code, error.argument, error.message]).toEqual([
        'INVALID_ARGUMENT',
        argument,
        message,
      ]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
