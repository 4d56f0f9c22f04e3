/**
 * Holds back streamed text that might be the start of a stop string, so a stop string split across
 * tokens is never half-printed. Feed each token's new text to {@link StopMatcher.push}.
 */
export class StopMatcher {
  private readonly stops: readonly string[];
  private pending = '';

  constructor(stops: readonly string[]) {
    this.stops = stops.filter((s) => s.length > 0);
  }

  /**
   * Adds text; returns the part now safe to emit and whether a stop string was completed (then
   * `text` ends just before it and generation should end).
   */
  push(text: string): { text: string; stopped: boolean } {
    this.pending += text;
    let first = -1;
    for (const stop of this.stops) {
      const at = this.pending.indexOf(stop);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    if (first >= 0) {
      const out = this.pending.slice(0, first);
      this.pending = '';
      return { text: out, stopped: true };
    }
    const hold = this.heldLength();
    const out = this.pending.slice(0, this.pending.length - hold);
    this.pending = this.pending.slice(this.pending.length - hold);
    return { text: out, stopped: false };
  }

  /** The text still held back (when generation ends for another reason, emit it). */
  flush(): string {
    const out = this.pending;
    this.pending = '';
    return out;
  }

  /** Length of the longest suffix of the pending text that is a proper prefix of a stop string. */
  private heldLength(): number {
    let best = 0;
    for (const stop of this.stops) {
      const max = Math.min(stop.length - 1, this.pending.length);
      for (let n = max; n > best; n--) {
        if (this.pending.endsWith(stop.slice(0, n))) {
          best = n;
          break;
        }
      }
    }
    return best;
  }
}
