/**
 * Elementary cellular automata (Wolfram's numbering): a row of black (1) and white (0) cells where
 * each cell's next colour is read from an 8-entry rule table indexed by itself and its two
 * neighbours. Rule 30 is the essay's example of a simple rule whose result seems to need every step
 * to be computed.
 */
import { mulberry32 } from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';
import { integerIn } from '../models/checks';

/**
 * What lies beyond the row's ends. `'zero'`: white cells forever (a fixed all-0 border);
 * `'periodic'`: the row wraps around, its last cell is the left neighbour of its first.
 */
export type AutomatonBoundary = 'zero' | 'periodic';

/** How the first row is made: one black cell in the middle, random cells, or given cells. */
export type AutomatonStart = 'single' | 'random' | readonly number[];

/** Most cells one run may compute (`width × (steps + 1)`), so a typo cannot fill the memory. */
export const MAX_AUTOMATON_CELLS = 50_000_000;

/** Options of {@link runAutomaton}, with their defaults. */
export interface AutomatonOptions {
  /** Wolfram's rule number, an integer from 0 to 255. Default 30. */
  readonly rule?: number;
  /** Steps to run, 0 to 100000. Default 100. */
  readonly steps?: number;
  /**
   * Cells in a row, 1 to 100000. Default: `2·steps + 1` for a single-cell start (the pattern never
   * reaches the ends, so the boundary does not matter), 64 for a random start, the given row's length.
   */
  readonly width?: number;
  /**
   * `'single'` (default): one black cell at index `floor(width / 2)`; `'random'`: each cell black
   * with probability `density`, drawn from `seed`; or the cells of the first row (0s and 1s).
   */
  readonly start?: AutomatonStart;
  /** What lies beyond the ends (see {@link AutomatonBoundary}). Default `'zero'`. */
  readonly boundary?: AutomatonBoundary;
  /** Seeds a random start. Default 1. */
  readonly seed?: number;
  /** Chance of a black cell in a random start, 0 to 1. Default 0.5. */
  readonly density?: number;
}

/** The rows of one run of {@link runAutomaton}. */
export interface AutomatonRun {
  readonly rule: number;
  readonly width: number;
  readonly steps: number;
  readonly boundary: AutomatonBoundary;
  /** `steps + 1` rows of `width` cells (0 white, 1 black): the first row, then one per step. */
  readonly rows: readonly Uint8Array[];
}

/**
 * The rule table of Wolfram's rule `rule`: entry `4·left + 2·centre + right` is the next colour of
 * a cell whose neighbourhood is (left, centre, right), that is bit `4l + 2c + r` of the rule number.
 * Rule 30 = 0b00011110: 111→0, 110→0, 101→0, 100→1, 011→1, 010→1, 001→1, 000→0.
 */
export function ruleTable(rule: number): Uint8Array {
  integerIn('ruleTable', 'rule', rule, 0, 255);
  return Uint8Array.from({ length: 8 }, (_, i) => (rule >> i) & 1);
}

/**
 * One step of the automaton with rule table `table` (see {@link ruleTable}): a new row of the same
 * width. Cells beyond the ends are white (`'zero'`) or wrap around (`'periodic'`).
 */
export function stepRow(row: Uint8Array, table: Uint8Array, boundary: AutomatonBoundary): Uint8Array {
  const n = row.length;
  const next = new Uint8Array(n);
  if (n === 0) return next;
  const periodic = boundary === 'periodic';
  for (let i = 0; i < n; i++) {
    const left = i > 0 ? row[i - 1]! : periodic ? row[n - 1]! : 0;
    const right = i < n - 1 ? row[i + 1]! : periodic ? row[0]! : 0;
    next[i] = table[(left << 2) | (row[i]! << 1) | right]!;
  }
  return next;
}

/**
 * Runs an elementary cellular automaton (see {@link AutomatonOptions} for the defaults: rule 30,
 * 100 steps from one black cell, white beyond the ends). Throws `INVALID_ARGUMENT` naming the
 * argument for a rule outside 0–255, a bad width or step count, a start row of other values than 0
 * and 1 or of another length than `width`, and runs of more than {@link MAX_AUTOMATON_CELLS} cells.
 */
