/** bench/configs/digits.json. */
export interface DigitsBenchConfig {
  readonly python: string;
  readonly torchThreads: readonly number[];
  readonly batchSize: number;
  readonly learningRate: number;
  readonly evalBatch: number;
  readonly full: DigitsRun;
  readonly smoke: DigitsRun;
}

export interface DigitsRun {
  readonly warmupSteps: number;
  readonly timedSteps: number;
  readonly evalImages: number;
  readonly evalRounds: number;
}

/** What each side prints as its last stdout line. */
export interface DigitsWorkerResult {
  readonly implementation: string;
  readonly detail?: string;
  readonly stepsPerSecond?: number;
  readonly evalImagesPerSecond?: number;
  readonly leakedTensors?: number;
  /** Set when this side cannot run here (no PyTorch). */
  readonly unavailable?: string;
}
