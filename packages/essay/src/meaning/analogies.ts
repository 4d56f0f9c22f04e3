import { pca, seededRandom, type VectorSet } from '@chatgpt-explained/embeddings';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { integerIn } from '../models/checks';

/**
 * Word pairs that differ the same way (male → female), each word frequent in the bundled corpus
 * (case-insensitive counts: man 1,497 / woman 288, king 1,016 / queen 417, he 8,097 / she 6,196,
 * his 7,487 / her 8,004, father 846 / mother 837, brother 380 / sister 406, son 370 / daughter 264,
 * husband 194 / wife 293, boy 342 / girl 285, uncle 169 / aunt 253, lord 803 / lady 647, mr 1,624 /
 * mrs 741). The first pair is the reference of the analogies (king − man + woman ≈ queen).
 */
export const ANALOGY_PAIRS: readonly (readonly [string, string])[] = [
  ['man', 'woman'],
  ['king', 'queen'],
  ['he', 'she'],
  ['his', 'her'],
  ['father', 'mother'],
  ['brother', 'sister'],
  ['son', 'daughter'],
  ['husband', 'wife'],
  ['boy', 'girl'],
  ['uncle', 'aunt'],
  ['lord', 'lady'],
  ['mr', 'mrs'],
];

/** The word vectors the experiment reads: `WordVectors` from `@chatgpt-explained/embeddings` fits. */
export interface WordVectorTable {
  /** One word per row of `vectors`. */
  readonly words: readonly string[];
  readonly vectors: VectorSet;
}

/** Options of {@link analogiesExperiment}, with their defaults. */
export interface AnalogiesOptions {
  /** Pairs `[from, to]` that differ the same way; the first is the reference. Default {@link ANALOGY_PAIRS}. */
  readonly pairs?: readonly (readonly [string, string])[];
  /**
   * Sets of random word pairs, as many pairs each as `pairs`, for the baseline: the mean cosine
   * between unrelated offsets. Default 1000.
   */
  readonly randomSets?: number;
  /** The random pairs are drawn from this many most frequent words (the first rows). Default 2000. */
  readonly randomFrom?: number;
  /** Seed of the random pairs. Default 1. */
  readonly seed?: number;
  /** Pairs drawn as arrows, from the first: the figure has 10 distinct colours. Default 10. */
  readonly figurePairs?: number;
}

/** One analogy question: `reference.from : reference.to :: from : ?`, expecting `to`. */
export interface AnalogyAnswer {
  readonly from: string;
  /** The expected answer. */
  readonly to: string;
  /** The word 3CosAdd puts first (the question's three words left out). */
  readonly answer: string;
  /** 1-based rank of the expected answer among all other words. */
  readonly rank: number;
}

/** Result of {@link analogiesExperiment}. */
export interface AnalogiesResult {
  /** The pairs with both words in the vocabulary, in the order given. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Words of the given pairs that the vocabulary lacks (their pairs are left out). */
  readonly missing: readonly string[];
  /** Words in the vocabulary. */
  readonly vocabulary: number;
  /** `offsetCosines[i][j]`: cosine between the offsets unit(to) − unit(from) of pairs i and j. */
  readonly offsetCosines: readonly (readonly number[])[];
  /** Mean of `offsetCosines` off the diagonal. */
  readonly meanOffsetCosine: number;
  /**
   * Baseline: `meanOffsetCosine` of `sets` sets of as many random pairs of frequent words: the mean
   * and standard deviation over the sets, and `p`, the share of sets (the real pairs counted as one)
   * whose mean is at least the real pairs'.
   */
  readonly randomOffsetCosine: {
    readonly mean: number;
    readonly std: number;
    readonly sets: number;
    readonly p: number;
  };
  /** `reference.from : reference.to :: from : ?` for every other pair (king − man + woman). */
  readonly reference: readonly [string, string];
  readonly answers: readonly AnalogyAnswer[];
  /** Every ordered pair of pairs as a question (P · (P − 1) of them): share answered first, and median rank. */
  readonly allQuestions: { readonly questions: number; readonly top1: number; readonly medianRank: number };
  /** The pairs' unit vectors projected to 2-D by a PCA fitted on them. */
  readonly projection: {
    readonly explainedVariance: readonly number[];
    readonly points: readonly {
      readonly word: string;
      readonly x: number;
      readonly y: number;
      readonly side: 'from' | 'to';
    }[];
  };
  /** `12.2-analogy-arrows` (one arrow per pair) and `12.2-analogy-words` (the words, labelled). */
  readonly figures: readonly Figure[];
}

