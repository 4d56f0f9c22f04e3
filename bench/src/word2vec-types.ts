/** The implementations `pnpm bench word2vec` can run (bench/configs/word2vec.json picks them). */
export type Word2VecImplementation = 'ours' | 'ours-parallel' | 'gensim' | 'fasttext' | 'fasttext-subwords';

/** The training settings every implementation gets (bench/configs/word2vec.json `settings`). */
export interface Word2VecSettings {
  readonly dimensions: number;
  readonly window: number;
  readonly negative: number;
  readonly minCount: number;
  /** Subsampling threshold of frequent words. */
  readonly sample: number;
  readonly alpha: number;
  /** The learning rate at the end of training (gensim's min_alpha; fastText always decays to 0). */
  readonly minAlpha: number;
  readonly epochs: number;
  /** Threads of gensim, fastText and our parallel trainer. */
  readonly workers: number;
  /** gensim's input: `iterable` (a LineSentence over the file) or `corpus_file` (its file-reading mode). */
  readonly gensimInput: 'iterable' | 'corpus_file';
}

/** bench/configs/word2vec.json. */
export interface Word2VecConfig {
  readonly python: string;
  readonly fasttext: string;
  readonly corpus: ReadonlyArray<{ readonly file: string; readonly sha256: string }>;
  readonly maxLineWords: number;
  readonly wordSimilarity: string;
  readonly settings: Word2VecSettings;
  readonly seeds: readonly number[];
  /**
   * Implementations run on fewer seeds in a full run (the first n of `seeds`), for time: `ours` only
   * while `ours-parallel` runs (otherwise ours is the comparison and gets every seed).
   */
  readonly seedsOf: Partial<Record<Word2VecImplementation, number>>;
  readonly implementations: readonly Word2VecImplementation[];
  readonly reference: Word2VecImplementation;
  readonly targets: { readonly spearmanGap: number; readonly speedRatio: number };
  readonly smoke: {
    readonly wordsPerFile: number;
    readonly epochs: number;
    readonly seeds: readonly number[];
    /** Implementations a smoke run leaves out (fastText with subwords writes an 800 MB model). */
    readonly skip: readonly Word2VecImplementation[];
  };
}

/** What one training process reports (its last stdout line). */
export interface Word2VecRunResult {
  /** Set when the tool is not installed here: the run did not happen. */
  readonly unavailable?: string;
  /** The tool's version. */
  readonly version?: string;
  /** Seconds of training alone (what words/s divides by). */
  readonly trainSeconds?: number;
  /** Seconds of vocabulary building, when the tool does it apart from training. */
  readonly vocabSeconds?: number;
  /** The words the tool counted in the corpus (fastText adds one `</s>` per line). */
  readonly corpusWords?: number;
  /** Words in its vocabulary (minCount and up). */
  readonly vocabulary?: number;
  /** How training time was measured, for the report. */
  readonly timing?: string;
  /** Anything else worth a line in the report. */
  readonly detail?: string;
}
