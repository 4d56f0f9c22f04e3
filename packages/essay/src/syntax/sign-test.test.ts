// The exact sign test against binomial tails written out by hand and against exact rational
// arithmetic (BigInt binomial coefficients) for larger n.
import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { signTest } from './sign-test';

/** P(X ≥ k) for X ~ Binomial(n, ½), as an exact fraction evaluated at the end. */
function exactUpperTail(n: number, k: number): number {
  let choose = 1n;
  let sum = 0n;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += choose;
    choose = (choose * BigInt(n - i)) / BigInt(i + 1);
  }
  // sum / 2^n, scaled by 10^60 before the integer division so small tails keep their digits.
  return Number((sum * 10n ** 60n) / 2n ** BigInt(n)) / 1e60;
}

describe('signTest', () => {
  it('matches hand-computed binomial tails', () => {
    // 9 of 10: P(X ≥ 9) = (C(10,9) + C(10,10)) / 1024 = 11/1024.
    expect(signTest(9, 10, 'greater').p).toBeCloseTo(11 / 1024, 12);
    expect(signTest(9, 10).p).toBeCloseTo(22 / 1024, 12);
    // 1 of 10 is as extreme as 9 of 10 on the other side.
    expect(signTest(1, 10).p).toBeCloseTo(22 / 1024, 12);
    // 3 of 3: 1/8 one-sided, 1/4 two-sided.
    expect(signTest(3, 3, 'greater').p).toBeCloseTo(1 / 8, 12);
    expect(signTest(3, 3).p).toBeCloseTo(1 / 4, 12);
    // 7 of 12: P(X ≥ 7) = (792 + 495 + 220 + 66 + 12 + 1) / 4096 = 1586/4096.
    expect(signTest(7, 12, 'greater').p).toBeCloseTo(1586 / 4096, 12);
    // Two-sided never exceeds 1: the middle outcome and its neighbours.
    expect(signTest(5, 10).p).toBe(1);
    expect(signTest(6, 11).p).toBe(1);
    expect(signTest(0, 0)).toMatchObject({ p: 1, trials: 0 });
    expect(signTest(12, 13)).toMatchObject({ successes: 12, trials: 13, fraction: 12 / 13, alternative: 'two-sided' });
  });

  it('matches exact rational arithmetic for larger n', () => {
    for (const [k, n] of [
      [60, 100],
      [70, 100],
      [520, 1000],
      [1100, 2000],
      [1700, 3000],
    ] as const) {
      const tail = exactUpperTail(n, k);
      expect(signTest(k, n, 'greater').p / tail).toBeCloseTo(1, 9);
      expect(signTest(k, n).p / Math.min(1, 2 * tail)).toBeCloseTo(1, 9);
      expect(signTest(n - k, n).p / Math.min(1, 2 * tail)).toBeCloseTo(1, 9);
    }
  });

  it('refuses impossible counts and unknown alternatives, naming the argument', () => {
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      throw new Error('did not throw');
    };
    for (const [f, argument] of [
      [() => signTest(11, 10), 'successes'],
      [() => signTest(-1, 10), 'successes'],
      [() => signTest(1.5, 10), 'successes'],
      [() => signTest(1, -2), 'trials'],
      [() => signTest(1, 2, 'less' as 'greater'), 'alternative'],
    ] as const) {
      const e = thrown(f);
      expect(EssayError.isInstance(e) && e.code === 'INVALID_ARGUMENT' && e.argument === argument).toBe(true);
    }
  });
});
