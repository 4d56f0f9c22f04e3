import { throwIfAborted } from './check-options';
import { EmbeddingsError } from './errors';
import { seededRandom } from './random';
import { sgnsTrainSentences } from './sgns-kernel';
import {
  initialVectors,
  learningRate,
  MAX_SENTENCE_WORDS,
  prepareTrainingCorpus,
  type TrainingCorpus,
} from './training-corpus';
import { kernelLayout, kernelMemory, sgnsKernelModule, wasmRun, type KernelLayout, type WasmRun } from './wasm-kernel';
import { WordVectors } from './word-vectors';
import { resolveWord2VecOptions, type Word2VecOptions } from './word2vec-options';

/** Longest stretch of synchronous training before yielding to the event loop, in milliseconds. */
const YIELD_EVERY_MS = 50;

/**
 * Trains word2vec skip-gram with negative sampling on `corpus` (one text, or several documents whose
 * windows never cross), in this thread. Deterministic: the same corpus, options and seed give
 * bit-identical vectors. See {@link Word2VecOptions} for the settings and their defaults; the Node
 * entry `@chatgpt-explained/embeddings/node` has a faster multi-threaded variant.
 *
 * Words are {@link corpusWords}: lower-cased letter runs with inner apostrophes.
 *
 * @throws {EmbeddingsError} `INVALID_ARGUMENT` naming a bad option or a corpus with fewer than 2 words
 *   seen `minCount` times; rejects with the signal's reason when aborted.
 *
 * @example
 * const vectors = await trainWord2Vec(text, { epochs: 20, window: 10, onProgress: (p) => console.log(p.fraction) });
 * vectors.neighbors('king', 5);
 */
export async function trainWord2Vec(
  corpus: string | readonly string[],
  options: Word2VecOptions = {},
): Promise<WordVectors> {
  const resolved = resolveWord2VecOptions('trainWord2Vec', options);
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const prepared = prepareTrainingCorpus('trainWord2Vec', corpus, resolved);
  const { vocabulary, ids, sentenceStarts, sentenceWords, keep, table, sigmoid, logSigmoid } = prepared;
  const dim = resolved.dimensions;
  const random = seededRandom(resolved.seed);
  const syn0 = initialVectors(random, vocabulary.words.length, dim);
  const rngState = Math.floor(random() * 2 ** 32) || 1;
  const wasm = wasmSetup(resolved.kernel, prepared, syn0, dim, resolved.window, resolved.negative, rngState);
  const syn1 = wasm === undefined ? new Float32Array(syn0.length) : new Float32Array(0);
  const state = wasm?.run.state ?? Float64Array.of(rngState, 0, 0, 0);
  const buffer = new Int32Array(wasm === undefined ? MAX_SENTENCE_WORDS : 0);
  const work = new Float64Array(wasm === undefined ? dim : 0);

  const perEpoch = vocabulary.corpusWords;
  const total = perEpoch * resolved.epochs;
  const sentences = sentenceWords.length;
  const started = performance.now();
  let done = 0;
  let nextReport = resolved.progressInterval;
  let lastYield = started;
  let alpha = resolved.alpha;
  let reported = 0;
  const report = (epoch: number): void => {
    reported = done;
    const seconds = (performance.now() - started) / 1000;
    onProgress?.({
      fraction: done / total,
      wordsDone: done,
      loss: state[2]! > 0 ? state[1]! / state[2]! : 0,
      wordsPerSecond: seconds > 0 ? done / seconds : 0,
      epoch,
      alpha,
    });
    state[1] = 0;
    state[2] = 0;
  };
  for (let epoch = 0; epoch < resolved.epochs; epoch++) {
    for (let s = 0; s < sentences; s++) {
      alpha = learningRate(resolved, done, total);
      if (wasm !== undefined) wasm.run.train(s, alpha);
      // prettier-ignore
      else sgnsTrainSentences(syn0, syn1, dim, ids, sentenceStarts, s, s + 1, keep, table, resolved.window,
        resolved.negative, alpha, sigmoid, logSigmoid, buffer, work, state);
      done += sentenceWords[s]!;
      if (done >= nextReport) {
        report(epoch);
        while (nextReport <= done) nextReport += resolved.progressInterval;
        throwIfAborted(signal);
      }
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
        throwIfAborted(signal);
      }
    }
  }
  if (reported !== done) report(resolved.epochs - 1);
  throwIfAborted(signal);
  const vectors =
    wasm === undefined ? syn0 : new Float32Array(wasm.memory.buffer, wasm.layout.syn0, syn0.length).slice();
  return new WordVectors(vocabulary.words, vectors, dim, vocabulary.counts);
}

/** The WebAssembly run of a single-thread training, or undefined for the JavaScript kernel. */
function wasmSetup(
  kernel: 'auto' | 'wasm' | 'js',
  prepared: TrainingCorpus,
  syn0: Float32Array,
  dim: number,
  window: number,
  negative: number,
  rngState: number,
): { run: WasmRun; memory: WebAssembly.Memory; layout: KernelLayout } | undefined {
  if (kernel === 'js') return undefined;
  const module = dim % 4 === 0 ? sgnsKernelModule() : null;
  const layout = kernelLayout(prepared, dim, 1);
  const memory = module === null ? undefined : kernelMemory(prepared, syn0, layout);
  if (module === null || memory === undefined) {
    if (kernel === 'auto') return undefined;
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      dim % 4 !== 0
        ? `trainWord2Vec: kernel 'wasm' needs dimensions a multiple of 4; got ${dim}`
        : "trainWord2Vec: kernel 'wasm' needs WebAssembly SIMD and shared memory, which this host lacks",
      { argument: 'kernel', value: kernel, expected: "'auto' or 'js' here" },
    );
  }
  return { run: wasmRun(module, memory, layout, 0, dim, window, negative, rngState), memory, layout };
}
