/** The kinds of text the benchmark's mixed text interleaves. */
export type TextKind = 'prose' | 'code' | 'cjk' | 'emoji';

/** The tokenizers compared: ours and the alternatives, all on GPT-2's encoding. */
export type ImplementationName = 'ours' | 'js-tiktoken' | 'gpt-tokenizer';

/** How the mixed text is made: everything but its size, which depends on the run. */
export interface MixedTextSpec {
  /** Seed of the RNG that picks blocks, their sizes and the synthetic text. */
  readonly seed: number;
  /** Share of the UTF-8 bytes of each kind (they sum to 1). */
  readonly proportions: Readonly<Record<TextKind, number>>;
  /** Size of one block of a single kind, in UTF-8 bytes (a block ends at the next line end). */
  readonly blockBytes: { readonly min: number; readonly max: number };
  /** Public-domain prose in data/corpus, read in this order, each checked against its sha256. */
  readonly corpus: ReadonlyArray<{ readonly file: string; readonly sha256: string }>;
}

/** How many bytes of text and how many timed rounds. */
export interface TokenizerRunPlan {
  /** Minimum size of the mixed text in UTF-8 bytes. */
  readonly bytes: number;
  /** Timed rounds; each times every implementation once, and the median is reported. */
  readonly rounds: number;
}

/** bench/configs/tokenizer.json */
export interface TokenizerConfig {
  readonly implementations: readonly ImplementationName[];
  /** The implementation whose ids the others must equal. */
  readonly reference: ImplementationName;
  readonly text: MixedTextSpec;
  /** Minimum speed of ours divided by each alternative's (MB/s ÷ MB/s), for encode and decode. */
  readonly targets: {
    readonly encode: Readonly<Partial<Record<ImplementationName, number>>>;
    readonly decode: Readonly<Partial<Record<ImplementationName, number>>>;
  };
  readonly full: TokenizerRunPlan;
  readonly smoke: TokenizerRunPlan;
}

/** What one memory worker reports: one encode and one decode of the whole text in a fresh process. */
export interface TokenizerMemory {
  readonly implementation: ImplementationName;
  /** Resident set size just before the library was loaded (text already read, heap collected), in bytes. */
  readonly baselineRss: number;
  /** Peak resident set size from then through loading, one encode and one decode, in bytes. */
  readonly peakRss: number;
  /**
   * Whether the kernel's peak mark was reset to the baseline first. When false, `peakRss` is the
   * peak of the whole process, startup included.
   */
  readonly peakReset: boolean;
  /** Number of ids the encode returned. */
  readonly tokens: number;
  /** Whether decode(encode(text)) gave the text back. */
  readonly roundTrip: boolean;
}
