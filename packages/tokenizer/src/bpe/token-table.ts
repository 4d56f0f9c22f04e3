import { TokenizerError } from '../errors';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over `bytes[start, end)`, continuing from `hash`. */
export function hashBytes(bytes: Uint8Array, start: number, end: number, hash = FNV_OFFSET): number {
  let h = hash;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 0;
}

/**
 * Every token's bytes in one flat buffer, with a hash index from bytes to id. Ids may have gaps
 * (ids without bytes are not tokens).
 */
export class TokenTable {
  /** All tokens' bytes, back to back in id order. */
  readonly bytes: Uint8Array;
  /** `offsets[id]` … `offsets[id + 1]` are token `id`'s bytes; equal offsets mean no token. */
  readonly offsets: Uint32Array;
  /** Number of ids covered (one past the highest). */
  readonly size: number;
  /** The id of each single byte. */
  readonly byteToId: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * A table over flat token bytes: token `id` is `bytes[offsets[id], offsets[id + 1])`. Use
   * {@link TokenTable.fromTokens} for a list of byte strings.
   */
  constructor(bytes: Uint8Array, offsets: Uint32Array) {
    this.size = offsets.length - 1;
    this.offsets = offsets;
    this.bytes = bytes;
    const size = this.size;
    let capacity = 1024;
    while (capacity < size * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let id = 0; id < size; id++) {
      const start = this.offsets[id]!;
      const end = this.offsets[id + 1]!;
      if (end === start) continue;
      if (this.find(this.bytes, start, end) !== -1) {
        throw new TokenizerError('INVALID_VOCABULARY', `tokens: token ${id} repeats the bytes of an earlier token`, {
          argument: 'tokens',
          value: id,
          expected: 'distinct byte strings',
        });
      }
      let slot = hashBytes(this.bytes, start, end) & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    }
    this.byteToId = new Int32Array(256).fill(-1);
    const one = new Uint8Array(1);
    for (let b = 0; b < 256; b++) {
      one[0] = b;
      const id = this.find(one, 0, 1);
      if (id === -1) {
        throw new TokenizerError('INVALID_VOCABULARY', `tokens: byte ${b} is not a token`, {
          argument: 'tokens',
          value: b,
          expected: 'all 256 single bytes as tokens',
        });
      }
      this.byteToId[b] = id;
    }
  }

  /** A table of the given byte strings, indexed by id (holes are ids without a token). */
  static fromTokens(tokens: readonly (Uint8Array | undefined)[]): TokenTable {
    const offsets = new Uint32Array(tokens.length + 1);
    let total = 0;
    for (let id = 0; id < tokens.length; id++) {
      offsets[id] = total;
      total += tokens[id]?.length ?? 0;
    }
    offsets[tokens.length] = total;
    const bytes = new Uint8Array(total);
    for (let id = 0; id < tokens.length; id++) {
      const token = tokens[id];
      if (token !== undefined) bytes.set(token, offsets[id]);
    }
    return new TokenTable(bytes, offsets);
  }

  /** Length in bytes of token `id` (0 when `id` is not a token). */
  length(id: number): number {
    return this.offsets[id + 1]! - this.offsets[id]!;
  }

  /** The id whose bytes are `bytes[start, end)`, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    return this.probe(hashBytes(bytes, start, end), bytes, start, end);
  }

  /** The id whose bytes are token `a`'s followed by token `b`'s, or -1. */
  findConcat(a: number, b: number): number {
    const flat = this.bytes;
    const aStart = this.offsets[a]!;
    const aEnd = this.offsets[a + 1]!;
    const bStart = this.offsets[b]!;
    const bEnd = this.offsets[b + 1]!;
    const length = aEnd - aStart + (bEnd - bStart);
    let slot = hashBytes(flat, bStart, bEnd, hashBytes(flat, aStart, aEnd)) & this.mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id === -1) return -1;
      const start = this.offsets[id]!;
      if (this.offsets[id + 1]! - start === length) {
        let same = true;
        let k = start;
        for (let i = aStart; i < aEnd && same; i++, k++) same = flat[k] === flat[i];
        for (let i = bStart; i < bEnd && same; i++, k++) same = flat[k] === flat[i];
        if (same) return id;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private probe(hash: number, bytes: Uint8Array, start: number, end: number): number {
    const flat = this.bytes;
    const length = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id === -1) return -1;
      const tokenStart = this.offsets[id]!;
      if (this.offsets[id + 1]! - tokenStart === length) {
        let i = 0;
        while (i < length && flat[tokenStart + i] === bytes[start + i]) i++;
        if (i === length) return id;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}
