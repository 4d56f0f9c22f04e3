import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkInteger, throwIfAborted } from '../check-options';
import { EmbeddingsError } from '../errors';
import { seededRandom } from '../random';
import { sgnsTrainSentences } from '../sgns-kernel';
import { initialVectors, MAX_SENTENCE_WORDS, prepareTrainingCorpus } from '../training-corpus';
import { kernelLayout, kernelMemory, sgnsKernelModule } from '../wasm-kernel';
import { WordVectors } from '../word-vectors';
import { resolveWord2VecOptions, type Word2VecOptions } from '../word2vec-options';

/** Options of {@link trainWord2VecParallel}: those of single-thread training plus the thread count. */
export interface ParallelWord2VecOptions extends Word2VecOptions {
  /** Worker threads. Default: the machine's available parallelism, at most 8. */
  readonly workers?: number;
}

/** How often the main thread reads the workers' counters for progress reports, in milliseconds. */
const POLL_MS = 100;

/** Shared counters, per worker w: [3w] corpus words done, [3w + 1] loss sum, [3w + 2] pairs. */
const COUNTERS_PER_WORKER = 3;

/**
 * The worker's program, run with `eval: true`: the JavaScript kernel's own source text, the compiled
 * WebAssembly kernel, and a loop over the worker's share of the sentences. Worker w trains sentences
 * s ≡ w (mod workers) for every epoch, its learning rate decayed by its own progress (the reference
 * word2vec's threads each own a slice of the corpus likewise); vectors live in one shared memory and
 * are updated without locks (Hogwild, as in word2vec and gensim).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const jsKernel = (${sgnsTrainSentences.toString()});
const d = workerData;
const b = d.memory.buffer;
const view = (Type, at, length) => new Type(b, at, length);
const L = d.layout;
const words = view(Int32Array, L.words, L.sentences);
const counters = new Float64Array(d.counters);
const stop = new Int32Array(d.stop);
const own = L.workers[d.worker];
const state = view(Float64Array, own.state, 4);
let train;
if (d.module) {
  const instance = new WebAssembly.Instance(d.module, { env: { memory: d.memory, log1pexp: (x) => Math.log1p(Math.exp(x)) } });
  const kernel = instance.exports.train;
  new Int32Array(b, own.state, 1)[0] = d.rngState | 0;
  const scale = L.cells / 12;
  train = (s, alpha) => kernel(L.syn0, L.syn1, d.dim, L.ids, L.starts, s, s + 1, L.keep, L.table, L.tableSize - 1,
    d.window, d.negative, alpha, L.sigmoid, L.logSigmoid, scale, own.buffer, own.work, own.state);
} else {
  const syn0 = view(Float32Array, L.syn0, L.vectors);
  const syn1 = view(Float32Array, L.syn1, L.vectors);
  const ids = view(Int32Array, L.ids, L.idCount);
  const starts = view(Int32Array, L.starts, L.sentences + 1);
  const keep = view(Float64Array, L.keep, L.vocabulary);
  const table = view(Int32Array, L.table, L.tableSize);
  const sigmoid = view(Float64Array, L.sigmoid, L.cells);
  const logSigmoid = view(Float64Array, L.logSigmoid, L.cells);
  const buffer = view(Int32Array, own.buffer, d.maxSentence);
  const work = new Float64Array(d.dim);
  state[0] = d.rngState;
  train = (s, alpha) => jsKernel(syn0, syn1, d.dim, ids, starts, s, s + 1, keep, table, d.window, d.negative, alpha,
    sigmoid, logSigmoid, buffer, work, state);
}
// The wasm kernel keeps its generator state as an i32 in the first 4 bytes; loss and pairs at +8, +16.
let mine = 0;
for (let s = d.worker; s < words.length; s += d.workers) mine += words[s];
const total = mine * d.epochs;
let done = 0;
const base = d.worker * ${COUNTERS_PER_WORKER};
outer: for (let epoch = 0; epoch < d.epochs; epoch++) {
  for (let s = d.worker; s < words.length; s += d.workers) {
    if (Atomics.load(stop, 0) !== 0) break outer;
    train(s, d.alpha - (d.alpha - d.minAlpha) * Math.min(1, done / total));
    done += words[s];
    counters[base] = done;
    counters[base + 1] = state[1];
    counters[base + 2] = state[2];
  }
}
parentPort.postMessage('done');
`;

/**
 * word2vec skip-gram with negative sampling on several worker threads sharing the vectors (Node only).
 * Same algorithm, options and defaults as `trainWord2Vec`; with more than one worker the result
 * depends on thread timing (like gensim with several workers), so use `trainWord2Vec` when the exact
 * vectors must be reproducible. `workers: 1` runs the same program on one worker thread.
 *
 * Progress is read from the workers every 100 ms: `loss` is the mean over the pairs trained since the
 * previous report.
 *
 * @throws {EmbeddingsError} `INVALID_ARGUMENT` naming a bad option; rejects with the signal's reason when aborted.
 */
