import { writeFileSync } from 'node:fs';

/** Resident-set marks of this process, in bytes. */
export interface RssMarks {
  /** Whether the kernel's peak mark was reset (Linux ≥ 4.0), so that startup does not hide a smaller peak. */
  readonly peakReset: boolean;
  readonly baselineRss: number;
}

/**
 * Sets the kernel's peak-RSS mark back to the current RSS (`5` to /proc/self/clear_refs) and
 * returns the baseline: call it just before loading a model.
 */
export function markBaseline(): RssMarks {
  let peakReset = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    peakReset = true;
  } catch {
    // Not Linux, or not allowed: the peak then includes startup, the baseline is the current RSS.
  }
  // resourceUsage().maxRSS is in KiB.
  return { peakReset, baselineRss: peakReset ? process.resourceUsage().maxRSS * 1024 : process.memoryUsage.rss() };
}

/** The peak resident set so far (bytes). */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}
