import { markdownTable } from '../harness';
import type { Word2VecImplementation, Word2VecRunResult } from '../word2vec-types';
import { spearman } from './spearman';
import type { SimilarityPair } from './wordsim';

/** One training run, scored: the cosine similarity of every pair it covers (by index into the pair list). */
export interface ScoredRun {
  readonly implementation: Word2VecImplementation;
  readonly seed: number;
  readonly result: Word2VecRunResult;
  /** Corpus words × epochs ÷ training seconds. */
  readonly wordsPerSecond: number;
  readonly cosines: ReadonlyMap<number, number>;
}

/** One implementation over all its seeds. */
export interface Summary {
  readonly implementation: Word2VecImplementation;
  readonly runs: readonly ScoredRun[];
  /** Spearman of each run over the common pairs it covers. */
  readonly spearmans: readonly number[];
  /** Of the common pairs, how many it covers (the same for every seed). */
  readonly commonCovered: number;
  /** Of all pairs, how many it covers. */
  readonly covered: number;
  readonly meanSpearman: number;
  readonly sdSpearman: number;
  readonly meanWordsPerSecond: number;
  readonly meanTrainSeconds: number;
}

export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** The sample standard deviation (n − 1); NaN for fewer than two values. */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

/** The pairs (indices) every run of both implementations covers. */
export function commonPairs(runs: readonly ScoredRun[], pairCount: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < pairCount; i++) if (runs.every((r) => r.cosines.has(i))) out.push(i);
  return out;
}

/** Spearman of a run's cosines with the human scores, over those of `common` it covers. */
export function runSpearman(run: ScoredRun, pairs: readonly SimilarityPair[], common: readonly number[]): number {
  const mine = common.filter((i) => run.cosines.has(i));
  return spearman(
    mine.map((i) => run.cosines.get(i)!),
    mine.map((i) => pairs[i]!.score),
  );
}

export function summarise(
  implementation: Word2VecImplementation,
  runs: readonly ScoredRun[],
  pairs: readonly SimilarityPair[],
  common: readonly number[],
): Summary {
  const spearmans = runs.map((r) => runSpearman(r, pairs, common));
  return {
    implementation,
    runs,
    spearmans,
    commonCovered: Math.min(...runs.map((r) => common.filter((i) => r.cosines.has(i)).length)),
    covered: Math.min(...runs.map((r) => r.cosines.size)),
    meanSpearman: mean(spearmans),
    sdSpearman: sampleSd(spearmans),
    meanWordsPerSecond: mean(runs.map((r) => r.wordsPerSecond)),
    meanTrainSeconds: mean(runs.map((r) => r.result.trainSeconds!)),
  };
}

const dash = '–';
const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : dash);

/** The results table: one row per implementation that ran, with ratios against the reference. */
export function resultsTable(
  summaries: readonly Summary[],
  reference: Summary | undefined,
  labels: ReadonlyMap<Word2VecImplementation, string>,
  commonCount: number,
  pairCount: number,
): string {
  const rows = summaries.map((s) => [
    labels.get(s.implementation) ?? s.implementation,
    `${fixed(s.meanSpearman, 3)} ± ${fixed(s.sdSpearman, 3)}`,
    s.spearmans.map((v, i) => `${s.runs[i]!.seed}: ${fixed(v, 3)}`).join(', '),
    `${s.commonCovered}/${commonCount}`,
    `${s.covered}/${pairCount}`,
    Math.round(s.meanWordsPerSecond).toLocaleString('en'),
    fixed(s.meanTrainSeconds, 1),
    reference === undefined ? dash : `${(s.meanWordsPerSecond / reference.meanWordsPerSecond).toFixed(2)}×`,
    reference === undefined
      ? dash
      : `${s.meanSpearman - reference.meanSpearman >= 0 ? '+' : ''}${fixed(s.meanSpearman - reference.meanSpearman, 3)}`,
  ]);
  return markdownTable(
    [
      'implementation',
      'Spearman mean ± sd',
      'seed: Spearman',
      'common pairs',
      'pairs covered',
      'words/s (mean)',
      'train s (mean)',
      `words/s ÷ ${reference === undefined ? 'reference' : (labels.get(reference.implementation) ?? reference.implementation)}`,
      'Δ Spearman',
    ],
    rows,
  );
}
