/** bench/configs/backends.json */
export interface BackendsConfig {
  readonly backends: readonly string[];
  readonly baseline: string;
  readonly shapes: ReadonlyArray<{ readonly name: string; readonly m: number; readonly k: number; readonly n: number }>;
  readonly full: RunPlan;
  readonly smoke: RunPlan;
}

export interface RunPlan {
  readonly warmup: number;
  readonly runs: number;
  readonly iterations: number;
}

/** What one worker reports. */
export interface BackendTiming {
  readonly backend: string;
  readonly detail: string;
  readonly hardware: boolean;
  readonly shapes: ReadonlyArray<{ readonly name: string; readonly ms: number; readonly gflops: number }>;
}
