// The training tour steps: items 6.1–6.4, and 6.2's quick step on wasm (the backend CI's tour uses).
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import { TOUR_STEPS, type TourProgress } from '../tour';
import { TRAINING_STEPS } from './tour-steps';

tf.env().set('PROD', true);

describe('TRAINING_STEPS', () => {
  it('implements essay items 6.1–6.4, all in the tour', () => {
    expect(TRAINING_STEPS.map((s) => s.item)).toEqual(['6.1', '6.2', '6.3', '6.4']);
    for (const step of TRAINING_STEPS) expect(TOUR_STEPS).toContain(step);
  });

  it('6.2 in quick mode on wasm: the learning curve, with the live loss as progress', async () => {
    const compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
    const progress: TourProgress[] = [];
    const before = tf.memory().numTensors;
    const out = await TRAINING_STEPS[1]!.run({
      compute,
      quick: true,
      data: {} as EssayData,
      onProgress: (p) => progress.push(p),
    });
    expect(tf.memory().numTensors).toBe(before);
    const data = out.data as { losses: number[]; initialLoss: number; finalLoss: number };
    expect(data.losses).toHaveLength(600);
    expect(data.finalLoss).toBeLessThan(0.002);
    expect(data.initialLoss / data.finalLoss).toBeGreaterThan(100);
    expect(out.lines[0]).toMatch(
      /^L2 loss on all 512 examples: [\d.]+ before training, [\d.e-]+ after 600 steps \([\d.]+× lower\)$/,
    );
    expect(out.figures?.map((f) => f.name)).toEqual(['6.2-learning-curve']);
    const spec = out.figures![0]!.spec;
    expect(spec.kind === 'line' && spec.yScale).toBe('log');
    expect(progress.every((p) => p.item === '6.2')).toBe(true);
    expect(progress.at(-1)).toMatchObject({
      fraction: 1,
      message: expect.stringMatching(/^step 600\/600, loss [\d.e-]+$/) as unknown,
    });
  });
});
