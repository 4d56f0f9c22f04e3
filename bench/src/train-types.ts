/** A 2-layer perceptron: inputs → hidden (activation) → outputs. */
export interface MlpModelConfig {
  readonly id: string;
  readonly kind: 'mlp';
  /** What the row of the table says. */
  readonly label: string;
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  readonly activation: 'relu' | 'tanh';
  /** `mse`: mean of squared differences to a fixed target; `softmax-cross-entropy`: mean over rows, integer labels. */
  readonly loss: 'mse' | 'softmax-cross-entropy';
  /** Rows per step (an example is one row). */
  readonly batch: number;
}

/** One pre-LayerNorm GPT-2 transformer block: x + attn(ln1(x)), then + mlp(ln2(x)); causal. */
export interface BlockModelConfig {
  readonly id: string;
  readonly kind: 'block';
  readonly label: string;
  /** Model width C. */
  readonly width: number;
  readonly heads: number;
  /** Tokens per sequence T. */
  readonly context: number;
  /** Sequences per step (an example is one sequence of `context` tokens). */
  readonly batch: number;
  /** MSE of the block's output against a fixed random target. */
  readonly loss: 'mse';
}

export type TrainModelConfig = MlpModelConfig | BlockModelConfig;

/** How long to run each (implementation, model). Both sides follow the same rule (see timing.ts). */
export interface TrainRunPlan {
  /** Steps after the parity steps and before the estimate. */
  readonly warmupSteps: number;
  /** Timed rounds wanted; the median round is reported. */
  readonly rounds: number;
  /** Fewest rounds when a model is slow. */
  readonly minRounds: number;
  /** Steps per round are chosen so that a round takes about this long (one step at least). */
  readonly roundSeconds: number;
  readonly maxStepsPerRound: number;
  /** Rounds are cut (down to `minRounds`) so that timing one model takes about this long. */
  readonly maxSecondsPerModel: number;
}

/** bench/configs/train.json */
export interface TrainConfig {
  /** nn-core backends, each run in its own process. */
  readonly backends: readonly string[];
  /** The interpreter with Debian's python3-torch. */
  readonly python: string;
  /** torch.set_num_threads for the reference. */
  readonly torchThreads: number;
  /** Also time PyTorch on one thread (our backends run on one), for the explanation. */
  readonly torchSingleThread: boolean;
  /** Plain SGD: w ← w − lr · grad. */
  readonly learningRate: number;
  /** Ours ÷ PyTorch examples/s wanted (full run). */
  readonly target: number;
  /** The losses of the first `steps` steps must agree with PyTorch's to this relative tolerance. */
  readonly parity: { readonly steps: number; readonly relativeTolerance: number };
  readonly models: readonly TrainModelConfig[];
  /** Tiny models of the same kinds for `--smoke`. */
  readonly smokeModels: readonly TrainModelConfig[];
  readonly full: TrainRunPlan;
  readonly smoke: TrainRunPlan;
}

/** What was measured for one model by one implementation. */
export interface ModelTiming {
  readonly id: string;
  readonly parameters: number;
  /** The loss of each parity step (before its update). */
  readonly losses: readonly number[];
  readonly stepsPerRound: number;
  /** ms per step of each timed round. */
  readonly roundMs: readonly number[];
  /** Median of `roundMs`. */
  readonly msPerStep: number;
  /** Tensors (ours) left over after the timed steps; 0 when nothing leaks. */
  readonly leakedTensors?: number;
}

/** What one worker (one nn-core backend, or PyTorch) prints as its last line. */
export interface TrainWorkerResult {
  /** `cpu`, `wasm`, `webgpu`, `torch`, `torch-1t`. */
  readonly implementation: string;
  /** What it ran on (the backend's reason, or PyTorch's version and threads). */
  readonly detail: string;
  /** Whether it ran on a hardware GPU (webgpu on lavapipe does not). */
  readonly hardware: boolean;
  /** Set when the implementation could not run here; then `models` is empty. */
  readonly unavailable?: string;
  readonly models: readonly ModelTiming[];
  /** Models that threw, with the error's message. */
  readonly failures?: ReadonlyArray<{ readonly id: string; readonly error: string }>;
  /** PyTorch only: `torch.__config__.show()` and `parallel_info()`. */
  readonly torchConfig?: string;
  readonly torchParallel?: string;
  readonly torchVersion?: string;
}
