/**
 * Scratch arrays reused across calls, so that sampling from a 50,257-long vector allocates nothing
 * that size per call. Grown to the largest vocabulary seen and kept. A call that finds the shared
 * workspace in use (an `rng` that itself calls `sample`) gets a fresh one.
 */
export class Workspace {
  /** Token ids: the top-k candidates while they are collected, then the set being ordered. */
  ids = new Int32Array(0);
  /** Values of `ids` by position while candidates are collected. */
  vals = new Float64Array(0);
  /** Room for a copy of `vals` (quickselect works on it). */
  tmp = new Float64Array(0);
  /** Logits after the repetition penalty, by token id (only the candidates' entries are meaningful). */
  values = new Float64Array(0);
  /** Unnormalised probabilities `exp((value − max) / T)`, by token id (candidates only). */
  weights = new Float64Array(0);
  busy = false;

  /** Makes the by-id arrays hold `n` entries and the positional arrays `positions`. */
  reserve(n: number, positions: number): void {
    if (this.values.length < n) {
      this.values = new Float64Array(n);
      this.weights = new Float64Array(n);
    }
    this.growPositions(positions, 0);
  }

  /** Makes the positional arrays hold `positions` entries, keeping the first `keep` of ids and vals. */
  growPositions(positions: number, keep: number): void {
    if (this.ids.length >= positions) return;
    const ids = new Int32Array(positions);
    const vals = new Float64Array(positions);
    ids.set(this.ids.subarray(0, keep));
    vals.set(this.vals.subarray(0, keep));
    this.ids = ids;
    this.vals = vals;
    this.tmp = new Float64Array(positions);
  }
}

const shared = new Workspace();

/** Runs `body` with the shared workspace, or a fresh one when the shared one is in use. */
export function withWorkspace<T>(body: (ws: Workspace) => T): T {
  const ws = shared.busy ? new Workspace() : shared;
  ws.busy = true;
  try {
    return body(ws);
  } finally {
    ws.busy = false;
  }
}
