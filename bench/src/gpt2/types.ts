/** The model shape and how its random weights are drawn (make_weights.py; weights.ts without Python). */
export interface Gpt2BenchModel {
  readonly vocabSize: number;
  readonly contextLength: number;
  readonly embedDim: number;
  readonly layers: number;
  readonly heads: number;
  /** Seed of the generator every tensor is drawn from. */
  readonly seed: number;
  /** Every tensor is N(0, std²), except the LayerNorm gains (1). */
  readonly std: number;
}

/** One run's sizes: the model, the prompt, how many tokens and rounds. */
export interface Gpt2BenchPlan {
  readonly model: Gpt2BenchModel;
  /** The pinned prompt ids (all below the model's vocabulary size). */
  readonly prompt: readonly number[];
  /**
   * Single-token passes through the KV cache after the prompt's pass, per timed round; each picks
   * one greedy id (the prompt's pass picks the first), so a round generates decodeTokens + 1 ids.
   */
  readonly decodeTokens: number;
  /** Untimed prompt + this many decode steps before the timed rounds (first-run allocations). */
  readonly warmupDecodeTokens: number;
  /** Timed rounds wanted (each: a fresh cache, the prompt, then `decodeTokens` steps); medians reported. */
  readonly rounds: number;
  /** Rounds stop once an implementation has spent this long on them (one round at least). */
  readonly maxSecondsPerImplementation: number;
  /** Greedy ids PyTorch computes after the prompt, to check the ONNX graph against (make_weights.py). */
  readonly checkTokens: number;
  /** Size of the buffer the memory-read probe sums, in MB (10^6 bytes), split between its threads. */
  readonly bandwidthMegabytes: number;
  /** Timed sums per thread count; the best is the limit. */
  readonly bandwidthRounds: number;
}

/** One backend of ours, with what it does differently from the plan (a slow backend runs fewer tokens). */
export interface Gpt2OursRun {
  /** nn-core backend: cpu, wasm or webgpu. */
  readonly backend: string;
  /** Variants (ids from `variants`) to run on this backend; default: every enabled variant. */
  readonly variants?: readonly string[];
  /** Overrides of the plan for this backend (full run only), shown in the table. */
  readonly decodeTokens?: number;
  readonly warmupDecodeTokens?: number;
  readonly rounds?: number;
  /** Leave this backend out of full runs, with this reason (it still runs in the smoke run). */
  readonly skipFull?: string;
}

/** A weight format of ours: fp32, or nn-core's 8-bit / 4-bit quantisation (kept quantised in memory). */
export interface Gpt2Variant {
  readonly id: string;
  readonly label: string;
  /** Passed to gpt2FromCheckpoint's quantisation option (see ours-worker.ts); absent: fp32. */
  readonly quantize?: { readonly bits: 8 | 4 };
  /** False leaves the variant out everywhere; it is listed as a note. */
  readonly enabled: boolean;
}

/** bench/configs/gpt2.json */
export interface Gpt2BenchConfig {
  /** The interpreter with Debian's python3-torch (make_weights.py). */
  readonly python: string;
  /** ONNX opset of the export. */
  readonly opset: number;
  /** intraOpNumThreads of the onnxruntime-node runs; the first is the reference of the ratios. */
  readonly onnxThreads: readonly number[];
  readonly ours: readonly Gpt2OursRun[];
  readonly variants: readonly Gpt2Variant[];
  /** Ours ÷ onnxruntime (reference threads), decode tokens/s, wanted: first, then second. */
  readonly targets: readonly number[];
  /** Decode tokens/s of a quantised variant ÷ our fp32 on the same backend, wanted, by variant id. */
  readonly quantizedTargets: Readonly<Record<string, number>>;
  /** Largest |ONNX − PyTorch| logit after the prompt that passes the export check. */
  readonly exportTolerance: number;
  /**
   * When greedy ids first differ, the top-1 − top-2 logit gap (of either side) below which the two
   * sides are taken to have split a near-tie (a note); above it the divergence is a failure.
   */
  readonly tieGap: number;
  readonly full: Gpt2BenchPlan;
  readonly smoke: Gpt2BenchPlan;
}

/** Greedy decoding timed over rounds: what both workers report. */
export interface GreedyTiming {
  /** Prompt tokens per second (the prompt's one forward pass), median over rounds. */
  readonly promptTokensPerSecond: number;
  /** Generated tokens per second (one forward pass each, through the cache), median over rounds. */
  readonly decodeTokensPerSecond: number;
  readonly roundsRun: number;
  readonly decodeTokens: number;
  /** The generated ids of the first timed round. */
  readonly ids: readonly number[];
  /** Per generated token, the top-1 − top-2 logit gap it was picked with. */
  readonly gaps: readonly number[];
  /** Whether every round generated the same ids. */
  readonly deterministic: boolean;
}

/** The last stdout line of a worker. */
export interface Gpt2WorkerResult {
  /** onnxruntime-2t, ours-wasm-fp32, … */
  readonly implementation: string;
  /** Row name for the table. */
  readonly label: string;
  readonly kind: 'onnxruntime' | 'ours';
  /** Set when this implementation cannot run here (missing backend); nothing else is then measured. */
  readonly unavailable?: string;
  readonly timing?: GreedyTiming;
  /** Seconds from nothing to a model ready to run (file read, weights placed, session built). */
  readonly loadSeconds?: number;
  /** Peak resident set of the process (bytes), and before the model was loaded. */
  readonly peakRss?: number;
  readonly baselineRss?: number;
  /** Whether the peak mark was reset before loading (Linux), so the peak is not startup's. */
  readonly peakReset?: boolean;
  /** onnxruntime: largest |ONNX − PyTorch| logit after the prompt, and PyTorch's greedy ids matched. */
  readonly exportCheck?: { readonly maxAbsDiff: number; readonly torchIdsMatched: number; readonly torchIds: number };
  /** Anything the table should say about this run (backend reason, tensors leaked…). */
  readonly detail?: string;
  /** Tensors alive after the runs minus before (ours). */
  readonly leakedTensors?: number;
}

/** Read bandwidth of this machine, from bandwidth.ts. */
export interface BandwidthResult {
  /** GB/s (10^9 bytes) summing a Float32Array with wasm SIMD, by thread count. */
  readonly byThreads: ReadonlyArray<{ readonly threads: number; readonly gigabytesPerSecond: number }>;
  readonly megabytes: number;
}
