/**
 * The light cone of a cell: after `k` steps a cell's colour depends on exactly the `2k + 1` cells
 * around it `k` steps earlier. These are the examples the net of essay 13.1 learns from: that
 * window in, the cell `k` steps later out.
 */
import { mulberry32 } from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';
import { integerIn } from '../models/checks';
import { runAutomaton } from './automaton';

/** Options of {@link lightConeData}, with their defaults. */
export interface LightConeDataOptions {
  /** Wolfram's rule number, 0 to 255. Default 30. */
  readonly rule?: number;
  /** Steps ahead `k`, 1 to 32: the input is the `2k + 1` cells around the cell. */
  readonly stepsAhead: number;
  /** Random rows, 1 to 100000; every cell of every row gives one example. Default 64. */
  readonly rows?: number;
  /** Cells per row, `2k + 1` to 4096 (wider, so no cell's window overlaps itself). Default 64. */
  readonly width?: number;
  /** Seeds the rows (row `r` is drawn from seed `seed · 100003 + r`). Default 1. */
  readonly seed?: number;
}

/** Examples of {@link lightConeData}: `count` windows of `window` cells and the cell `stepsAhead` later. */
export interface LightConeData {
  readonly rule: number;
  readonly stepsAhead: number;
  /** `2 · stepsAhead + 1`. */
  readonly window: number;
  /** Rows × width. */
  readonly count: number;
  /** `[count, window]` row-major, 0 or 1: example `i`'s cells from left to right at time t. */
  readonly inputs: Uint8Array;
  /** `[count]`, 0 or 1: the middle cell of the window at time t + stepsAhead. */
  readonly labels: Uint8Array;
}

/**
 * Makes light-cone examples: draws `rows` random rows (each cell black with chance ½), runs the
 * automaton `stepsAhead` steps on each with a periodic boundary, and for every cell `i` takes the
 * cells `i − k … i + k` of the first row (wrapping around) as the input and cell `i` of the last row
 * as the label. With a periodic boundary and `width ≥ 2k + 1` the label depends on exactly those
 * cells. Throws `INVALID_ARGUMENT` naming the argument for out-of-range settings.
 */
export function lightConeData(options: LightConeDataOptions): LightConeData {
  const op = 'lightConeData';
  const rule = integerIn(op, 'rule', options.rule ?? 30, 0, 255);
  const k = integerIn(op, 'stepsAhead', options.stepsAhead, 1, 32);
  const rows = integerIn(op, 'rows', options.rows ?? 64, 1, 100_000);
  const width = integerIn(op, 'width', options.width ?? 64, 2 * k + 1, 4096);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: seed must be a safe integer, got ${String(seed)}`, {
      argument: 'seed',
      value: seed,
      expected: 'a safe integer',
    });
  }
  const window = 2 * k + 1;
  const count = rows * width;
  const inputs = new Uint8Array(count * window);
  const labels = new Uint8Array(count);
  for (let r = 0; r < rows; r++) {
    const rng = mulberry32(seed * 100_003 + r);
    const start = Array.from({ length: width }, () => (rng() < 0.5 ? 1 : 0));
    const run = runAutomaton({ rule, steps: k, start, boundary: 'periodic' });
    const first = run.rows[0]!;
    const last = run.rows[k]!;
    for (let i = 0; i < width; i++) {
      const e = r * width + i;
      for (let j = 0; j < window; j++) inputs[e * window + j] = first[(i - k + j + width) % width]!;
      labels[e] = last[i]!;
    }
  }
  return { rule, stepsAhead: k, window, count, inputs, labels };
}
