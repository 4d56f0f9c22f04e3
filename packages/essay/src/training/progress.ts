/** Progress of one of the training experiments (essay 6.1–6.4), sent every few steps. */
export interface TrainingProgress {
  /** Steps done so far over the whole experiment (every net and path counted). */
  readonly step: number;
  /** Steps the experiment will take in all. */
  readonly totalSteps: number;
  /** The latest step's loss. */
  readonly loss: number;
}

/** Options every training experiment takes besides its own. */
export interface TrainingRunOptions {
  /** Stops training between steps; the experiment rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Receives progress every few steps (and after the last). */
  readonly onProgress?: (progress: TrainingProgress) => void;
}
