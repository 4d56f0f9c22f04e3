import { show } from '../show';
import { Gpt2Error } from '../errors';
import type { Gpt2 } from '../gpt2';
import { integerIn } from './checks';

/** Options of {@link weightHistograms}, with their defaults. */
export interface WeightHistogramsOptions {
  /** Number of equal-width bins, 1 to 10,000. Default 50. */
  readonly bins?: number;
  /**
   * Which weights of a block are counted: `'all'` (default: every weight and bias, LayerNorm gains
   * included) or `'matrices'` (only the four weight matrices `attn.c_attn`, `attn.c_proj`,
   * `mlp.c_fc`, `mlp.c_proj`).
   */
  readonly include?: 'all' | 'matrices';
  /** The range binned `[min, max]`; values outside it are counted in `outside`. Default: the extent of all blocks' weights. */
  readonly range?: readonly [number, number];
}

/** One block's histogram. */
export interface BlockHistogram {
  /** The block index. */
  readonly block: number;
  /** The weights counted. */
  readonly count: number;
  /** Counts per bin (`bins` entries); the last bin includes its right edge. */
  readonly counts: number[];
  /** Weights outside the range (0 with the default range). */
  readonly outside: number;
  /** Mean, standard deviation, smallest and largest weight, in float64. */
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/** What {@link weightHistograms} returns. */
export interface WeightHistograms {
  /** The `bins + 1` bin edges shared by every block. */
  readonly edges: number[];
  readonly include: 'all' | 'matrices';
  /** One histogram per block, in order. */
  readonly blocks: BlockHistogram[];
}

const MATRICES = ['attn.c_attn.weight', 'attn.c_proj.weight', 'mlp.c_fc.weight', 'mlp.c_proj.weight'];

/**
 * A histogram of the weights of every transformer block (essay 9.4), with bin edges shared by all
 * blocks so they can be drawn on one axis. Reads every weight of `h.N.*` once. Throws `Gpt2Error`
 * (INVALID_ARGUMENT) for bad options.
 */
export function weightHistograms(gpt: Gpt2, options: WeightHistogramsOptions = {}): WeightHistograms {
  const fn = 'weightHistograms';
  const bins = integerIn(fn, 'bins', options.bins ?? 50, 1, 10_000);
  const include = options.include ?? 'all';
  if (include !== 'all' && include !== 'matrices') {
    throw new Gpt2Error('INVALID_ARGUMENT', `${fn}: include must be 'all' or 'matrices'; got ${show(include)}`, {
      argument: 'include',
      value: include,
      expected: "'all' or 'matrices'",
    });
  }
  const range = options.range;
  if (
    range !== undefined &&
    (!Array.isArray(range) ||
      range.length !== 2 ||
      !range.every(Number.isFinite) ||
      !((range[0] as number) < (range[1] as number)))
  ) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${fn}: range must be [min, max] with min < max; got ${show(range)}`, {
      argument: 'range',
      value: range,
      expected: '[min, max], finite, min < max',
    });
  }
  const named = gpt.model.namedWeights();
  const perBlock = Array.from({ length: gpt.config.layers }, (_, block) => {
    const prefix = `h.${block}.`;
    const arrays = named
      .filter((w) => w.name.startsWith(prefix) && (include === 'all' || MATRICES.includes(w.name.slice(prefix.length))))
      .map((w) => w.variable.dataSync() as Float32Array);
    let count = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const values of arrays) {
      for (const v of values) {
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      count += values.length;
    }
    const mean = sum / count;
    let squares = 0;
    for (const values of arrays) for (const v of values) squares += (v - mean) ** 2;
    return { block, arrays, count, mean, std: Math.sqrt(squares / count), min, max };
  });
  let lo = range?.[0] ?? Math.min(...perBlock.map((b) => b.min));
  let hi = range?.[1] ?? Math.max(...perBlock.map((b) => b.max));
  if (!(hi > lo)) {
    // Every weight equal: one bin's width around the value.
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const blocks = perBlock.map(({ block, arrays, count, mean, std, min, max }) => {
    const counts = new Array<number>(bins).fill(0);
    let outside = 0;
    for (const values of arrays) {
      for (const v of values) {
        if (v < lo || v > hi) {
          outside++;
          continue;
        }
        counts[Math.min(bins - 1, Math.floor((v - lo) / width))]!++;
      }
    }
    return { block, count, counts, outside, mean, std, min, max };
  });
  return { edges, include, blocks };
}
