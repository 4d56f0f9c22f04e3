import { seededRandom } from '@chatgpt-explained/embeddings';
import { EssayError } from '../errors';

/** What {@link leaveOneOutNearestCentroid} measures. */
export interface SeparationScore {
  /** Share of vectors whose nearest class centroid (their own left out) is their own class. */
  readonly accuracy: number;
  /**
   * The mean over classes of each class's share of hits: chance is 1 / classes whatever the class
   * sizes (plain accuracy's chance is the largest class's share when the vectors carry nothing).
   */
  readonly balancedAccuracy: number;
  /** Hits per class, in the order of `classes` (a tie counts its share, see the function). */
  readonly hits: readonly number[];
  /** Vectors per class. */
  readonly counts: readonly number[];
}

/**
 * How well classes separate in a vector space, measured by leave-one-out nearest-centroid
 * classification: each vector is assigned to the class whose mean (over the other vectors, itself
 * left out) is nearest in Euclidean distance, in float64. A tie between m classes (within a relative
 * 1e-9) that includes the right one counts as 1/m of a hit, the expected score of breaking it at
 * random, so identical vectors score exactly chance.
 *
 * `data` holds `labels.length` rows of `dim` numbers, row-major. Every class in `classes` needs at
 * least 2 vectors. Throws `INVALID_ARGUMENT` otherwise, or for a label not in `classes`.
 */
export function leaveOneOutNearestCentroid(
  data: ArrayLike<number>,
  dim: number,
  labels: readonly string[],
  classes: readonly string[],
): SeparationScore {
  const op = 'leaveOneOutNearestCentroid';
  const n = labels.length;
  if (!Number.isInteger(dim) || dim < 1 || data.length !== n * dim) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: data has ${data.length} numbers, expected ${n} rows × ${dim}`, {
      argument: 'data',
      value: data.length,
      expected: `${n} × ${dim} numbers`,
    });
  }
  const k = classes.length;
  const classOf = labels.map((label, i) => {
    const c = classes.indexOf(label);
    if (c < 0) {
      throw new EssayError('INVALID_ARGUMENT', `${op}: labels[${i}] is "${label}", not one of ${classes.join(', ')}`, {
        argument: `labels[${i}]`,
        value: label,
        expected: classes.join(' | '),
      });
    }
    return c;
  });
  const counts = new Array<number>(k).fill(0);
  for (const c of classOf) counts[c]!++;
  counts.forEach((count, c) => {
    if (count < 2) {
      throw new EssayError(
        'INVALID_ARGUMENT',
        `${op}: class "${classes[c]}" has ${count} vectors; each needs at least 2`,
        {
          argument: 'labels',
          value: count,
          expected: 'at least 2 vectors per class',
        },
      );
    }
  });
  const sums = new Float64Array(k * dim); // [k, dim]
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) sums[classOf[i]! * dim + j]! += data[i * dim + j]!;

  const hits = new Array<number>(k).fill(0);
  const distances = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const own = classOf[i]!;
    for (let c = 0; c < k; c++) {
      const size = c === own ? counts[c]! - 1 : counts[c]!;
      let sum = 0;
      for (let j = 0; j < dim; j++) {
        const x = data[i * dim + j]!;
        const centroid = (sums[c * dim + j]! - (c === own ? x : 0)) / size;
        sum += (x - centroid) ** 2;
      }
      distances[c] = Math.sqrt(sum);
    }
    let best = Infinity;
    for (const d of distances) best = Math.min(best, d);
    const tolerance = 1e-9 * Math.max(...distances);
    let tied = 0;
    for (const d of distances) if (d - best <= tolerance) tied++;
    if (distances[own]! - best <= tolerance) hits[own]! += 1 / tied;
  }
  const accuracy = hits.reduce((a, b) => a + b, 0) / n;
  const balancedAccuracy = hits.reduce((a, h, c) => a + h / counts[c]!, 0) / k;
  return { accuracy, balancedAccuracy, hits, counts };
}

/**
 * {@link leaveOneOutNearestCentroid} with a permutation test: the labels are shuffled `permutations`
 * times (Fisher–Yates, seeded) and `p` is the share of shuffles whose balanced accuracy is at least
 * the real labels', counting the real labels as one shuffle, so `p` is never 0. With 0 permutations
 * `p` is 1.
 */
export function separationWithPermutations(
  data: ArrayLike<number>,
  dim: number,
  labels: readonly string[],
  classes: readonly string[],
  options: { readonly permutations: number; readonly seed: number },
): SeparationScore & { readonly p: number } {
  const score = leaveOneOutNearestCentroid(data, dim, labels, classes);
  const random = seededRandom(options.seed);
  const shuffled = [...labels];
  let atLeast = 1;
  for (let k = 0; k < options.permutations; k++) {
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const shuffledScore = leaveOneOutNearestCentroid(data, dim, shuffled, classes).balancedAccuracy;
    if (shuffledScore >= score.balancedAccuracy - 1e-12) atLeast++;
  }
  return { ...score, p: atLeast / (options.permutations + 1) };
}
