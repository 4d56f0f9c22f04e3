import { keepTopWithTies, kthLargest } from './select';
import { firstNonFinite, type Logits } from './validate';
import type { Workspace } from './workspace';

/**
 * One pass over `logits` that checks every one is finite and collects into `ws.ids[0..count)` /
 * `ws.vals[0..count)` the tokens whose logit is at least the k-th largest (ties at the boundary all
 * kept), in id order. Returns `count` (≥ k; more only with ties).
 *
 * Candidates go into a buffer of a few times k; when it fills, the k-th largest value in it becomes
 * the bar a later logit must reach to enter, and the buffer keeps only those at or above it. On
 * logits in random order the bar rises fast and almost nothing after the first few thousand
 * enters, so the pass costs about one comparison per logit.
 */
export function collectTopWithTies(operation: string, logits: Logits, k: number, ws: Workspace): number {
  const n = logits.length;
  let cap = Math.min(n, Math.max(4 * k, 256));
  ws.growPositions(cap, 0);
  let ids = ws.ids;
  let vals = ws.vals;
  let bar = -Infinity;
  let count = 0;
  // Stays 0 unless a logit is NaN or ±Infinity (v · 0 is NaN for those): cheaper than a branch per logit.
  let poison = 0;
  for (let i = 0; i < n; i++) {
    const v = logits[i]!;
    poison += v * 0;
    if (v >= bar) {
      if (count === cap) {
        bar = kthLargest(vals, count, k, ws.tmp);
        let kept = 0;
        for (let j = 0; j < count; j++) {
          const x = vals[j]!;
          if (x >= bar) {
            ids[kept] = ids[j]!;
            vals[kept] = x;
            kept++;
          }
        }
        count = kept;
        // Many ties at the bar: make room rather than compact again and again.
        if (count > cap / 2) {
          cap = Math.min(n, 2 * cap);
          ws.growPositions(cap, count);
          ids = ws.ids;
          vals = ws.vals;
        }
        if (!(v >= bar)) continue;
      }
      ids[count] = i;
      vals[count] = v;
      count++;
    }
  }
  if (poison !== 0) throw firstNonFinite(operation, logits);
  return keepTopWithTies(ids, vals, count, k, ws.tmp);
}
