/** The word 3-gram counters compared: ours and a plain Map<string, number>. */
export type NgramImplementationName = 'ours' | 'map-baseline';

/** How the benchmark text is made: everything but its size. */
export interface ShuffledTextSpec {
  /** Seed of the RNG that shuffles the lines. */
  readonly seed: number;
  /** Public-domain prose in data/corpus, each checked against its sha256. */
  readonly corpus: ReadonlyArray<{ readonly file: string; readonly sha256: string }>;
}

/** bench/configs/ngram.json */
export interface NgramBenchConfig {
  /** The n of the word n-grams counted. */
  readonly n: number;
  readonly text: ShuffledTextSpec;
  /** How many of the most frequent n-grams must be equal, with their counts. */
  readonly topCompared: number;
  /** Ours must be at least `speed`× the baseline's MB/s and use at most `memory`× its peak RSS above baseline. */
  readonly targets: { readonly speed: number; readonly memory: number };
  readonly full: { readonly bytes: number };
  readonly smoke: { readonly bytes: number };
}

/** What one worker reports: one count of the whole file in a fresh process. */
export interface NgramWorkerResult {
  readonly implementation: NgramImplementationName;
  /** UTF-8 bytes read. */
  readonly bytes: number;
  /** Seconds from the first read to the last count. */
  readonly seconds: number;
  /** Resident set size before counting (runtime and code loaded, heap collected), in bytes. */
  readonly baselineRss: number;
  /** Peak resident set size from then to the end of counting, in bytes. */
  readonly peakRss: number;
  /** Whether the kernel's peak mark could be reset to the baseline. */
  readonly peakReset: boolean;
  /** n-grams counted. */
  readonly total: number;
  /** Distinct n-grams. */
  readonly distinct: number;
  /** Distinct words. */
  readonly words: number;
  /** The most frequent n-grams (words joined by one space) and their counts; ties in code-point order. */
  readonly top: ReadonlyArray<readonly [string, number]>;
}
