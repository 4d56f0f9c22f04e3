import { BpeMerger } from './bpe/merge';
import { PairTable } from './bpe/pair-table';
import { hashUnits, PieceCache } from './bpe/piece-cache';
import type { TokenTable } from './bpe/token-table';
import { TokenizerError } from './errors';
import { createSplitter, type Splitter } from './pretokenize/splitter';
import { refuseDisallowed, SpecialFinder, specialPolicy } from './special-tokens';
import { StreamingDecoder } from './stream-decoder';
import type { EncodeOptions, Encoding, StreamDecoder, TokenPiece, PatternName } from './types';
import { encodeUtf8Into } from './utf8';

/** Pieces up to this many UTF-16 units have their tokens cached. */
const MAX_CACHED_PIECE = 64;
/** The piece cache is emptied when it reaches this many entries (keeps memory bounded). */
const MAX_CACHE_ENTRIES = 1 << 17;

/** The highest id an encoding may have. */
const MAX_ID = (1 << 24) - 1;
/** Scratch buffers above this many elements are dropped after a call, not kept for the next. */
const KEEP_BUFFER = 1 << 20;

/** What {@link BpeEncoding} is built from; see `createEncoding` for the public form. */
export interface BpeEncodingParts {
  readonly name: string;
  readonly tokens: TokenTable;
  /** Explicit merges (Hugging Face semantics); undefined for tiktoken semantics. */
  readonly merges: readonly (readonly [number, number])[] | undefined;
  readonly pattern: PatternName | { readonly regex: string };
  readonly specialTokens: Readonly<Record<string, number>>;
}

/** A byte-level BPE encoding (GPT-2, cl100k_base, o200k_base, or a trained one). */
export class BpeEncoding implements Encoding {
  readonly name: string;
  readonly vocabSize: number;
  readonly eotToken: number;
  readonly specialTokens: Readonly<Record<string, number>>;

  private readonly tokens: TokenTable;
  private readonly merger: BpeMerger;
  /** tiktoken looks a whole piece up before merging; Hugging Face's BPE does not. */
  private readonly wholePieceLookup: boolean;
  private readonly splitter: Splitter;
  private readonly cache = new PieceCache(MAX_CACHE_ENTRIES);
  private out = new Int32Array(1024);
  private outLength = 0;
  private utf8 = new Uint8Array(1024);
  private ids = new Int32Array(1024);
  /** Bytes of every id, ordinary and special, for decoding. */
  private readonly decodeBytesFlat: Uint8Array;
  private readonly decodeOffsets: Uint32Array;
  private readonly specialIds: ReadonlySet<number>;
  private readonly textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(parts: BpeEncodingParts) {
    this.name = parts.name;
    this.tokens = parts.tokens;
    this.specialTokens = Object.freeze({ ...parts.specialTokens });
    const pairs =
      parts.merges === undefined
        ? PairTable.byConcatenation(parts.tokens)
        : PairTable.explicit(parts.tokens, parts.merges);
    this.merger = new BpeMerger(pairs);
    this.wholePieceLookup = parts.merges === undefined;
    this.splitter = createSplitter(parts.pattern);

    const specials = Object.entries(this.specialTokens);
    let vocabSize = parts.tokens.size;
    for (const [token, id] of specials) {
      if (token === '') {
        throw new TokenizerError('INVALID_VOCABULARY', 'specialTokens: a special token cannot be the empty string', {
          argument: 'specialTokens',
          value: token,
          expected: 'non-empty strings',
        });
      }
      if (!Number.isInteger(id) || id < 0 || id > MAX_ID || (id < parts.tokens.size && parts.tokens.length(id) > 0)) {
        throw new TokenizerError('INVALID_VOCABULARY', `specialTokens: ${token} has id ${id}, which is not free`, {
          argument: `specialTokens[${JSON.stringify(token)}]`,
          value: id,
          expected: `an integer id up to ${MAX_ID} not used by an ordinary token`,
        });
      }
      vocabSize = Math.max(vocabSize, id + 1);
    }
    this.vocabSize = vocabSize;
    this.eotToken = this.specialTokens['<|endoftext|>'] ?? -1;
    this.specialIds = new Set(specials.map(([, id]) => id));

    const encoder = new TextEncoder();
    const specialBytes = new Map(specials.map(([token, id]) => [id, encoder.encode(token)]));
    let total = parts.tokens.bytes.length;
    for (const bytes of specialBytes.values()) total += bytes.length;
    this.decodeBytesFlat = new Uint8Array(total);
    this.decodeBytesFlat.set(parts.tokens.bytes);
    this.decodeOffsets = new Uint32Array(vocabSize + 1);
    this.decodeOffsets.set(parts.tokens.offsets);
    let offset = parts.tokens.bytes.length;
    for (let id = parts.tokens.size; id < vocabSize; id++) {
      this.decodeOffsets[id] = offset;
      const bytes = specialBytes.get(id);
      if (bytes !== undefined) {
        this.decodeBytesFlat.set(bytes, offset);
        offset += bytes.length;
      }
    }
    this.decodeOffsets[vocabSize] = offset;
  }

