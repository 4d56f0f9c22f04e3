/**
 * The `limit` items with the largest score, best first, ties broken by `tieBreak` (ascending):
 * one pass with a binary min-heap of size `limit`, so a table of millions of n-grams is never sorted
 * whole.
 */
export function topByScore<T>(
  items: Iterable<T>,
  score: (item: T) => number,
  limit: number,
  tieBreak: (a: T, b: T) => number,
): T[] {
  if (limit <= 0) return [];
  // `worse(a, b)`: a ranks below b.
  const worse = (a: T, b: T): boolean => {
    const d = score(a) - score(b);
    return d < 0 || (d === 0 && tieBreak(a, b) > 0);
  };
  const heap: T[] = [];
  const up = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < limit) {
      heap.push(item);
      up(heap.length - 1);
    } else if (worse(heap[0]!, item)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