/** Unit-length rows, in float64. */
function unitRows({ data, rows, cols }: VectorSet): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let j = 0; j < cols; j++) norm += data[r * cols + j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < cols; j++) out[r * cols + j] = data[r * cols + j]! / norm;
  }
  return out;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < a.length; j++) {
    dot += a[j]! * b[j]!;
    na += a[j]! ** 2;
    nb += b[j]! ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

/**
 * Essay 12.2: analogies as parallel transport. For pairs of words that differ the same way (man →
 * woman, king → queen, …) the offsets between their unit vectors point the same way: their mean
 * cosine is compared with the cosine between offsets of random pairs of frequent words. Each pair
 * is also asked as an analogy with 3CosAdd (Mikolov et al. 2013): the word nearest (cosine) to
 * unit(king) − unit(man) + unit(woman), leaving out the three, should be queen; the rank of the
 * expected word is reported. The pairs' words are drawn in a 2-D PCA of their unit vectors, each
 * pair as an arrow.
 */
export function analogiesExperiment(vectors: WordVectorTable, options: AnalogiesOptions = {}): AnalogiesResult {
  const op = 'analogiesExperiment';
  const given = options.pairs ?? ANALOGY_PAIRS;
  const randomSets = integerIn(op, 'randomSets', options.randomSets ?? 1000, 1, 1_000_000);
  const seed = integerIn(op, 'seed', options.seed ?? 1, 0, 2 ** 32 - 1);
  const figurePairs = integerIn(op, 'figurePairs', options.figurePairs ?? 10, 1, 1000);
  const { rows: v, cols: d } = vectors.vectors;
  const randomFrom = Math.min(v, integerIn(op, 'randomFrom', options.randomFrom ?? 2000, 2, Number.MAX_SAFE_INTEGER));
  const index = new Map(vectors.words.map((w, i) => [w, i]));
  const missing = [...new Set(given.flat().filter((w) => !index.has(w)))];
  const pairs = given.filter(([a, b]) => index.has(a) && index.has(b));
  if (pairs.length < 2) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: at least 2 pairs need both words in the vocabulary; ${pairs.length} do (missing: ${missing.join(', ') || 'none'})`,
      { argument: 'pairs', value: given, expected: 'at least 2 pairs of known words' },
    );
  }
  const unit = unitRows(vectors.vectors); // [V, d]
  const row = (w: string): Float64Array => unit.subarray(index.get(w)! * d, (index.get(w)! + 1) * d);
  const offset = (a: number, b: number): Float64Array => {
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) out[j] = unit[b * d + j]! - unit[a * d + j]!;
    return out;
  };
  /** Every pair's offset against every other's: the cosines, and their mean off the diagonal. */
  const compare = (offsets: readonly Float64Array[]): { cosines: number[][]; mean: number } => {
    const cosines = offsets.map((x) => offsets.map((y) => cosine(x, y)));
    let sum = 0;
    cosines.forEach((r, i) => r.forEach((c, j) => (sum += i === j ? 0 : c)));
    return { cosines, mean: sum / (offsets.length * (offsets.length - 1)) };
  };
  const real = compare(pairs.map(([a, b]) => offset(index.get(a)!, index.get(b)!)));
  const offsetCosines = real.cosines;
  const meanOffsetCosine = real.mean;

  const random = seededRandom(seed);
  const pick = (): number => Math.floor(random() * randomFrom);
  const setMeans: number[] = [];
  while (setMeans.length < randomSets) {
    const offsets: Float64Array[] = [];
    while (offsets.length < pairs.length) {
      const [a, b] = [pick(), pick()];
      if (a !== b) offsets.push(offset(a, b));
    }
    setMeans.push(compare(offsets).mean);
  }
  const mean = setMeans.reduce((s, x) => s + x, 0) / setMeans.length;
  const std = Math.sqrt(setMeans.reduce((s, x) => s + (x - mean) ** 2, 0) / setMeans.length);
  const p = (1 + setMeans.filter((x) => x >= meanOffsetCosine).length) / (randomSets + 1);

  /** 3CosAdd for `a : b :: c : ?`: the top word and the rank of `expected`. */
  const ask = (a: string, b: string, c: string, expected: string): { answer: string; rank: number } => {
    const [ua, ub, uc] = [row(a), row(b), row(c)];
    const query = new Float64Array(d);
    for (let j = 0; j < d; j++) query[j] = ub[j]! - ua[j]! + uc[j]!;
    const left = new Set([index.get(a), index.get(b), index.get(c)]);
    const score = (r: number): number => {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += unit[r * d + j]! * query[j]!;
      return dot; // the query's norm is the same for every word: no need to divide
    };
    const target = score(index.get(expected)!);
    let rank = 1;
    let best = -Infinity;
    let answer = '';
    for (let r = 0; r < v; r++) {
      if (left.has(r)) continue;
      const s = score(r);
      if (s > best) {
        best = s;
        answer = vectors.words[r]!;
      }
      if (s > target) rank++;
    }
    return { answer, rank };
  };
  const [refFrom, refTo] = pairs[0]!;
  const answers = pairs.slice(1).map(([from, to]) => ({ from, to, ...ask(refFrom, refTo, from, to) }));
  const ranks: number[] = [];
  pairs.forEach(([a, b], i) =>
    pairs.forEach(([c, e], j) => {
      if (i !== j) ranks.push(ask(a, b, c, e).rank);
    }),
  );
  ranks.sort((x, y) => x - y);
  const medianRank =
    ranks.length % 2 === 1
      ? ranks[(ranks.length - 1) / 2]!
      : (ranks[ranks.length / 2 - 1]! + ranks[ranks.length / 2]!) / 2;
  const allQuestions = {
    questions: ranks.length,
    top1: ranks.filter((r) => r === 1).length / ranks.length,
    medianRank,
  };

  const words = pairs.flat();
  const data = new Float32Array(words.length * d);
  words.forEach((w, i) => data.set(row(w), i * d));
  const fitted = pca({ data, rows: words.length, cols: d }, { components: 2 });
  const points = words.map((word, i) => ({
    word,
    x: fitted.points.data[2 * i]!,
    y: fitted.points.data[2 * i + 1]!,
    side: i % 2 === 0 ? ('from' as const) : ('to' as const),
  }));
  const percent = (p: number | undefined): string => `${(100 * (p ?? 0)).toFixed(0)}%`;
  const xLabel = `principal component 1 (${percent(fitted.explainedVariance[0])} of variance)`;
  const yLabel = `principal component 2 (${percent(fitted.explainedVariance[1])})`;
  const subtitle = `mean cosine between the ${pairs.length} offsets ${meanOffsetCosine.toFixed(2)} (${pairs.length} random word pairs: ${mean.toFixed(2)} ± ${std.toFixed(2)}); ${refFrom} → ${refTo} applied to the others finds ${answers.filter((a) => a.rank === 1).length} of ${answers.length} first`;
  const figures: Figure[] = [
    {
      name: '12.2-analogy-arrows',
      spec: {
        kind: 'line',
        title: `Analogies as parallel transport: ${figurePairs < pairs.length ? `the first ${figurePairs} of ${pairs.length} pairs` : 'the pairs'}, each an arrow`,
        subtitle,
        series: pairs.slice(0, figurePairs).map(([a, b], i) => ({
          name: `${a} → ${b}`,
          x: [points[2 * i]!.x, points[2 * i + 1]!.x],
          y: [points[2 * i]!.y, points[2 * i + 1]!.y],
          style: 'line+points' as const,
        })),
        xLabel,
        yLabel,
        legendTitle: 'pair',
      },
    },
    {
      name: '12.2-analogy-words',
      spec: {
        kind: 'scatter',
        title: 'The same words, labelled',
        subtitle: `unit word vectors (${d} numbers) projected by PCA on these ${words.length} words`,
        points: points.map((p) => ({
          x: p.x,
          y: p.y,
          label: p.word,
          group: p.side === 'from' ? 'first of its pair' : 'second of its pair',
        })),
        xLabel,
        yLabel,
        legendTitle: 'word',
      },
    },
  ];
  return {
    pairs,
    missing,
    vocabulary: v,
    offsetCosines,
    meanOffsetCosine,
    randomOffsetCosine: { mean, std, sets: randomSets, p },
    reference: [refFrom, refTo],
    answers,
    allQuestions,
    projection: { explainedVariance: fitted.explainedVariance, points },
    figures,
  };
}
