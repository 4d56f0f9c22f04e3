import { describe, expect, it } from 'vitest';
import { logAxis, powerOfTenLabel } from './log-axis';

describe('logAxis', () => {
  it('widens the domain to whole decades and ticks every power of ten', () => {
    expect(logAxis(3, 4500, false)).toEqual({ domain: [1, 10_000], values: [1, 10, 100, 1000, 10_000], format: ',~g' });
    expect(logAxis(0.002, 0.3, false).values).toEqual([0.001, 0.01, 0.1, 1]);
  });

  it('keeps a fixed domain and ticks the powers inside it', () => {
    expect(logAxis(2, 2000, true)).toMatchObject({ domain: [2, 2000], values: [10, 100, 1000] });
  });

  it('widens a single value to a decade each side', () => {
    expect(logAxis(10, 10, false).domain).toEqual([1, 100]);
  });

  it('labels far powers with superscripts and thins out many decades', () => {
    const axis = logAxis(1e-14, 1, false);
    expect(axis.values).toEqual([1e-14, 1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1]);
    expect(axis.labelExpr).toContain('"10⁻¹²"');
    expect(logAxis(1e-12, 1, false).values).toHaveLength(13);
    expect(powerOfTenLabel(-7)).toBe('10⁻⁷');
    expect(powerOfTenLabel(12)).toBe('10¹²');
    expect(powerOfTenLabel(0)).toBe('1');
  });
});
