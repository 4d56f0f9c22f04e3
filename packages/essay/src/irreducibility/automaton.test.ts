// Elementary cellular automata against rows worked out by hand, rule 30's centre column (OEIS
// A051023), Wolfram's bit formula for rule 30, and Pascal's triangle mod 2 for rule 90.
import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { MAX_AUTOMATON_CELLS, centreColumn, ruleTable, runAutomaton, stepRow } from './automaton';

/** Row `t` of a single-cell run, trimmed to the `2t + 1` cells the pattern can reach. */
function reach(rows: readonly Uint8Array[], t: number): string {
  const middle = Math.floor(rows[0]!.length / 2);
  return Array.from(rows[t]!.subarray(middle - t, middle + t + 1)).join('');
}

/**
 * Rule 30 on an unbounded line from one cell, independently of our code: with bit i of a BigInt
 * for cell i, rule 30's `new = left XOR (centre OR right)` is `(x << 1) ^ (x | (x >> 1))`.
 */
function rule30Rows(steps: number): bigint[] {
  let x = 1n << BigInt(steps + 1);
  const rows = [x];
  for (let t = 0; t < steps; t++) {
    x = (x << 1n) ^ (x | (x >> 1n));
    rows.push(x);
  }
  return rows;
}

describe('ruleTable', () => {
  it("reads Wolfram's rule number bit by bit: rule 30 = 00011110", () => {
    // By hand: 111→0, 110→0, 101→0, 100→1, 011→1, 010→1, 001→1, 000→0, index 4l + 2c + r.
    expect(Array.from(ruleTable(30))).toEqual([0, 1, 1, 1, 1, 0, 0, 0]);
    // Rule 90 = 01011010: new = left XOR right.
    expect(Array.from(ruleTable(90))).toEqual([0, 1, 0, 1, 1, 0, 1, 0]);
    expect(Array.from(ruleTable(0))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(ruleTable(255))).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe('runAutomaton', () => {
  it('rule 30 from one cell: the first rows as worked out by hand', () => {
    const run = runAutomaton({ rule: 30, steps: 6 });
    expect(run.width).toBe(13);
    expect(run.rows).toHaveLength(7);
    expect([0, 1, 2, 3, 4, 5, 6].map((t) => reach(run.rows, t))).toEqual([
      '1',
      '111',
      '11001',
      '1101111',
      '110010001',
      '11011110111',
      '1100100001001',
    ]);
    // The default width leaves every cell outside the light cone white.
    run.rows.forEach((row, t) => {
      expect(row.slice(0, 6 - t).every((c) => c === 0)).toBe(true);
      expect(row.slice(6 + t + 1).every((c) => c === 0)).toBe(true);
    });
  });

  it("rule 30's centre column starts 1,1,0,1,1,1,0,0,1,1,0,0,0,1,0,1,1,0,0,1 (OEIS A051023)", () => {
    const run = runAutomaton({ steps: 19 });
    expect(centreColumn(run)).toEqual([1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1]);
  });

  it("rule 30 for 200 steps matches Wolfram's bit formula on every cell", () => {
    const steps = 200;
    const run = runAutomaton({ steps });
    const reference = rule30Rows(steps);
    run.rows.forEach((row, t) => {
      // `x << 1` puts each cell's left neighbour under it, so cell i is bit i + 1 of the reference
      // (the start bit steps + 1 is the middle cell, index steps).
      const cells = Array.from({ length: run.width }, (_, i) => Number((reference[t]! >> BigInt(i + 1)) & 1n));
      expect(Array.from(row)).toEqual(cells);
    });
  });

  it('rule 90 from one cell draws the Sierpinski triangle (Pascal’s triangle mod 2)', () => {
    const run = runAutomaton({ rule: 90, steps: 64 });
    expect([0, 1, 2, 3, 4].map((t) => reach(run.rows, t))).toEqual(['1', '101', '10001', '1010101', '100000001']);
    const middle = 64;
    run.rows.forEach((row, t) => {
      for (let i = 0; i < run.width; i++) {
        const j = i - middle;
        // Cell j of row t is C(t, (t + j) / 2) mod 2, which is 1 exactly when a & (t − a) = 0 (Lucas).
        const a = (t + j) / 2;
        const expected = Math.abs(j) <= t && Number.isInteger(a) && (a & (t - a)) === 0 ? 1 : 0;
        expect(row[i], `row ${t}, cell ${i}`).toBe(expected);
      }
    });
    // Row 2^n − 1 is all black within reach, row 2^n has only its two ends.
    expect(reach(run.rows, 31)).toBe('10'.repeat(31) + '1');
    expect(reach(run.rows, 32)).toBe('1' + '0'.repeat(63) + '1');
  });

  it('simple rules: 0 clears, 255 fills, 204 keeps, 170 shifts left, 240 shifts right', () => {
    const start = [0, 1, 1, 0, 1, 0, 0, 0];
    expect(Array.from(runAutomaton({ rule: 0, steps: 1, start }).rows[1]!)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(runAutomaton({ rule: 255, steps: 1, start }).rows[1]!)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(runAutomaton({ rule: 204, steps: 3, start }).rows[3]!)).toEqual(start);
    // 170 = 10101010: new = right, so the pattern moves one cell left per step.
    expect(Array.from(runAutomaton({ rule: 170, steps: 1, start }).rows[1]!)).toEqual([1, 1, 0, 1, 0, 0, 0, 0]);
    // 240 = 11110000: new = left, one cell right per step.
    expect(Array.from(runAutomaton({ rule: 240, steps: 1, start }).rows[1]!)).toEqual([0, 0, 1, 1, 0, 1, 0, 0]);
  });

  it('the boundary: white cells fall off a zero border, a periodic row wraps around', () => {
    const start = [1, 0, 0, 1, 0];
    const zero = runAutomaton({ rule: 170, steps: 5, start });
    expect(zero.boundary).toBe('zero');
    expect(Array.from(zero.rows[1]!)).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(zero.rows[5]!)).toEqual([0, 0, 0, 0, 0]);
    const periodic = runAutomaton({ rule: 170, steps: 5, start, boundary: 'periodic' });
    expect(Array.from(periodic.rows[1]!)).toEqual([0, 0, 1, 0, 1]);
    expect(Array.from(periodic.rows[5]!)).toEqual(start);
    // Rule 30 on a periodic row: the first and last cells are neighbours.
    const row = Uint8Array.from([1, 0, 0, 0]);
    // Cell 0: left = cell 3 (0), centre 1, right 0 → 010 → 1; cell 3: left 0, centre 0, right = cell 0 (1) → 001 → 1.
    expect(Array.from(stepRow(row, ruleTable(30), 'periodic'))).toEqual([1, 1, 0, 1]);
    expect(Array.from(stepRow(row, ruleTable(30), 'zero'))).toEqual([1, 1, 0, 0]);
  });

  it('random starts are seeded: the same seed gives the same row, about half the cells black', () => {
    const a = runAutomaton({ start: 'random', width: 4000, steps: 0, seed: 7 }).rows[0]!;
    const b = runAutomaton({ start: 'random', width: 4000, steps: 0, seed: 7 }).rows[0]!;
    const c = runAutomaton({ start: 'random', width: 4000, steps: 0, seed: 8 }).rows[0]!;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const black = a.reduce((s, v) => s + v, 0);
    expect(Math.abs(black - 2000)).toBeLessThan(150); // 4.7 standard deviations
    const sparse = runAutomaton({ start: 'random', width: 4000, steps: 0, density: 0.1 }).rows[0]!;
    expect(Math.abs(sparse.reduce((s, v) => s + v, 0) - 400)).toBeLessThan(100);
    expect(runAutomaton({ start: 'random', steps: 3 }).width).toBe(64);
  });

  it('refuses bad settings with EssayError naming the argument', () => {
    const cases: Array<[Parameters<typeof runAutomaton>[0], string, string]> = [
      [{ rule: 256 }, 'rule', 'runAutomaton: rule must be an integer from 0 to 255, got 256'],
      [{ rule: -1 }, 'rule', 'runAutomaton: rule must be an integer from 0 to 255, got -1'],
      [{ rule: 30.5 }, 'rule', 'runAutomaton: rule must be an integer from 0 to 255, got 30.5'],
      [{ steps: -1 }, 'steps', 'runAutomaton: steps must be an integer from 0 to 100000, got -1'],
      [{ width: 0 }, 'width', 'runAutomaton: width must be an integer from 1 to 100000, got 0'],
      [{ start: [0, 2, 1] }, 'start[1]', 'runAutomaton: start[1] must be 0 or 1, got 2'],
      [{ start: [0, 1, 1], width: 4 }, 'start', 'runAutomaton: start has 3 cells but width is 4'],
      [{ boundary: 'wrap' as 'zero' }, 'boundary', 'runAutomaton: boundary must be "zero" or "periodic", got wrap'],
      [
        { start: 'middle' as 'single' },
        'start',
        'runAutomaton: start must be "single", "random" or an array of 0s and 1s, got middle',
      ],
      [{ start: 'random', density: 1.5 }, 'density', 'runAutomaton: density must be a number from 0 to 1, got 1.5'],
      [{ start: 'random', seed: 0.5 }, 'seed', 'runAutomaton: seed must be a safe integer, got 0.5'],
      [
        { width: 100_000, steps: 1000 },
        'steps',
        `runAutomaton: width × (steps + 1) = 100100000 cells is more than ${MAX_AUTOMATON_CELLS}`,
      ],
    ];
    for (const [options, argument, message] of cases) {
      let error: unknown;
      try {
        runAutomaton(options);
      } catch (e) {
        error = e;
      }
      expect(EssayError.isInstance(error), message).toBe(true);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument, message });
    }
    expect(() => ruleTable(-3)).toThrow('ruleTable: rule must be an integer from 0 to 255, got -3');
  });
});
