import type { TrainRunPlan } from './train-types';

/** The GPT both sides train: nanoGPT's `GPTConfig` fields, in our names. */
export interface TrainGptModelConfig {
  /** Blocks (`n_layer`). */
  readonly layers: number;
  /** Attention heads per block (`n_head`). */
  readonly heads: number;
  /** Model width C (`n_embd`). */
  readonly embedDim: number;
  /** Tokens per window T (`block_size`); also the model's context. */
  readonly contextLength: number;
  /** Windows per step B (`batch_size`). */
  readonly batch: number;
}

/** AdamW and clipping of every step, as nanoGPT's `train.py` with a constant learning rate. */
export interface TrainGptOptimizerConfig {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Decoupled decay of the matrices other than the embeddings (gpt2DecaysWeight). */
  readonly weightDecay: number;
  /** The gradients' global L2 norm is clipped to this. */
  readonly clipNorm: number;
}

/** One setting of the benchmark: a model, how many distinct batches it cycles through, and how long to time it. */
export interface TrainGptRun {
  /** What the output says about it. */
  readonly label: string;
  readonly model: TrainGptModelConfig;
  /** Pinned batches (window starts from the hash fill); step s trains on batch s mod `batches`. */
  readonly batches: number;
  readonly plan: TrainRunPlan;
}

/** bench/configs/train-gpt.json */
export interface TrainGptConfig {
  /** The character corpus (its sorted distinct characters are the vocabulary). */
  readonly corpus: string;
  /** Name under which bench/src/train/fill.ts hashes the window starts. */
  readonly startsSeedName: string;
  /** nn-core backends of ours, each in its own process. */
  readonly backends: readonly string[];
  /** The interpreter with Debian's python3-torch. */
  readonly python: string;
  /** torch.set_num_threads of the reference. */
  readonly torchThreads: number;
  /**
   * Also time PyTorch on `torchThreads` threads with the libblas.so.3 found on this LD_LIBRARY_PATH
   * (Debian's netlib reference BLAS, whichever alternative the system selects), a full run only.
   */
  readonly referenceBlasLibraryPath?: string;
  /** Also time PyTorch on one thread (a full run only). */
  readonly torchSingleThread: boolean;
  /** Ours ÷ PyTorch tokens/s wanted (full run). */
  readonly target: number;
  /** The losses of the first `steps` steps (before each update) must agree to this relative tolerance. */
  readonly parity: { readonly steps: number; readonly relativeTolerance: number };
  readonly optimizer: TrainGptOptimizerConfig;
  readonly full: TrainGptRun;
  readonly smoke: TrainGptRun;
}

/** What one implementation (a backend of ours, or PyTorch) prints as its last line. */
export interface TrainGptWorkerResult {
  /** `wasm`, `cpu`, `webgpu`, `torch`, `torch-1t`, `torch-netlib`. */
  readonly implementation: string;
  /** What it ran on (the backend's reason, or PyTorch's version, threads and BLAS). */
  readonly detail: string;
  /** Whether it ran on a hardware GPU. */
  readonly hardware: boolean;
  /** Set when the implementation could not run here; nothing else is then set. */
  readonly unavailable?: string;
  /** Vocabulary size (distinct characters of the corpus). */
  readonly vocabSize?: number;
  /** Number of weights (the tied output projection counted once). */
  readonly parameters?: number;
  /** The loss of each parity step, before its update. */
  readonly losses?: readonly number[];
  readonly stepsPerRound?: number;
  /** ms per step of each timed round. */
  readonly roundMs?: readonly number[];
  /** Median of `roundMs`. */
  readonly msPerStep?: number;
  /** Tensors (ours) alive after the timed steps minus those alive after the first step (optimizer state made). */
  readonly leakedTensors?: number;
  /** PyTorch only: `torch.__config__.show()`. */
  readonly torchConfig?: string;
}
