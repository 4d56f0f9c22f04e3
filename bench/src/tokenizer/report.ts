import { cpus } from 'node:os';
import { markdownTable } from '../harness';
import type { ImplementationName, TokenizerConfig, TokenizerMemory } from '../tokenizer-types';
import type { Timing } from './timing';

/** What was measured for one implementation; absent parts did not run. */
export interface ImplementationResult {
  readonly name: ImplementationName;
  /** Whether its ids equal the reference's and its decode gives the text back. */
  readonly parity?: boolean;
  readonly timing?: Timing;
  readonly memory?: TokenizerMemory;
}

/** Throughput in MB/s (10^6 bytes of UTF-8 text per second). */
export function megabytesPerSecond(bytes: number, ms: number): number {
  return bytes / (ms * 1e3);
}

const MB = 1e6;
const dash = '–';

/**
 * The results table: throughput of encode and decode (median), how many times faster ours is than
 * each, and the memory worker's peak RSS, its baseline before the library was loaded, and the
 * difference.
 */
export function resultsTable(results: readonly ImplementationResult[], textBytes: number): string {
  const ours = results.find((r) => r.name === 'ours')?.timing;
  const speed = (t: Timing | undefined, key: 'medianEncodeMs' | 'medianDecodeMs') =>
    t === undefined ? undefined : megabytesPerSecond(textBytes, t[key]);
  const ratio = (t: Timing | undefined, key: 'medianEncodeMs' | 'medianDecodeMs') =>
    ours === undefined || t === undefined ? dash : `${(t[key] / ours[key]).toFixed(2)}×`;
  const rows = results.map((r) => [
    r.name,
    r.parity === undefined ? dash : r.parity ? 'yes' : 'NO',
    speed(r.timing, 'medianEncodeMs')?.toFixed(2) ?? dash,
    speed(r.timing, 'medianDecodeMs')?.toFixed(2) ?? dash,
    ratio(r.timing, 'medianEncodeMs'),
    ratio(r.timing, 'medianDecodeMs'),
    r.memory === undefined ? dash : (r.memory.peakRss / MB).toFixed(1),
    r.memory === undefined ? dash : (r.memory.baselineRss / MB).toFixed(1),
    r.memory === undefined ? dash : ((r.memory.peakRss - r.memory.baselineRss) / MB).toFixed(1),
  ]);
  return markdownTable(
    [
      'implementation',
      'parity',
      'encode MB/s',
      'decode MB/s',
      'ours ÷ it, encode',
      'ours ÷ it, decode',
      'peak RSS MB',
      'baseline RSS MB',
      'peak − baseline MB',
    ],
    rows,
  );
}

/**
 * One line per target of the config: ours' speed ÷ the alternative's, the target, met or missed
 * (missed whatever the speed when ours fails the parity check).
 */
export function targetLines(
  targets: TokenizerConfig['targets'],
  timings: readonly Timing[],
  oursParity: boolean,
): string[] {
  const ours = timings.find((t) => t.name === 'ours');
  if (ours === undefined) return ['- targets: not checked, ours was not timed'];
  const lines: string[] = [];
  for (const op of ['encode', 'decode'] as const) {
    const key = op === 'encode' ? 'medianEncodeMs' : 'medianDecodeMs';
    for (const [name, min] of Object.entries(targets[op])) {
      const other = timings.find((t) => t.name === name);
      if (other === undefined || min === undefined) continue;
      const ratio = other[key] / ours[key];
      const verdict = !oursParity ? 'MISSED (ours fails the parity check)' : ratio >= min ? 'met' : 'MISSED';
      lines.push(`- target ${op} ≥ ${min}× ${name}: ${ratio.toFixed(2)}×, ${verdict}`);
    }
  }
  return lines;
}

/**
 * The encode speed of libraries with a cache of pieces when the same text is encoded again at once
 * (their cache holding it): what a benchmark that reuses one text without emptying caches would
 * report. Not the benchmark's figure.
 */
export function repeatLines(timings: readonly Timing[], textBytes: number): string[] {
  const repeated = timings.filter((t) => t.medianRepeatEncodeMs !== undefined);
  if (repeated.length === 0) return [];
  const speeds = repeated.map(
    (t) => `${t.name} ${megabytesPerSecond(textBytes, t.medianRepeatEncodeMs!).toFixed(2)} MB/s`,
  );
  return [`- not used above: encoding the same text again at once, caches still holding it: ${speeds.join(', ')}`];
}

/** Node version and CPU, for the line under the table. */
export function machineLine(): string {
  const cpu = cpus();
  return `- machine: Node ${process.version}, ${cpu[0]?.model.trim() ?? 'unknown CPU'} (${cpu.length} cores seen), ${process.platform}-${process.arch}`;
}
