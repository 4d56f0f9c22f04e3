// Selection without sorting everything: the k largest of n values in O(n) expected time, and the
// sorted prefix of a set of token ids grown on demand.
//
// The one order used throughout the package: larger value first, equal values by lower id. It is a
// total order on ids, so "the first k" is always exactly defined.

/** Is token `a` before token `b`: a larger value, or an equal value and a lower id. */
function before(values: Float64Array, a: number, b: number): boolean {
  const va = values[a]!;
  const vb = values[b]!;
  return va > vb || (va === vb && a < b);
}

/**
 * Rearranges `ids[lo..hi)` so that `ids[lo..lo + k)` hold the first `k` of them in the order above
 * (not sorted among themselves) and the rest come after. Iterative quickselect with a
 * median-of-three pivot; O(hi − lo) expected. `values` is indexed by id.
 */
export function selectFirst(ids: Int32Array, lo: number, hi: number, k: number, values: Float64Array): void {
  const target = lo + k; // the first position that must hold an id not among the first k
  if (k <= 0 || target >= hi) return;
  let left = lo;
  let right = hi - 1;
  while (right > left) {
    // Median of three of left, middle, right, moved to `right` as the pivot.
    const mid = (left + right) >>> 1;
    if (before(values, ids[mid]!, ids[left]!)) swap(ids, mid, left);
    if (before(values, ids[right]!, ids[left]!)) swap(ids, right, left);
    if (before(values, ids[mid]!, ids[right]!)) swap(ids, mid, right);
    const pivot = ids[right]!;
    let store = left;
    for (let i = left; i < right; i++) {
      if (before(values, ids[i]!, pivot)) {
        swap(ids, i, store);
        store++;
      }
    }
    swap(ids, store, right);
    // ids[left..store) are before the pivot, ids[store] is the pivot, the rest after it.
    if (store === target) return;
    if (store < target) left = store + 1;
    else right = store - 1;
  }
}

function swap(ids: Int32Array, i: number, j: number): void {
  const t = ids[i]!;
  ids[i] = ids[j]!;
  ids[j] = t;
}

/** Sorts `ids[lo..hi)` in the order above. */
export function sortRange(ids: Int32Array, lo: number, hi: number, values: Float64Array): void {
  ids.subarray(lo, hi).sort((a, b) => {
    const va = values[a]!;
    const vb = values[b]!;
    return va > vb ? -1 : va < vb ? 1 : a - b;
  });
}

/**
 * A set of token ids (`ids[0..count)`) whose prefix in the order above is sorted on demand:
 * {@link OrderedIds.ensure}`(m)` makes `ids[0..m)` the first `m` in order, sorted, by selecting the
 * next block and sorting only it (blocks double, so reaching position m costs about
 * O(count · log(m / 64) + m log m) rather than a sort of all `count`).
 */
export class OrderedIds {
  /** How many of `ids` are sorted and final. */
  sorted = 0;

  constructor(
    readonly ids: Int32Array,
    readonly count: number,
    readonly values: Float64Array,
  ) {}

  /** Makes the first `m` (at most `count`) ids final and sorted. */
  ensure(m: number): void {
    if (m <= this.sorted) return;
    const rest = this.count - this.sorted;
    let want = Math.min(this.count, Math.max(m, 2 * this.sorted, this.sorted + 64));
    // Selecting more than half of what is left costs about as much as sorting all of it.
    if (want - this.sorted > rest / 2 || rest <= 256) want = this.count;
    else selectFirst(this.ids, this.sorted, this.count, want - this.sorted, this.values);
    sortRange(this.ids, this.sorted, want, this.values);
    this.sorted = want;
  }
}

/**
 * Keeps, of the `count` entries `(ids[i], vals[i])`, those whose value is at least the k-th largest
 * value (so ties at the boundary are all kept, as Hugging Face's top-k does), compacting them to the
 * front in their original relative order. Returns how many were kept. `tmp` must hold `count` numbers.
 */
export function keepTopWithTies(
  ids: Int32Array,
  vals: Float64Array,
  count: number,
  k: number,
  tmp: Float64Array,
): number {
  if (k >= count) return count;
  const threshold = kthLargest(vals, count, k, tmp);
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const v = vals[i]!;
    if (v >= threshold) {
      ids[kept] = ids[i]!;
      vals[kept] = v;
      kept++;
    }
  }
  return kept;
}

/** The k-th largest (1-based, k ≤ count) of `vals[0..count)`, by quickselect on a copy in `tmp`. */
export function kthLargest(vals: Float64Array, count: number, k: number, tmp: Float64Array): number {
  tmp.set(vals.subarray(0, count));
  const target = k - 1;
  let left = 0;
  let right = count - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three, descending, pivot at `right`.
    if (tmp[mid]! > tmp[left]!) swapNum(tmp, mid, left);
    if (tmp[right]! > tmp[left]!) swapNum(tmp, right, left);
    if (tmp[mid]! > tmp[right]!) swapNum(tmp, mid, right);
    const pivot = tmp[right]!;
    // Three-way partition: [left, lt) > pivot, [lt, i) === pivot, (gt, right] < pivot.
    let lt = left;
    let gt = right;
    let i = left;
    while (i <= gt) {
      const v = tmp[i]!;
      if (v > pivot) swapNum(tmp, lt++, i++);
      else if (v < pivot) swapNum(tmp, i, gt--);
      else i++;
    }
    if (target < lt) right = lt - 1;
    else if (target > gt) left = gt + 1;
    else return pivot;
  }
  return tmp[target]!;
}

function swapNum(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
