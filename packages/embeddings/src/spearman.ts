import { EmbeddingsError } from './errors';

/**
 * Ranks 1 … n of `values` (ascending), tied values sharing the mean of their ranks (the "average"
 * method of scipy.stats.rankdata).
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 … end
    for (let i = start; i < end; i++) ranks[order[i]!] = rank;
    start = end;
  }
  return ranks;
}

/**
 * Spearman's rank correlation of two equally long samples: the Pearson correlation of their average
 * ranks (ties share ranks, as scipy.stats.spearmanr). NaN when either sample is constant.
 *
 * @throws {EmbeddingsError} `INVALID_ARGUMENT` when the lengths differ, fewer than 2 values, or a value is not finite.
 */
export function spearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length || x.length < 2) {
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      `spearman: x and y must have the same length, at least 2; got ${x.length} and ${y.length}`,
      {
        argument: 'y',
        value: y.length,
        expected: `${x.length} values (at least 2)`,
      },
    );
  }
  for (const [name, values] of [
    ['x', x],
    ['y', y],
  ] as const) {
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `spearman: ${name} must be finite; found ${values[bad]} at index ${bad}`,
        {
          argument: name,
          value: values[bad],
          expected: 'finite numbers',
        },
      );
    }
  }
  return pearson(averageRanks(x), averageRanks(y));
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
