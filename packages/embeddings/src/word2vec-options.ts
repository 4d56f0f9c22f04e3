import { checkInteger, checkNumber } from './check-options';
import { EmbeddingsError } from './errors';

/** Progress of word2vec training, reported every `progressInterval` corpus words. */
export interface Word2VecProgress {
  /** Fraction of all training done, 0 … 1. */
  readonly fraction: number;
  /** Corpus words processed so far over all epochs (every word of the text, as gensim counts raw words). */
  readonly wordsDone: number;
  /** Mean SGNS loss per (context, centre) pair since the previous report: −log σ(f₊) − Σ log σ(−f₋). */
  readonly loss: number;
  /** Corpus words per second since training started. */
  readonly wordsPerSecond: number;
  /** The epoch being trained, from 0. */
  readonly epoch: number;
  /** The learning rate now. */
  readonly alpha: number;
}

/**
 * Settings of skip-gram with negative sampling. Defaults are those of the reference word2vec / gensim
 * (`Word2Vec(sg=1)`), except `window`, which gensim also sets to 5.
 */
export interface Word2VecOptions {
  /** Vector length. Default 100. */
  readonly dimensions?: number;
  /** Maximum distance between centre and context word; each centre draws a reduced window in 1 … window. Default 5. */
  readonly window?: number;
  /** Negative samples per (context, centre) pair, from the unigram^0.75 distribution. Default 5. */
  readonly negative?: number;
  /** Words seen fewer times are ignored. Default 5. */
  readonly minCount?: number;
  /** Keep only this many most frequent words (gensim's `max_final_vocab`). Default: no limit. */
  readonly maxVocab?: number;
  /** Subsampling threshold (gensim's `sample`); 0 turns subsampling off. Default 1e-3. */
  readonly sample?: number;
  /** Passes over the corpus. Small corpora need many (20 for about a million words). Default 5. */
  readonly epochs?: number;
  /** Initial learning rate, decayed linearly to `minAlpha` over all epochs. Default 0.025. */
  readonly alpha?: number;
  /** Final learning rate. Default 1e-4. */
  readonly minAlpha?: number;
  /** Seed of every random choice; single-thread training with the same seed gives identical vectors. Default 1. */
  readonly seed?: number;
  /** Corpus words between progress reports (and loss points). Default 10,000. */
  readonly progressInterval?: number;
  /**
   * The inner loop: `'wasm'`, a WebAssembly SIMD128 kernel (about four times the speed; needs
   * `dimensions` a multiple of 4 and shared WebAssembly memory, which browsers give cross-origin
   * isolated pages only); `'js'`, plain JavaScript; `'auto'` (default), wasm where it can run, else js.
   * The two use the same random choices but round differently, so a seed reproduces vectors bit for
   * bit with the same kernel.
   */
  readonly kernel?: 'auto' | 'wasm' | 'js';
  /** Stops training at the next sentence; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called every `progressInterval` corpus words and once at the end. */
  readonly onProgress?: (progress: Word2VecProgress) => void;
}

/** {@link Word2VecOptions} with every default filled in. */
export interface ResolvedWord2VecOptions {
  readonly dimensions: number;
  readonly window: number;
  readonly negative: number;
  readonly minCount: number;
  readonly maxVocab: number | undefined;
  readonly sample: number;
  readonly epochs: number;
  readonly alpha: number;
  readonly minAlpha: number;
  readonly seed: number;
  readonly progressInterval: number;
  readonly kernel: 'auto' | 'wasm' | 'js';
}

/** The defaults of {@link Word2VecOptions}. */
export const WORD2VEC_DEFAULTS = {
  dimensions: 100,
  window: 5,
  negative: 5,
  minCount: 5,
  sample: 1e-3,
  epochs: 5,
  alpha: 0.025,
  minAlpha: 1e-4,
  seed: 1,
  progressInterval: 10_000,
  kernel: 'auto',
} as const;

const KNOWN = new Set([...Object.keys(WORD2VEC_DEFAULTS), 'maxVocab', 'signal', 'onProgress', 'workers']);

/**
 * Fills in defaults and checks every option; throws {@link EmbeddingsError} `INVALID_ARGUMENT` naming
 * the option and the value, also for an option it does not know (never silently ignored).
 */
export function resolveWord2VecOptions(operation: string, options: Word2VecOptions = {}): ResolvedWord2VecOptions {
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) {
      throw new EmbeddingsError('INVALID_ARGUMENT', `${operation}: unknown option ${key}`, {
        argument: key,
        value: (options as Record<string, unknown>)[key],
        expected: [...KNOWN].join(', '),
      });
    }
  }
  const d = WORD2VEC_DEFAULTS;
  const alpha = checkNumber(operation, 'alpha', options.alpha ?? d.alpha, 0, Infinity, true);
  const minAlpha = checkNumber(operation, 'minAlpha', options.minAlpha ?? d.minAlpha, 0, alpha);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new EmbeddingsError('INVALID_ARGUMENT', `${operation}: onProgress must be a function`, {
      argument: 'onProgress',
      value: options.onProgress,
      expected: 'function',
    });
  }
  const kernel = options.kernel ?? d.kernel;
  if (kernel !== 'auto' && kernel !== 'wasm' && kernel !== 'js') {
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      `${operation}: kernel must be 'auto', 'wasm' or 'js'; got ${String(kernel)}`,
      {
        argument: 'kernel',
        value: kernel,
        expected: "'auto' | 'wasm' | 'js'",
      },
    );
  }
  return {
    kernel,
    dimensions: checkInteger(operation, 'dimensions', options.dimensions ?? d.dimensions, 1, 10_000),
    window: checkInteger(operation, 'window', options.window ?? d.window, 1, 1000),
    negative: checkInteger(operation, 'negative', options.negative ?? d.negative, 1, 1000),
    minCount: checkInteger(operation, 'minCount', options.minCount ?? d.minCount, 1),
    maxVocab: options.maxVocab === undefined ? undefined : checkInteger(operation, 'maxVocab', options.maxVocab, 1),
    sample: checkNumber(operation, 'sample', options.sample ?? d.sample, 0, 1),
    epochs: checkInteger(operation, 'epochs', options.epochs ?? d.epochs, 1, 10_000),
    alpha,
    minAlpha,
    seed: checkInteger(operation, 'seed', options.seed ?? d.seed, 0, 2 ** 32 - 1),
    progressInterval: checkInteger(operation, 'progressInterval', options.progressInterval ?? d.progressInterval, 1),
  };
}
