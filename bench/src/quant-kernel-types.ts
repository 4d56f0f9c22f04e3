/** One product y = x · W, x [m, k], W [k, n]. */
export interface QuantKernelShape {
  readonly name: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  /**
   * Different weight matrices used in turn, call after call, like the layers of a forward pass
   * (12 for a block's matrices of GPT-2 124M, 1 for the output head): the weights then stream from
   * memory as in decoding, instead of one small matrix staying in the CPU's cache.
   */
  readonly copies: number;
}

/** How much to run. */
export interface QuantKernelRunPlan {
  readonly shapes: readonly QuantKernelShape[];
  /** Untimed calls of each implementation before timing. */
  readonly warmup: number;
  /** Timed rounds per shape, implementations in alternating order; the median is reported. */
  readonly rounds: number;
  /** A round repeats each call until at least this many ms have passed (and at least once). */
  readonly minRoundMs: number;
  /** An implementation slower than this per call is timed by 3 single calls instead of the rounds. */
  readonly slowCallMs: number;
}

/** bench/configs/quant-kernel.json */
export interface QuantKernelConfig {
  /** Seed of the uniform weights in [-0.1, 0.1) and activations in [-1, 1). */
  readonly seed: number;
  /** Minimum of tfjs-wasm float32 matMul time ÷ ours (8-bit) at m = 1. */
  readonly target: number;
  /** Largest relative L2 error against the float64 product of the unquantised values, per bit width. */
  readonly maxRelativeError: { readonly q8: number; readonly q4: number };
  readonly full: QuantKernelRunPlan;
  readonly smoke: QuantKernelRunPlan;
}
