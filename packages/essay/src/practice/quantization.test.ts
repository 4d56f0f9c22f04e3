// Essay 7.3 on cpu (called directly) and wasm (through the quick tour step): the loss of a trained net at float32, 8 and 4 bits, and the model's
// bytes counted here from its shapes.
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { quantizationExperiment, type QuantizationResult } from './quantization';
import { PRACTICE_TEST_CASES, runPracticeCase } from '../../test/practice-runs';
import { QUICK_QUANTIZATION } from './tour-steps';

tf.env().set('PROD', true);

describe.each(PRACTICE_TEST_CASES)('quantizationExperiment (essay 7.3) on $backend through the $via', (testCase) => {
  let r: QuantizationResult;
  let leaked: number;
  let lines: readonly string[];
  beforeAll(async () => {
    // The tour's quick settings: a 1 → 32 → 32 → 1 ReLU net, 300 full-batch steps on 64 points.
    const run = await runPracticeCase(testCase, '7.3', (compute, onProgress) =>
      quantizationExperiment(compute, { ...QUICK_QUANTIZATION, onProgress }),
    );
    leaked = run.leaked;
    r = run.result;
    lines = run.lines;
  });

  it('leaves no tensors behind', () => {
    expect(leaked).toBe(0);
    expect(r.backend).toBe(testCase.backend);
  });

  it('8 bits keep the loss within 0.002 of float32; 4 bits lose far more', () => {
    const [f32, q8, q4] = r.rows;
    expect(r.rows.map((row) => [row.precision, row.bits])).toEqual([
      ['float32', 32],
      ['8-bit', 8],
      ['4-bit', 4],
    ]);
    expect(f32!.loss).toBeLessThan(0.03);
    expect(Math.abs(q8!.loss - f32!.loss)).toBeLessThan(0.002);
    expect(q4!.loss - f32!.loss).toBeGreaterThan(20 * Math.abs(q8!.loss - f32!.loss));
    expect(q4!.loss).toBeGreaterThan(0.05);
    // Computing with quantised layers and with the rounded float weights agree.
    for (const row of r.rows) expect(row.roundTripLoss).toBeCloseTo(row.loss, 5);
    // Each loss is the mean squared error of the predictions reported.
    for (const row of r.rows) {
      const mse = row.predictions.reduce((a, p, i) => a + (p - r.y[i]!) ** 2, 0) / r.y.length;
      expect(row.loss).toBeCloseTo(mse, 5);
    }
  });

  it('rounds the weights by < 2% of their RMS at 8 bits and 10–25× that at 4 (the step is 127/7 ≈ 18× larger)', () => {
    const [, q8, q4] = r.rows;
    // Relative RMS error of uniform rounding is about step/√12 over RMS(w): small at 8 bits, ~16× at 4.
    expect(q8!.relativeRmsError).toBeGreaterThan(0);
    expect(q8!.relativeRmsError).toBeLessThan(0.02);
    expect(q4!.relativeRmsError / q8!.relativeRmsError).toBeGreaterThan(10);
    expect(q4!.relativeRmsError / q8!.relativeRmsError).toBeLessThan(25);
    expect(q4!.maxWeightError).toBeGreaterThan(q8!.maxWeightError);
  });

  it('counts the bytes: float32 4 per weight; quantised codes plus a float32 scale per output unit, biases float32', () => {
    const h = 32;
    const matrices: Array<[number, number]> = [
      [1, h],
      [h, h],
      [h, 1],
    ];
    const biases = h + h + 1;
    const weights = matrices.reduce((a, [i, o]) => a + i * o, 0);
    expect(r.parameters).toBe(weights + biases);
    const scaleBytes = 4 * matrices.reduce((a, [, o]) => a + o, 0);
    const codes8 = weights;
    const codes4 = matrices.reduce((a, [i, o]) => a + Math.ceil((i * o) / 2), 0);
    expect(r.rows.map((row) => row.bytes)).toEqual([
      4 * (weights + biases),
      codes8 + scaleBytes + 4 * biases,
      codes4 + scaleBytes + 4 * biases,
    ]);
  });

  it('draws the loss per precision and the fits', () => {
    expect(r.figures.map((f) => f.name)).toEqual(['7.3-quantized-loss', '7.3-quantized-fits']);
  });

  if (testCase.via === 'tour step')
    it('the tour step prints loss and bytes per precision', () => {
      expect(lines).toHaveLength(4);
      expect(lines[2]).toMatch(/^8-bit {2}: loss 0\.0\d+, 1608 bytes, weights off by up to /);
    });
});

describe('quantizationExperiment arguments', () => {
  let compute: ComputeContext;
  beforeAll(async () => {
    compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  it('refuses bad settings with EssayError naming the argument', async () => {
    const before = tf.memory().numTensors;
    for (const [options, argument] of [
      [{ hidden: 0 }, 'hidden'],
      [{ hiddenLayers: 0 }, 'hiddenLayers'],
      [{ points: 4 }, 'points'],
      [{ steps: 0 }, 'steps'],
    ] as const) {
      const error = await quantizationExperiment(compute, options).catch((e: unknown) => e);
      expect(EssayError.isInstance(error) && [error.code, error.argument]).toEqual(['INVALID_ARGUMENT', argument]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