export function runAutomaton(options: AutomatonOptions = {}): AutomatonRun {
  const op = 'runAutomaton';
  const rule = integerIn(op, 'rule', options.rule ?? 30, 0, 255);
  const steps = integerIn(op, 'steps', options.steps ?? 100, 0, 100_000);
  const start = options.start ?? 'single';
  const boundary = options.boundary ?? 'zero';
  if (boundary !== 'zero' && boundary !== 'periodic') {
    throw new EssayError('INVALID_ARGUMENT', `${op}: boundary must be "zero" or "periodic", got ${String(boundary)}`, {
      argument: 'boundary',
      value: boundary,
      expected: '"zero" | "periodic"',
    });
  }
  const first = firstRow(op, start, options, steps);
  const width = first.length;
  if (width * (steps + 1) > MAX_AUTOMATON_CELLS) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: width × (steps + 1) = ${width * (steps + 1)} cells is more than ${MAX_AUTOMATON_CELLS}`,
      { argument: 'steps', value: steps, expected: `width × (steps + 1) ≤ ${MAX_AUTOMATON_CELLS}` },
    );
  }
  const table = ruleTable(rule);
  const rows: Uint8Array[] = [first];
  for (let t = 0; t < steps; t++) rows.push(stepRow(rows[t]!, table, boundary));
  return { rule, width, steps, boundary, rows };
}

/** The first row of a run, checked. */
function firstRow(op: string, start: AutomatonStart, options: AutomatonOptions, steps: number): Uint8Array {
  if (Array.isArray(start)) {
    const cells = start as readonly number[];
    const width = integerIn(op, 'width', options.width ?? cells.length, 1, 100_000);
    if (cells.length !== width) {
      throw new EssayError('INVALID_ARGUMENT', `${op}: start has ${cells.length} cells but width is ${width}`, {
        argument: 'start',
        value: cells.length,
        expected: `${width} cells`,
      });
    }
    cells.forEach((c, i) => {
      if (c !== 0 && c !== 1) {
        throw new EssayError('INVALID_ARGUMENT', `${op}: start[${i}] must be 0 or 1, got ${String(c)}`, {
          argument: `start[${i}]`,
          value: c,
          expected: '0 or 1',
        });
      }
    });
    return Uint8Array.from(cells);
  }
  if (start === 'single') {
    const width = integerIn(op, 'width', options.width ?? 2 * steps + 1, 1, 100_000);
    const row = new Uint8Array(width);
    row[Math.floor(width / 2)] = 1;
    return row;
  }
  if (start === 'random') {
    const width = integerIn(op, 'width', options.width ?? 64, 1, 100_000);
    const density = options.density ?? 0.5;
    if (!(Number.isFinite(density) && density >= 0 && density <= 1)) {
      throw new EssayError('INVALID_ARGUMENT', `${op}: density must be a number from 0 to 1, got ${String(density)}`, {
        argument: 'density',
        value: density,
        expected: 'a number from 0 to 1',
      });
    }
    const seed = options.seed ?? 1;
    if (!Number.isSafeInteger(seed)) {
      throw new EssayError('INVALID_ARGUMENT', `${op}: seed must be a safe integer, got ${String(seed)}`, {
        argument: 'seed',
        value: seed,
        expected: 'a safe integer',
      });
    }
    const rng = mulberry32(seed);
    return Uint8Array.from({ length: width }, () => (rng() < density ? 1 : 0));
  }
  throw new EssayError(
    'INVALID_ARGUMENT',
    `${op}: start must be "single", "random" or an array of 0s and 1s, got ${String(start)}`,
    { argument: 'start', value: start, expected: '"single" | "random" | number[]' },
  );
}

/** The middle cell (index `floor(width / 2)`) of every row of a run: rule 30's famous "random" column. */
export function centreColumn(run: AutomatonRun): number[] {
  const middle = Math.floor(run.width / 2);
  return run.rows.map((row) => row[middle]!);
}