  encode(text: string, options?: EncodeOptions): number[] {
    this.run(text, options, true, Infinity);
    return this.takeOutput();
  }

  countTokens(text: string, options?: EncodeOptions): number {
    return this.run(text, options, false, Infinity);
  }

  isWithinTokenLimit(text: string, limit: number, options?: EncodeOptions): number | false {
    if (typeof limit !== 'number' || !(limit >= 0) || (!Number.isInteger(limit) && limit !== Infinity)) {
      throw new TokenizerError('INVALID_ARGUMENT', `limit must be a non-negative integer, got ${String(limit)}`, {
        argument: 'limit',
        value: limit,
        expected: 'an integer ≥ 0',
      });
    }
    const count = this.run(text, options, false, limit);
    return count > limit ? false : count;
  }

  decode(ids: ArrayLike<number>): string {
    return this.textDecoder.decode(this.decodeBytes(ids));
  }

  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    if (typeof ids !== 'object' || ids === null || !Number.isSafeInteger(ids.length) || ids.length < 0) {
      throw new TokenizerError('INVALID_ARGUMENT', 'ids must be an array of token ids', {
        argument: 'ids',
        value: ids,
        expected: 'an array or typed array of integers',
      });
    }
    const offsets = this.decodeOffsets;
    const vocabSize = this.vocabSize;
    const n = ids.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (!(id >>> 0 === id && id < vocabSize) || offsets[id + 1] === offsets[id]) this.badId(ids, i);
      total += offsets[id + 1]! - offsets[id]!;
    }
    const flat = this.decodeBytesFlat;
    const out = new Uint8Array(total);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      const end = offsets[id + 1]!;
      for (let j = offsets[id]!; j < end; j++) out[k++] = flat[j]!;
    }
    return out;
  }

  tokenBytes(id: number): Uint8Array {
    const offsets = this.decodeOffsets;
    if (!(id >>> 0 === id && id < this.vocabSize) || offsets[id + 1] === offsets[id]) {
      throw new TokenizerError('INVALID_TOKEN', `id is ${String(id)}, which is not a token id of ${this.name}`, {
        argument: 'id',
        value: id,
        expected: `a token id of ${this.name} (0 … ${this.vocabSize - 1})`,
      });
    }
    return this.decodeBytesFlat.slice(offsets[id], offsets[id + 1]);
  }

  createDecoder(): StreamDecoder {
    return new StreamingDecoder((ids) => this.decodeBytes(ids));
  }

  pieces(text: string, options?: EncodeOptions): TokenPiece[] {
    const ids = this.encode(text, options);
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const pieces: TokenPiece[] = [];
    let byteStart = 0;
    for (const id of ids) {
      const bytes = this.tokenBytes(id);
      let complete = true;
      let pieceText: string;
      try {
        pieceText = fatal.decode(bytes);
      } catch {
        complete = false;
        pieceText = this.textDecoder.decode(bytes);
      }
      const byteEnd = byteStart + bytes.length;
      pieces.push({ id, text: pieceText, bytes, byteStart, byteEnd, complete, special: this.specialIds.has(id) });
      byteStart = byteEnd;
    }
    return pieces;
  }

  /**
   * Encodes `text`, writing ids to the output buffer when `write`, and returns the count, stopping
   * once it passes `limit`.
   */
  private run(text: string, options: EncodeOptions | undefined, write: boolean, limit: number): number {
    try {
      return this.runUnchecked(text, options, write, limit);
    } finally {
      // A huge piece grows the scratch buffers; do not hold on to them afterwards.
      if (this.utf8.length > KEEP_BUFFER) {
        this.utf8 = new Uint8Array(1024);
        this.ids = new Int32Array(1024);
      }
      this.merger.shrink(KEEP_BUFFER);
    }
  }

  private runUnchecked(text: string, options: EncodeOptions | undefined, write: boolean, limit: number): number {
    if (typeof text !== 'string') {
      throw new TokenizerError('INVALID_ARGUMENT', `text must be a string, got ${typeof text}`, {
        argument: 'text',
        value: text,
        expected: 'a string',
      });
    }
    const { allowed, disallowed } = specialPolicy(options, this.specialTokens);
    refuseDisallowed(text, disallowed);
    this.outLength = 0;
    if (allowed.length === 0) return this.encodeOrdinary(text, write, 0, limit);
    const finder = new SpecialFinder(allowed);
    let count = 0;
    let from = 0;
    for (;;) {
      const special = finder.next(text, from);
      const end = special === undefined ? text.length : special.index;
      if (end > from) count = this.encodeOrdinary(text.slice(from, end), write, count, limit);
      if (special === undefined || count > limit) return count;
      if (write) this.emit(this.specialTokens[special.token]!);
      count++;
      from = special.index + special.token.length;
    }
  }

  /** Takes the ids written by the last {@link run} as a plain array. */
  private takeOutput(): number[] {
    const n = this.outLength;
    const buffer = this.out;
    const ids = new Array<number>(n);
    for (let i = 0; i < n; i++) ids[i] = buffer[i]!;
    // Do not hold on to the buffer of a huge text.
    if (buffer.length > KEEP_BUFFER) this.out = new Int32Array(1024);
    return ids;
  }

  private emit(id: number): void {
    if (this.outLength === this.out.length) this.growOutput(1);
    this.out[this.outLength++] = id;
  }

  private growOutput(extra: number): void {
    let capacity = this.out.length * 2;
    while (capacity < this.outLength + extra) capacity *= 2;
    const grown = new Int32Array(capacity);
    grown.set(this.out.subarray(0, this.outLength));
    this.out = grown;
  }

  private encodeOrdinary(text: string, write: boolean, countSoFar: number, limit: number): number {
    const splitter = this.splitter;
    const cache = this.cache;
    const length = text.length;
    let count = countSoFar;
    let pos = 0;
    while (pos < length && splitter.find(text, pos)) {
      const start = splitter.start;
      const end = splitter.end;
      pos = end;
      let values: Int32Array;
      let first: number;
      let n: number;
      if (end - start <= MAX_CACHED_PIECE) {
        const hash = hashUnits(text, start, end);
        const entry = cache.find(text, start, end, hash);
        if (entry >= 0) {
          values = cache.values;
          first = cache.valueStartOf(entry);
          n = cache.valueLengthOf(entry);
        } else {
          n = this.encodePiece(text, start, end);
          values = this.ids;
          first = 0;
          cache.add(text, start, end, hash, values, n);
        }
      } else {
        n = this.encodePiece(text, start, end);
        values = this.ids;
        first = 0;
      }
      if (write) {
        if (this.outLength + n > this.out.length) this.growOutput(n);
        const out = this.out;
        let k = this.outLength;
        for (let i = first, last = first + n; i < last; i++) out[k++] = values[i]!;
        this.outLength = k;
      }
      count += n;
      if (count > limit) return count;
    }
    return count;
  }

  /** Encodes one piece into `this.ids` and returns how many tokens it has. */
  private encodePiece(text: string, start: number, end: number): number {
    const maxBytes = 3 * (end - start);
    if (this.utf8.length < maxBytes) {
      let capacity = this.utf8.length;
      while (capacity < maxBytes) capacity *= 2;
      this.utf8 = new Uint8Array(capacity);
      this.ids = new Int32Array(capacity);
    }
    const bytes = this.utf8;
    const n = encodeUtf8Into(text, start, end, bytes);
    const tokens = this.tokens;
    const ids = this.ids;
    if (this.wholePieceLookup) {
      const whole = tokens.find(bytes, 0, n);
      if (whole >= 0) {
        ids[0] = whole;
        return 1;
      }
    }
    const byteToId = tokens.byteToId;
    for (let i = 0; i < n; i++) ids[i] = byteToId[bytes[i]!]!;
    return this.merger.merge(ids, n);
  }

  private badId(ids: ArrayLike<number>, index: number): never {
    const id = ids[index];
    throw new TokenizerError(
      'INVALID_TOKEN',
      `ids[${index}] is ${String(id)}, which is not a token id of ${this.name} (0 … ${this.vocabSize - 1})`,
      {
        argument: `ids[${index}]`,
        value: id,
        expected: `a token id of ${this.name}`,
      },
    );
  }
}
