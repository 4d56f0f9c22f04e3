import { markdownTable } from '../harness';
import type { BandwidthResult, Gpt2WorkerResult } from './types';

/** How two greedy continuations of the same prompt compare. */
export interface Agreement {
  /** Positions compared (the shorter continuation's length). */
  readonly compared: number;
  /** Positions with the same id. */
  readonly equal: number;
  /** First position whose ids differ; undefined when all compared positions agree. */
  readonly firstDivergence?: number;
  /** The top-1 − top-2 logit gaps of both sides there (a small reference gap means a near-tie split differently). */
  readonly gaps?: { readonly reference: number; readonly other: number };
  /**
   * Whether the divergence is a near-tie: the reference's own top two were within the tolerance, so
   * rounding may pick either. True when there is no divergence. (The other side's gap does not count:
   * a broken implementation whose logits are all equal has a gap of 0 everywhere.)
   */
  readonly nearTie: boolean;
}

/**
 * Compares greedy ids and their gaps with a reference's. Up to the first divergence both sides saw the
 * same context, so a divergence there is either a near-tie decided differently by rounding (the
 * reference's gap below `tieGap`) or a real difference.
 */
export function agreement(
  reference: { readonly ids: readonly number[]; readonly gaps: readonly number[] },
  other: { readonly ids: readonly number[]; readonly gaps: readonly number[] },
  tieGap: number,
): Agreement {
  const compared = Math.min(reference.ids.length, other.ids.length);
  let equal = 0;
  let firstDivergence: number | undefined;
  for (let i = 0; i < compared; i++) {
    if (reference.ids[i] === other.ids[i]) equal++;
    else firstDivergence ??= i;
  }
  if (firstDivergence === undefined) return { compared, equal, nearTie: true };
  const gaps = { reference: reference.gaps[firstDivergence] ?? NaN, other: other.gaps[firstDivergence] ?? NaN };
  return { compared, equal, firstDivergence, gaps, nearTie: gaps.reference < tieGap };
}

/** Tokens/s one token's weight reads allow: bandwidth (GB/s) ÷ bytes per token. */
export function readLimit(gigabytesPerSecond: number, bytesPerToken: number): number {
  return (gigabytesPerSecond * 1e9) / bytesPerToken;
}

const dash = '–';
const MB = 1e6;

/** 3 significant figures, no exponent for ordinary speeds. */
export function speed(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return dash;
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toPrecision(2);
}

/** What a row says about agreement with the reference. */
export function agreementCell(a: Agreement | undefined): string {
  if (a === undefined) return dash;
  if (a.firstDivergence === undefined) return `${a.equal}/${a.compared}`;
  const gap = a.gaps!.reference;
  return `${a.equal}/${a.compared}, first differs at ${a.firstDivergence} (reference gap ${gap.toExponential(1)}${a.nearTie ? ', near-tie' : ''})`;
}

/** A result and how it compares with the reference. */
export interface TableRow {
  readonly result: Gpt2WorkerResult;
  readonly agreement?: Agreement;
}

/**
 * The results table: per implementation its prompt and decode tokens/s (medians), the ratios to the
 * reference (onnxruntime on the reference thread count), decode as a share of the memory-read limit
 * at `limitThreads`, peak RSS and its rise over the baseline, load time, agreement with the
 * reference's greedy ids; then one row per measured memory-read limit.
 */