export async function trainWord2VecParallel(
  corpus: string | readonly string[],
  options: ParallelWord2VecOptions = {},
): Promise<WordVectors> {
  const resolved = resolveWord2VecOptions('trainWord2VecParallel', options);
  const workers = checkInteger(
    'trainWord2VecParallel',
    'workers',
    options.workers ?? Math.min(8, availableParallelism()),
    1,
    256,
  );
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const prepared = prepareTrainingCorpus('trainWord2VecParallel', corpus, resolved);
  const { vocabulary } = prepared;
  const dim = resolved.dimensions;
  const random = seededRandom(resolved.seed);
  const lay = kernelLayout(prepared, dim, workers);
  const memory = kernelMemory(prepared, initialVectors(random, vocabulary.words.length, dim), lay);
  if (memory === undefined) {
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      'trainWord2VecParallel: this host cannot create shared WebAssembly memory',
      {
        argument: 'workers',
        value: workers,
      },
    );
  }
  const module = resolved.kernel === 'js' || dim % 4 !== 0 ? null : sgnsKernelModule();
  if (module === null && resolved.kernel === 'wasm') {
    throw new EmbeddingsError(
      'INVALID_ARGUMENT',
      `trainWord2VecParallel: kernel 'wasm' needs dimensions a multiple of 4 and WebAssembly SIMD; got dimensions ${dim}`,
      {
        argument: 'kernel',
        value: resolved.kernel,
        expected: "'auto' or 'js' here",
      },
    );
  }
  const countersBuffer = new SharedArrayBuffer(8 * COUNTERS_PER_WORKER * workers);
  const stopBuffer = new SharedArrayBuffer(4);
  const counters = new Float64Array(countersBuffer);
  const common = {
    memory,
    module: module ?? undefined,
    layout: { ...lay },
    counters: countersBuffer,
    stop: stopBuffer,
    maxSentence: MAX_SENTENCE_WORDS,
    dim,
    workers,
    epochs: resolved.epochs,
    window: resolved.window,
    negative: resolved.negative,
    alpha: resolved.alpha,
    minAlpha: resolved.minAlpha,
  };

  const total = vocabulary.corpusWords * resolved.epochs;
  const started = performance.now();
  let reportedWords = 0;
  let reportedLoss = 0;
  let reportedPairs = 0;
  const report = (final: boolean): void => {
    let done = 0;
    let loss = 0;
    let pairs = 0;
    for (let w = 0; w < workers; w++) {
      done += counters[w * COUNTERS_PER_WORKER]!;
      loss += counters[w * COUNTERS_PER_WORKER + 1]!;
      pairs += counters[w * COUNTERS_PER_WORKER + 2]!;
    }
    if (!final && done - reportedWords < resolved.progressInterval) return;
    if (final && done === reportedWords) return;
    const seconds = (performance.now() - started) / 1000;
    const fraction = done / total;
    onProgress?.({
      fraction,
      wordsDone: done,
      loss: pairs > reportedPairs ? (loss - reportedLoss) / (pairs - reportedPairs) : 0,
      wordsPerSecond: seconds > 0 ? done / seconds : 0,
      epoch: Math.min(resolved.epochs - 1, Math.floor(fraction * resolved.epochs)),
      alpha: resolved.alpha - (resolved.alpha - resolved.minAlpha) * Math.min(1, fraction),
    });
    reportedWords = done;
    reportedLoss = loss;
    reportedPairs = pairs;
  };

  const threads: Worker[] = [];
  const finished = Promise.all(
    Array.from({ length: workers }, (_, worker) => {
      const rngState = Math.floor(seededRandom((resolved.seed + 0x9e3779b9 * (worker + 1)) >>> 0)() * 2 ** 32) || 1;
      const thread = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...common, worker, rngState } });
      threads.push(thread);
      return new Promise<void>((resolve, reject) => {
        thread.once('message', () => resolve());
        thread.once('error', (error) =>
          reject(
            new EmbeddingsError(
              'INVALID_ARGUMENT',
              `trainWord2VecParallel: worker ${worker} failed: ${error.message}`,
              {
                cause: error,
              },
            ),
          ),
        );
      });
    }),
  );
  const poll = setInterval(() => report(false), POLL_MS);
  const abort = (): void => {
    Atomics.store(new Int32Array(stopBuffer), 0, 1);
  };
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await finished;
  } finally {
    clearInterval(poll);
    signal?.removeEventListener('abort', abort);
    await Promise.all(threads.map((t) => t.terminate()));
  }
  throwIfAborted(signal);
  report(true);
  const syn0 = new Float32Array(memory.buffer, lay.syn0, lay.vectors).slice();
  return new WordVectors(vocabulary.words, syn0, dim, vocabulary.counts);
}
