/**
 * A max-heap of (count, pair) entries for BPE training, with lazy invalidation: entries are never
 * updated in place; the trainer compares a popped entry's count with the pair's live count and
 * pushes it again when it has dropped. `before(a, b)` orders pairs of equal count (true when pair
 * `a` goes first).
 */
export class PairHeap {
  private readonly counts: number[] = [];
  private readonly pairs: number[] = [];

  constructor(private readonly before: (a: number, b: number) => boolean) {}

  /** Number of entries, stale ones included. */
  get size(): number {
    return this.counts.length;
  }

  /** Adds an entry. */
  push(count: number, pair: number): void {
    this.counts.push(count);
    this.pairs.push(pair);
    this.up(this.counts.length - 1);
  }

  /** Removes the entry with the highest count (ties: `before`) and returns it, or undefined when empty. */
  pop(): { count: number; pair: number } | undefined {
    const n = this.counts.length;
    if (n === 0) return undefined;
    const top = { count: this.counts[0]!, pair: this.pairs[0]! };
    const lastCount = this.counts.pop()!;
    const lastPair = this.pairs.pop()!;
    if (n > 1) {
      this.counts[0] = lastCount;
      this.pairs[0] = lastPair;
      this.down(0);
    }
    return top;
  }

  private higher(i: number, j: number): boolean {
    const ci = this.counts[i]!;
    const cj = this.counts[j]!;
    return ci > cj || (ci === cj && this.before(this.pairs[i]!, this.pairs[j]!));
  }

  private swap(i: number, j: number): void {
    const c = this.counts[i]!;
    this.counts[i] = this.counts[j]!;
    this.counts[j] = c;
    const p = this.pairs[i]!;
    this.pairs[i] = this.pairs[j]!;
    this.pairs[j] = p;
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.higher(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    const n = this.counts.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) return;
      const right = left + 1;
      const child = right < n && this.higher(right, left) ? right : left;
      if (!this.higher(child, i)) return;
      this.swap(child, i);
      i = child;
    }
  }
}
