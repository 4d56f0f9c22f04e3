// The light-cone examples of essay 13.1, checked by brute force: every label is what the rule
// gives when run on exactly that example's 2k + 1 cells.
import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { lightConeData } from './light-cone';

/**
 * The cell k steps below the middle of `cells` (2k + 1 of them), by applying the rule number's
 * bits by hand, shrinking the window one cell at each end per step: nothing outside is used.
 */
function coneCell(cells: readonly number[], rule: number): number {
  let row = cells;
  while (row.length > 1) row = row.slice(1, -1).map((c, i) => (rule >> ((row[i]! << 2) | (c << 1) | row[i + 2]!)) & 1);
  return row[0]!;
}

describe('lightConeData', () => {
  it.each([
    [30, 1],
    [30, 2],
    [30, 5],
    [30, 8],
    [30, 16],
    [110, 3],
    [90, 4],
  ])('rule %i, %i steps ahead: each label is the rule run on exactly its 2k + 1 cells', (rule, k) => {
    const data = lightConeData({ rule, stepsAhead: k, rows: 6, width: 40, seed: 3 });
    expect(data.window).toBe(2 * k + 1);
    expect(data.count).toBe(240);
    expect(data.inputs).toHaveLength(240 * (2 * k + 1));
    for (let e = 0; e < data.count; e++) {
      const cells = Array.from(data.inputs.subarray(e * data.window, (e + 1) * data.window));
      expect(data.labels[e], `example ${e}`).toBe(coneCell(cells, rule));
    }
  });

  it("one step ahead the examples are rule 30's table, and every 3-cell pattern occurs", () => {
    const data = lightConeData({ stepsAhead: 1, rows: 4, width: 64 });
    const seen = new Map<number, number>();
    for (let e = 0; e < data.count; e++) {
      const [l, c, r] = data.inputs.subarray(3 * e, 3 * e + 3) as unknown as [number, number, number];
      seen.set(4 * l + 2 * c + r, data.labels[e]!);
    }
    // Rule 30 by hand: 000→0 001→1 010→1 011→1 100→1 101→0 110→0 111→0.
    expect([...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v)).toEqual([0, 1, 1, 1, 1, 0, 0, 0]);
  });

  it('rule 30 flips its label with the leftmost cell of the window: labels are exactly half black', () => {
    // new = left XOR (centre OR right), so by induction the cell k steps down is
    // x[i−k] XOR g(x[i−k+1 … i+k]): flipping the leftmost input always flips it. Over all 2^(2k+1)
    // windows exactly half the labels are black, so guessing one colour is right half the time.
    for (let k = 1; k <= 5; k++) {
      let black = 0;
      for (let p = 0; p < 2 ** (2 * k + 1); p++) {
        const cells = Array.from({ length: 2 * k + 1 }, (_, j) => (p >> j) & 1);
        const label = coneCell(cells, 30);
        black += label;
        expect(coneCell([1 - cells[0]!, ...cells.slice(1)], 30)).toBe(1 - label);
      }
      expect(black).toBe(2 ** (2 * k));
    }
  });

  it('the windows of one row are its cells, shifted one at a time and wrapping around', () => {
    const k = 3;
    const width = 20;
    const data = lightConeData({ stepsAhead: k, rows: 2, width, seed: 9 });
    const w = data.window;
    for (let r = 0; r < 2; r++) {
      // The row itself: the middle cell of each window.
      const row = Array.from({ length: width }, (_, i) => data.inputs[(r * width + i) * w + k]!);
      for (let i = 0; i < width; i++) {
        const window = Array.from(data.inputs.subarray((r * width + i) * w, (r * width + i + 1) * w));
        expect(window).toEqual(Array.from({ length: w }, (_, j) => row[(i - k + j + width) % width]));
      }
    }
  });

  it('rows are random and seeded: the same seed repeats them, another seed does not', () => {
    const a = lightConeData({ stepsAhead: 2, rows: 50, seed: 4 });
    const b = lightConeData({ stepsAhead: 2, rows: 50, seed: 4 });
    const c = lightConeData({ stepsAhead: 2, rows: 50, seed: 5 });
    expect(Array.from(a.inputs)).toEqual(Array.from(b.inputs));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.inputs)).not.toEqual(Array.from(c.inputs));
    // Cells black with chance ½: 3,200 rows' cells (each counted 5 times), rule 30's labels as well.
    const black = a.inputs.reduce((s, v) => s + v, 0) / a.inputs.length;
    expect(Math.abs(black - 0.5)).toBeLessThan(0.04);
    expect(Math.abs(a.labels.reduce((s, v) => s + v, 0) / a.count - 0.5)).toBeLessThan(0.04);
  });

  it('refuses bad settings with EssayError naming the argument', () => {
    const cases: Array<[Parameters<typeof lightConeData>[0], string, string]> = [
      [{ stepsAhead: 0 }, 'stepsAhead', 'lightConeData: stepsAhead must be an integer from 1 to 32, got 0'],
      [{ stepsAhead: 4, width: 8 }, 'width', 'lightConeData: width must be an integer from 9 to 4096, got 8'],
      [{ stepsAhead: 1, rule: 300 }, 'rule', 'lightConeData: rule must be an integer from 0 to 255, got 300'],
      [{ stepsAhead: 1, rows: 0 }, 'rows', 'lightConeData: rows must be an integer from 1 to 100000, got 0'],
      [{ stepsAhead: 1, seed: Number.NaN }, 'seed', 'lightConeData: seed must be a safe integer, got NaN'],
    ];
    for (const [options, argument, message] of cases) {
      let error: unknown;
      try {
        lightConeData(options);
      } catch (e) {
        error = e;
      }
      expect(EssayError.isInstance(error), message).toBe(true);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument, message });
    }
  });
});
