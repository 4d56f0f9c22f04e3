import { describe, expect, it } from 'vitest';
import { constantSchedule, cosineSchedule, linearWarmup, stepSchedule } from './schedules';
import { code } from './testing/errors';

describe('learning-rate schedules (rates, from 0-based step counts)', () => {
  it('constant and step', () => {
    expect(constantSchedule()(123, 0.3)).toBe(0.3);
    const s = stepSchedule({ stepSize: 10, gamma: 0.5 });
    expect([0, 9, 10, 19, 20, 35].map((t) => s(t, 1))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('linear warmup reaches the base rate after warmupSteps, then hands over', () => {
    const s = linearWarmup({ warmupSteps: 4, then: stepSchedule({ stepSize: 2, gamma: 0.1 }) });
    expect([0, 1, 2, 3].map((t) => s(t, 2))).toEqual([0.5, 1, 1.5, 2]);
    expect(s(4, 2)).toBe(2);
    expect(s(6, 2)).toBeCloseTo(0.2, 12);
  });

  it('cosine: warmup, half a cosine to the minimum, then the minimum (nanoGPT get_lr)', () => {
    const s = cosineSchedule({ warmupSteps: 10, totalSteps: 110, minLearningRate: 0.1 });
    expect(s(0, 1)).toBeCloseTo(0.1, 12);
    expect(s(9, 1)).toBeCloseTo(1, 12);
    expect(s(10, 1)).toBeCloseTo(1, 12);
    expect(s(60, 1)).toBeCloseTo(0.1 + 0.5 * 0.9, 12); // halfway: cos(π/2) = 0
    expect(s(35, 1)).toBeCloseTo(0.1 + 0.5 * (1 + Math.cos(Math.PI / 4)) * 0.9, 12);
    expect(s(110, 1)).toBe(0.1);
    expect(s(500, 1)).toBe(0.1);
  });

  it('refuses bad settings', () => {
    expect(code(() => stepSchedule({ stepSize: 0 }))).toEqual(['INVALID_ARGUMENT', 'stepSize']);
    expect(code(() => stepSchedule({ stepSize: 3, gamma: 0 }))).toEqual(['INVALID_ARGUMENT', 'gamma']);
    expect(code(() => cosineSchedule({ warmupSteps: 5, totalSteps: 4 }))).toEqual(['INVALID_ARGUMENT', 'warmupSteps']);
    expect(code(() => linearWarmup({ warmupSteps: -1 }))).toEqual(['INVALID_ARGUMENT', 'warmupSteps']);
  });
});
