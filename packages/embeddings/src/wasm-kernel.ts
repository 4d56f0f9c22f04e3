import { SGNS_KERNEL_WASM_BASE64 } from './sgns-kernel-wasm';
import { MAX_SENTENCE_WORDS, type TrainingCorpus } from './training-corpus';

/** Byte offsets of every array of a training run in one WebAssembly memory (16-byte aligned). */
export interface KernelLayout {
  readonly syn0: number;
  readonly syn1: number;
  readonly ids: number;
  readonly starts: number;
  readonly words: number;
  readonly keep: number;
  readonly table: number;
  readonly sigmoid: number;
  readonly logSigmoid: number;
  /** Per worker: sentence buffer, update accumulator, state (+0 i32 generator, +8 loss, +16 pairs, +24 centres). */
  readonly workers: readonly { readonly buffer: number; readonly work: number; readonly state: number }[];
  readonly vectors: number;
  readonly idCount: number;
  readonly sentences: number;
  readonly vocabulary: number;
  readonly tableSize: number;
  /** Cells of the σ tables. */
  readonly cells: number;
  readonly bytes: number;
}

/** Lays out a training run for `workers` threads. */
export function kernelLayout(prepared: TrainingCorpus, dim: number, workers: number): KernelLayout {
  let at = 16; // offset 0 stays unused
  const take = (bytes: number): number => {
    const start = at;
    at += Math.ceil(bytes / 16) * 16;
    return start;
  };
  const vectors = prepared.vocabulary.words.length * dim;
  const layout = {
    syn0: take(4 * vectors),
    syn1: take(4 * vectors),
    ids: take(prepared.ids.byteLength),
    starts: take(prepared.sentenceStarts.byteLength),
    words: take(prepared.sentenceWords.byteLength),
    keep: take(prepared.keep.byteLength),
    table: take(prepared.table.byteLength),
    sigmoid: take(prepared.sigmoid.byteLength),
    logSigmoid: take(prepared.logSigmoid.byteLength),
    workers: Array.from({ length: workers }, () => ({
      buffer: take(4 * MAX_SENTENCE_WORDS),
      work: take(4 * dim),
      state: take(32),
    })),
    vectors,
    idCount: prepared.ids.length,
    sentences: prepared.sentenceWords.length,
    vocabulary: prepared.vocabulary.words.length,
    tableSize: prepared.table.length,
    cells: prepared.sigmoid.length,
  };
  return { ...layout, bytes: at };
}

/** Copies `array` into `memory` at byte offset `at`. */
export function put(memory: WebAssembly.Memory, at: number, array: Float32Array | Float64Array | Int32Array): void {
  new Uint8Array(memory.buffer, at, array.byteLength).set(
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength),
  );
}

/**
 * A shared memory holding the corpus, tables and initial vectors of a run (syn1 zero), or undefined
 * where the host cannot create shared WebAssembly memory (a browser page without cross-origin isolation).
 */
export function kernelMemory(
  prepared: TrainingCorpus,
  syn0: Float32Array,
  layout: KernelLayout,
): WebAssembly.Memory | undefined {
  const pages = Math.ceil(layout.bytes / 65536);
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return undefined;
  }
  put(memory, layout.syn0, syn0);
  put(memory, layout.ids, prepared.ids);
  put(memory, layout.starts, prepared.sentenceStarts);
  put(memory, layout.words, prepared.sentenceWords);
  put(memory, layout.keep, prepared.keep);
  put(memory, layout.table, prepared.table);
  put(memory, layout.sigmoid, prepared.sigmoid);
  put(memory, layout.logSigmoid, prepared.logSigmoid);
  return memory;
}

let compiled: WebAssembly.Module | null | undefined;
/** The SIMD kernel module, compiled once; null where the host lacks WebAssembly SIMD. */
export function sgnsKernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(SGNS_KERNEL_WASM_BASE64), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** `log(1 + exp(x))`, the kernel's import for |f| beyond its σ table. */
export const log1pexp = (x: number): number => Math.log1p(Math.exp(x));

/** One thread's view of a run in WebAssembly memory. */
export interface WasmRun {
  /** Trains sentence `s` at learning rate `alpha`. */
  train(s: number, alpha: number): void;
  /** This thread's state: [1] loss sum, [2] pairs, [3] centre words (index 0 is the generator's bytes). */
  readonly state: Float64Array;
}

/** Instantiates the kernel for worker `worker` of `layout` in `memory`, its generator seeded with `rngState`. */
export function wasmRun(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  layout: KernelLayout,
  worker: number,
  dim: number,
  window: number,
  negative: number,
  rngState: number,
): WasmRun {
  const instance = new WebAssembly.Instance(module, { env: { memory, log1pexp } });
  const kernel = instance.exports['train'] as (...args: number[]) => void;
  const own = layout.workers[worker]!;
  new Int32Array(memory.buffer, own.state, 1)[0] = rngState | 0;
  const scale = layout.cells / 12;
  const L = layout;
  return {
    // prettier-ignore
    train: (s, alpha) => kernel(L.syn0, L.syn1, dim, L.ids, L.starts, s, s + 1, L.keep, L.table, L.tableSize - 1, window,
      negative, alpha, L.sigmoid, L.logSigmoid, scale, own.buffer, own.work, own.state),
    state: new Float64Array(memory.buffer, own.state, 4),
  };
}
