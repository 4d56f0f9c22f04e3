import type { TokenTable } from './token-table';

const EMPTY = -1;
/** Priority of a pair that does not merge (above every real priority). */
export const NO_MERGE = 0x7fffffff;
const MAX_LAZY_ENTRIES = 1 << 20;

function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
}

/**
 * Which adjacent token pairs merge, into what, with what priority: an open-addressing hash table
 * over (left id, right id). Two kinds:
 * - explicit (Hugging Face `merges.txt`): filled up front, priority = merge index;
 * - lazy (tiktoken): a pair merges when its concatenation is a token, priority = that token's id;
 *   answers are found in the token table on first use and kept (bounded; cleared when full).
 */
export class PairTable {
  private left: Int32Array;
  private right: Int32Array;
  /** Priority (lower merges first), or NO_MERGE. */
  private rankOf: Int32Array;
  private resultOf: Int32Array;
  private mask: number;
  private count = 0;
  /** The token table for lazy lookups; undefined for an explicit table. */
  private readonly lazy: TokenTable | undefined;

  private constructor(capacity: number, lazy: TokenTable | undefined) {
    this.left = new Int32Array(capacity).fill(EMPTY);
    this.right = new Int32Array(capacity);
    this.rankOf = new Int32Array(capacity);
    this.resultOf = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.lazy = lazy;
  }

  /** A table of the given merges (pairs of ids, in priority order) over `tokens`. */
  static explicit(tokens: TokenTable, merges: readonly (readonly [number, number])[]): PairTable {
    let capacity = 1024;
    while (capacity < merges.length * 2) capacity *= 2;
    const table = new PairTable(capacity, undefined);
    merges.forEach(([a, b], rank) => {
      const result = tokens.findConcat(a, b);
      if (result >= 0 && table.find(a, b) === -1) table.insert(a, b, rank, result);
    });
    return table;
  }

  /** A lazily filled table where a pair merges into the token its concatenation is. */
  static byConcatenation(tokens: TokenTable): PairTable {
    return new PairTable(1 << 16, tokens);
  }

  /**
   * Looks up the pair (a, b): returns its priority (NO_MERGE when it does not merge) and leaves
   * the merged id in
   * {@link lastResult}.
   */
  rank(a: number, b: number): number {
    const mask = this.mask;
    let slot = pairHash(a, b) & mask;
    for (;;) {
      const l = this.left[slot]!;
      if (l === EMPTY) break;
      if (l === a && this.right[slot] === b) {
        this.lastResult = this.resultOf[slot]!;
        return this.rankOf[slot]!;
      }
      slot = (slot + 1) & mask;
    }
    if (this.lazy === undefined) return NO_MERGE;
    const result = this.lazy.findConcat(a, b);
    const rank = result >= 0 ? result : NO_MERGE;
    if (this.count >= MAX_LAZY_ENTRIES) this.clear();
    this.insert(a, b, rank, result);
    this.lastResult = result;
    return rank;
  }

  /** The merged id of the pair last passed to {@link rank} (when it merges). */
  lastResult = -1;

  private find(a: number, b: number): number {
    let slot = pairHash(a, b) & this.mask;
    for (;;) {
      const l = this.left[slot]!;
      if (l === EMPTY) return -1;
      if (l === a && this.right[slot] === b) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private insert(a: number, b: number, rank: number, result: number): void {
    if ((this.count + 1) * 2 > this.left.length) this.grow();
    let slot = pairHash(a, b) & this.mask;
    while (this.left[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.left[slot] = a;
    this.right[slot] = b;
    this.rankOf[slot] = rank;
    this.resultOf[slot] = result;
    this.count++;
  }

  private grow(): void {
    const { left, right, rankOf, resultOf } = this;
    const capacity = left.length * 2;
    this.left = new Int32Array(capacity).fill(EMPTY);
    this.right = new Int32Array(capacity);
    this.rankOf = new Int32Array(capacity);
    this.resultOf = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let slot = 0; slot < left.length; slot++) {
      if (left[slot] !== EMPTY) this.insert(left[slot]!, right[slot]!, rankOf[slot]!, resultOf[slot]!);
    }
  }

  private clear(): void {
    this.left.fill(EMPTY);
    this.count = 0;
  }
}
