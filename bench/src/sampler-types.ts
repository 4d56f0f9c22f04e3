/** How the benchmark's logits are made (bench/src/sampler/logits.ts). */
export interface LogitsSpec {
  /** Length of every vector (GPT-2: 50,257). */
  readonly vocabulary: number;
  /** How many different vectors the calls cycle through. */
  readonly vectors: number;
  /** Standard deviation of the normal noise every logit gets. */
  readonly noiseSd: number;
  /** How many "plausible next tokens" stand out in a vector, drawn uniformly in [min, max]. */
  readonly head: { readonly min: number; readonly max: number };
  /** How far above the noise they stand, drawn uniformly in [min, max) for each. */
  readonly headLift: { readonly min: number; readonly max: number };
}

/** How much to run. */
export interface SamplerRunPlan {
  /** Draws per vector checked for equal ids between ours and the baseline before timing. */
  readonly parityDraws: number;
  /** Timed rounds; the median is reported. */
  readonly rounds: number;
  /** Calls (vector, draw) in one round, the same for both implementations. */
  readonly callsPerRound: number;
  /** Ours runs a round's calls this many times (it is far faster), so its clock reads tens of ms. */
  readonly oursRepeats: number;
}

/** bench/configs/sampler.json */
export interface SamplerConfig {
  /** Seed of the generator of logits and draws (bench/src/tokenizer/rng.ts's sfc32). */
  readonly seed: number;
  readonly logits: LogitsSpec;
  /** What both implementations apply. */
  readonly options: { readonly temperature: number; readonly topK: number; readonly topP: number };
  /** Minimum time of the baseline divided by ours. */
  readonly target: number;
  readonly full: SamplerRunPlan;
  readonly smoke: SamplerRunPlan;
}
