import { NO_MERGE, type PairTable } from './pair-table';

/** Pieces up to this many bytes merge by rescanning (fast for short pieces); longer ones use a heap. */
const HEAP_THRESHOLD = 48;
const POSITION_SCALE = 4294967296; // 2^32: heap keys are rank * 2^32 + position

/**
 * Byte-pair merging of one piece: repeatedly merges the adjacent pair with the lowest priority,
 * the leftmost on ties (tiktoken's rule), until no pair merges. Holds scratch buffers, so one
 * merger serves a whole encoding without allocating per piece.
 */
export class BpeMerger {
  private ranks = new Int32Array(256);
  private results = new Int32Array(256);
  private next = new Int32Array(256);
  private prev = new Int32Array(256);
  private heap = new Float64Array(768);

  constructor(private readonly pairs: PairTable) {}

  /** Merges `ids[0, length)` in place; returns the new length. */
  merge(ids: Int32Array, length: number): number {
    if (length < 2) return length;
    if (this.ranks.length < length) this.growTo(length);
    return length <= HEAP_THRESHOLD ? this.mergeByScan(ids, length) : this.mergeByHeap(ids, length);
  }

  private mergeByScan(ids: Int32Array, length: number): number {
    const { pairs, ranks, results } = this;
    let n = length;
    for (let i = 0; i < n - 1; i++) {
      ranks[i] = pairs.rank(ids[i]!, ids[i + 1]!);
      results[i] = pairs.lastResult;
    }
    for (;;) {
      let best = NO_MERGE;
      let at = -1;
      for (let i = 0; i < n - 1; i++) {
        if (ranks[i]! < best) {
          best = ranks[i]!;
          at = i;
        }
      }
      if (at < 0) return n;
      ids[at] = results[at]!;
      for (let i = at + 1; i < n - 1; i++) {
        ids[i] = ids[i + 1]!;
        ranks[i] = ranks[i + 1]!;
        results[i] = results[i + 1]!;
      }
      n--;
      if (at > 0) {
        ranks[at - 1] = pairs.rank(ids[at - 1]!, ids[at]!);
        results[at - 1] = pairs.lastResult;
      }
      if (at < n - 1) {
        ranks[at] = pairs.rank(ids[at]!, ids[at + 1]!);
        results[at] = pairs.lastResult;
      }
    }
  }

  private mergeByHeap(ids: Int32Array, length: number): number {
    const { pairs, ranks, results, next, prev } = this;
    let heapSize = 0;
    const heap = this.heap;
    const push = (key: number): void => {
      let i = heapSize++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent]! <= key) break;
        heap[i] = heap[parent]!;
        i = parent;
      }
      heap[i] = key;
    };
    const pop = (): number => {
      const top = heap[0]!;
      const last = heap[--heapSize]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heapSize) break;
        if (child + 1 < heapSize && heap[child + 1]! < heap[child]!) child++;
        if (heap[child]! >= last) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
      return top;
    };

    for (let i = 0; i < length; i++) {
      next[i] = i + 1 < length ? i + 1 : -1;
      prev[i] = i - 1;
    }
    for (let i = 0; i < length - 1; i++) {
      const rank = pairs.rank(ids[i]!, ids[i + 1]!);
      ranks[i] = rank;
      results[i] = pairs.lastResult;
      if (rank !== NO_MERGE) push(rank * POSITION_SCALE + i);
    }
    ranks[length - 1] = NO_MERGE;

    while (heapSize > 0) {
      const key = pop();
      const rank = Math.floor(key / POSITION_SCALE);
      const i = key - rank * POSITION_SCALE;
      // Stale entries: the part was absorbed, or its pair changed since this entry was pushed.
      if (ids[i]! < 0 || ranks[i] !== rank) continue;
      const j = next[i]!;
      ids[i] = results[i]!;
      ids[j] = -1;
      ranks[j] = NO_MERGE;
      const k = next[j]!;
      next[i] = k;
      if (k >= 0) prev[k] = i;
      const p = prev[i]!;
      if (p >= 0) {
        const r = pairs.rank(ids[p]!, ids[i]!);
        ranks[p] = r;
        results[p] = pairs.lastResult;
        if (r !== NO_MERGE) push(r * POSITION_SCALE + p);
      }
      if (k >= 0) {
        const r = pairs.rank(ids[i]!, ids[k]!);
        ranks[i] = r;
        results[i] = pairs.lastResult;
        if (r !== NO_MERGE) push(r * POSITION_SCALE + i);
      } else {
        ranks[i] = NO_MERGE;
      }
    }
    let n = 0;
    for (let i = 0; i >= 0; i = next[i]!) ids[n++] = ids[i]!;
    return n;
  }

  /** Drops scratch buffers larger than `limit` elements (kept after a huge piece otherwise). */
  shrink(limit: number): void {
    if (this.ranks.length > limit) {
      this.ranks = new Int32Array(256);
      this.results = new Int32Array(256);
      this.next = new Int32Array(256);
      this.prev = new Int32Array(256);
      this.heap = new Float64Array(768);
    }
  }

  private growTo(length: number): void {
    let capacity = this.ranks.length;
    while (capacity < length) capacity *= 2;
    this.ranks = new Int32Array(capacity);
    this.results = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.heap = new Float64Array(capacity * 3); // at most 3 pushes per part
  }
}
