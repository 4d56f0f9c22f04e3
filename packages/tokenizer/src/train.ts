import { GPT2_BYTE_ORDER } from './byte-unicode';
import { TokenizerError } from './errors';
import { countPieces } from './training/count-pieces';
import { PairHeap } from './training/pair-heap';
import type { BpeDefinition } from './types';

/** A progress report of {@link trainBpe}, sent about every 50 ms and once at the end. */
export interface TrainBpeProgress {
  /** Merges learned so far. */
  readonly merges: number;
  /** Merges wanted: `vocabSize - 256 - specialTokens.length` (training may stop earlier). */
  readonly totalMerges: number;
  /** Ids the vocabulary would have if training stopped now: 256 + merges + special tokens. */
  readonly vocabSize: number;
}

/** Options of {@link trainBpe}. */
export interface TrainBpeOptions {
  /**
   * Number of ids wanted, special tokens included: 256 bytes + merges + special tokens. At least
   * `256 + specialTokens.length`, at most 2^24. The result is smaller when no pair occurs
   * `minFrequency` times any more.
   */
  readonly vocabSize: number;
  /**
   * Special tokens, which get the last ids in this order. Where they appear in the corpus they cut
   * it (like document boundaries) and are never merged with their neighbours. Default
   * `['<|endoftext|>']`.
   */
  readonly specialTokens?: readonly string[];
  /** Stop early when the most frequent pair occurs fewer times than this. Default 2. */
  readonly minFrequency?: number;
  /** Name of the encoding. Default `'bpe'`. */
  readonly name?: string;
  /** Aborts training: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called about every 50 ms and once at the end. */
  readonly onProgress?: (event: TrainBpeProgress) => void;
}

const OPTION_NAMES = ['vocabSize', 'specialTokens', 'minFrequency', 'name', 'signal', 'onProgress'];
const MAX_VOCAB_SIZE = 1 << 24;
const YIELD_MS = 50;

interface CheckedOptions {
  readonly vocabSize: number;
  readonly specialTokens: readonly string[];
  readonly minFrequency: number;
  readonly name: string;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((event: TrainBpeProgress) => void) | undefined;
}

function invalid(argument: string, value: unknown, expected: string): TokenizerError {
  const shown = typeof value === 'function' ? 'a function' : (JSON.stringify(value) ?? String(value));
  return new TokenizerError('INVALID_ARGUMENT', `trainBpe: ${argument} is ${shown}; expected ${expected}`, {
    argument,
    value,
    expected,
  });
}

function checkOptions(options: TrainBpeOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', options, 'an object');
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      const expected = `one of the options ${OPTION_NAMES.join(', ')}`;
      throw new TokenizerError('INVALID_ARGUMENT', `trainBpe: options.${key} is not an option; expected ${expected}`, {
        argument: `options.${key}`,
        value: (options as unknown as Record<string, unknown>)[key],
        expected,
      });
    }
  }
  const specialTokens = options.specialTokens ?? ['<|endoftext|>'];
  if (!Array.isArray(specialTokens)) {
    throw invalid('options.specialTokens', specialTokens, 'an array of strings');
  }
  specialTokens.forEach((token: unknown, i) => {
    if (typeof token !== 'string' || token === '') {
      throw invalid(`options.specialTokens[${i}]`, token, 'a non-empty string');
    }
    if (specialTokens.indexOf(token) !== i) throw invalid(`options.specialTokens[${i}]`, token, 'distinct tokens');
  });
  const { vocabSize } = options;
  const least = 256 + specialTokens.length;
  if (
    typeof vocabSize !== 'number' ||
    !Number.isInteger(vocabSize) ||
    vocabSize < least ||
    vocabSize > MAX_VOCAB_SIZE
  ) {
    throw invalid(
      'options.vocabSize',
      vocabSize,
      `an integer from ${least} (256 bytes + ${specialTokens.length} special tokens) to ${MAX_VOCAB_SIZE}`,
    );
  }
  const minFrequency = options.minFrequency ?? 2;
  if (typeof minFrequency !== 'number' || !Number.isSafeInteger(minFrequency) || minFrequency < 1) {
    throw invalid('options.minFrequency', minFrequency, 'an integer ≥ 1');
  }
  const name = options.name ?? 'bpe';
  if (typeof name !== 'string' || name === '') throw invalid('options.name', name, 'a non-empty string');
  const { signal, onProgress } = options;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || !('aborted' in signal))) {
    throw invalid('options.signal', signal, 'an AbortSignal');
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw invalid('options.onProgress', onProgress, 'a function');
  }
  return { vocabSize, specialTokens, minFrequency, name, signal, onProgress };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Learns a byte-level BPE vocabulary from a corpus (a text, or several documents), GPT-2 style.
 *
 * 1. Every document is cut at the special tokens, then split into pieces with GPT-2's pre-tokenizer
 *    pattern; merges never cross a piece. Each distinct piece is counted once with its frequency.
 * 2. Ids 0…255 are the single bytes in GPT-2's order ({@link GPT2_BYTE_ORDER}: `!` is 0, byte 0 is
 *    188), so the vocab files look like GPT-2's.
 * 3. Repeatedly the most frequent adjacent pair of tokens becomes a new token with the next id, and
 *    every occurrence in every piece is merged, left to right (`a a a` → `aa a`). Ties go to the pair
 *    whose left token's bytes sort first, then the right token's (bytes compared as unsigned
 *    numbers, a prefix first), so the result depends only on the corpus and the options.
 * 4. Training stops at `vocabSize` or when no pair occurs `minFrequency` times; the special tokens
 *    then take the next ids.
 *
 * Pair counts are kept up to date incrementally through an index from each pair to the pieces that
 * hold it, with a max-heap whose stale entries are skipped when popped, so each merge costs time in
 * proportion to the pieces it touches. The work yields to the event loop about every 50 ms, where
 * `signal` is checked and `onProgress` called.
 *
 * The result's merges are in learning order; with `createEncoding` it encodes any text and decodes
 * it back exactly. Bad options throw `INVALID_ARGUMENT` naming the option.
 */