export function resultsTable(
  rows: readonly TableRow[],
  reference: Gpt2WorkerResult | undefined,
  bandwidth: BandwidthResult | undefined,
  bytesPerToken: number,
  limitThreads: number,
): string {
  const ref = reference?.timing;
  const limitBw = bandwidth?.byThreads.find((b) => b.threads === limitThreads)?.gigabytesPerSecond;
  const limit = limitBw === undefined ? undefined : readLimit(limitBw, bytesPerToken);
  const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? dash : `${(a / b).toFixed(2)}×`;
  const body = rows.map(({ result: r, agreement: a }) => {
    const t = r.timing;
    const reduced = t !== undefined && ref !== undefined && t.decodeTokens !== ref.decodeTokens;
    return [
      r.label,
      speed(t?.promptTokensPerSecond),
      `${speed(t?.decodeTokensPerSecond)}${reduced ? ` (${t.decodeTokens} tokens)` : ''}`,
      r === reference ? 'reference' : ratio(t?.promptTokensPerSecond, ref?.promptTokensPerSecond),
      r === reference ? 'reference' : ratio(t?.decodeTokensPerSecond, ref?.decodeTokensPerSecond),
      t === undefined || limit === undefined ? dash : `${((100 * t.decodeTokensPerSecond) / limit).toFixed(0)}%`,
      r.peakRss === undefined ? dash : (r.peakRss / MB).toFixed(0),
      r.peakRss === undefined || r.baselineRss === undefined ? dash : ((r.peakRss - r.baselineRss) / MB).toFixed(0),
      r.loadSeconds === undefined ? dash : r.loadSeconds.toFixed(1),
      r === reference ? 'reference' : agreementCell(a),
    ];
  });
  for (const b of bandwidth?.byThreads ?? []) {
    const tokens = readLimit(b.gigabytesPerSecond, bytesPerToken);
    body.push([
      `memory-read limit, ${b.threads} thread${b.threads === 1 ? '' : 's'} (${b.gigabytesPerSecond.toFixed(1)} GB/s)`,
      dash,
      speed(tokens),
      dash,
      ratio(tokens, ref?.decodeTokensPerSecond),
      b.threads === limitThreads ? '100%' : limit === undefined ? dash : `${((100 * tokens) / limit).toFixed(0)}%`,
      dash,
      dash,
      dash,
      dash,
    ]);
  }
  const refName = reference === undefined ? 'reference' : reference.implementation;
  return markdownTable(
    [
      'implementation',
      'prompt tok/s',
      'decode tok/s',
      `prompt ÷ ${refName}`,
      `decode ÷ ${refName}`,
      `decode ÷ ${limitThreads}-thread read limit`,
      'peak RSS MB',
      'peak − baseline MB',
      'load s',
      'greedy ids equal',
    ],
    body,
  );
}

/**
 * Target lines of the quantised variants: decode tokens/s of `ours-<backend>-<variant>` ÷ that of
 * `ours-<backend>-fp32` in the same run, against `targets[variant]`.
 */
export function quantizedTargetLines(
  ours: readonly Gpt2WorkerResult[],
  targets: Readonly<Record<string, number>>,
): string[] {
  const lines: string[] = [];
  for (const r of ours) {
    const match = /^ours-(.+)-([^-]+)$/.exec(r.implementation);
    const target = match === null ? undefined : targets[match[2]!];
    if (match === null || target === undefined || r.timing === undefined) continue;
    const fp32 = ours.find((o) => o.implementation === `ours-${match[1]}-fp32`)?.timing;
    if (fp32 === undefined) {
      lines.push(`- target ${r.label} decode ≥ ${target}× our fp32: not checked (no fp32 run on ${match[1]})`);
      continue;
    }
    const x = r.timing.decodeTokensPerSecond / fp32.decodeTokensPerSecond;
    lines.push(
      `- target ${r.label} decode ≥ ${target}× ours fp32 on ${match[1]}: ${x.toFixed(2)}×, ${x >= target ? 'met' : 'MISSED'}`,
    );
  }
  return lines;
}

/** Target lines: the best fp32 decode speed of ours ÷ the reference's, against each target. */
export function targetLines(
  ours: readonly Gpt2WorkerResult[],
  reference: Gpt2WorkerResult | undefined,
  targets: readonly number[],
): string[] {
  const ref = reference?.timing?.decodeTokensPerSecond;
  if (ref === undefined) return ['- targets: not checked (no onnxruntime reference in this run)'];
  const best = ours
    .filter((r) => r.timing !== undefined && r.implementation.endsWith('-fp32'))
    .sort((a, b) => b.timing!.decodeTokensPerSecond - a.timing!.decodeTokensPerSecond)[0];
  if (best === undefined) return ['- targets: not checked (no fp32 run of ours)'];
  const r = best.timing!.decodeTokensPerSecond / ref;
  return targets.map(
    (target) =>
      `- target decode ≥ ${target}× ${reference!.label} (fp32 against fp32): best of ours (${best.label}) ` +
      `${r.toFixed(2)}×, ${r >= target ? 'met' : 'MISSED'}`,
  );
}