export async function trainBpe(corpus: string | Iterable<string>, options: TrainBpeOptions): Promise<BpeDefinition> {
  const { vocabSize, specialTokens, minFrequency, name, signal, onProgress } = checkOptions(options);
  const iterable = typeof corpus === 'object' && corpus !== null && Symbol.iterator in corpus;
  if (typeof corpus !== 'string' && !iterable) throw invalid('corpus', corpus, 'a string or an iterable of strings');
  const documents: Iterable<unknown> = typeof corpus === 'string' ? [corpus] : corpus;
  signal?.throwIfAborted();

  const totalMerges = vocabSize - 256 - specialTokens.length;
  const tokens: Uint8Array[] = GPT2_BYTE_ORDER.map((byte) => Uint8Array.of(byte));
  const merges: [number, number][] = [];
  const progress = (): TrainBpeProgress => ({
    merges: merges.length,
    totalMerges,
    vocabSize: tokens.length + specialTokens.length,
  });
  let lastYield = performance.now();
  const pause = async (force = false) => {
    if (!force && performance.now() - lastYield < YIELD_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    lastYield = performance.now();
    signal?.throwIfAborted();
    onProgress?.(progress());
  };

  // 1. Distinct pieces and their frequencies.
  const pieceCounts = new Map<string, number>();
  let index = 0;
  for (const document of documents) {
    if (typeof document !== 'string') throw invalid(`corpus[${index}]`, document, 'a string');
    await countPieces(document, specialTokens, pieceCounts, pause);
    index++;
  }

  // 2. Pieces as arrays of ids; pair counts and the pair → pieces index.
  const idOfByte = new Int32Array(256);
  GPT2_BYTE_ORDER.forEach((byte, id) => (idOfByte[byte] = id));
  const encoder = new TextEncoder();
  const words: number[][] = [];
  const freq: number[] = [];
  for (const [piece, count] of pieceCounts) {
    const bytes = encoder.encode(piece);
    if (bytes.length < 2) continue;
    words.push(Array.from(bytes, (b) => idOfByte[b]!));
    freq.push(count);
  }
  pieceCounts.clear();

  const M = vocabSize;
  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, number[]>();
  const addPair = (pair: number, word: number, count: number) => {
    pairCount.set(pair, (pairCount.get(pair) ?? 0) + count);
    const list = pairWords.get(pair);
    if (list === undefined) pairWords.set(pair, [word]);
    else if (list[list.length - 1] !== word) list.push(word);
  };
  words.forEach((word, w) => {
    for (let i = 0; i + 1 < word.length; i++) addPair(word[i]! * M + word[i + 1]!, w, freq[w]!);
  });

  const before = (a: number, b: number) => {
    const c = compareBytes(tokens[Math.floor(a / M)]!, tokens[Math.floor(b / M)]!);
    return c < 0 || (c === 0 && compareBytes(tokens[a % M]!, tokens[b % M]!) < 0);
  };
  const heap = new PairHeap(before);
  for (const [pair, count] of pairCount) heap.push(count, pair);
  await pause(true);

  // 3. Merge the most frequent pair until the vocabulary is full.
  const seenInStep = new Int32Array(words.length).fill(-1);
  const newPairs = new Set<number>();
  while (merges.length < totalMerges) {
    const top = heap.pop();
    if (top === undefined) break;
    const live = pairCount.get(top.pair) ?? 0;
    if (live !== top.count) {
      if (live > 0) heap.push(live, top.pair);
      continue;
    }
    if (live < minFrequency) break;

    const left = Math.floor(top.pair / M);
    const right = top.pair % M;
    const id = tokens.length;
    const step = merges.length;
    tokens.push(concat(tokens[left]!, tokens[right]!));
    merges.push([left, right]);
    const affected = pairWords.get(top.pair) ?? [];
    pairWords.delete(top.pair);
    newPairs.clear();

    for (const w of affected) {
      if (seenInStep[w] === step) continue;
      seenInStep[w] = step;
      const word = words[w]!;
      const merged: number[] = [];
      for (let i = 0; i < word.length; i++) {
        if (i + 1 < word.length && word[i] === left && word[i + 1] === right) {
          merged.push(id);
          i++;
        } else merged.push(word[i]!);
      }
      if (merged.length === word.length) continue;
      const count = freq[w]!;
      for (let i = 0; i + 1 < word.length; i++) {
        const pair = word[i]! * M + word[i + 1]!;
        const remaining = pairCount.get(pair)! - count;
        if (remaining > 0) pairCount.set(pair, remaining);
        else {
          pairCount.delete(pair);
          if (pair !== top.pair) pairWords.delete(pair);
        }
      }
      for (let i = 0; i + 1 < merged.length; i++) {
        const a = merged[i]!;
        const b = merged[i + 1]!;
        const pair = a * M + b;
        addPair(pair, w, count);
        if (a === id || b === id) newPairs.add(pair);
      }
      words[w] = merged;
    }
    for (const pair of newPairs) heap.push(pairCount.get(pair)!, pair);
    await pause();
  }

  // 4. Special tokens after the learned ones.
  const specials = Object.fromEntries(specialTokens.map((token, i) => [token, tokens.length + i]));
  await pause(true);
  return { name, tokens, merges, pattern: 'gpt2', specialTokens: specials };
}
