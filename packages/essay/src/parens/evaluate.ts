/**
 * How well a parentheses transformer knows where strings can end: for every distinct prefix of the
 * held-out strings, whether End gets the highest probability exactly when the prefix is balanced,
 * and whether End is > 0.5 after balanced and < 0.05 after unbalanced prefixes; by prefix length and
 * by the deepest nesting so far.
 */
import type { Gpt2Model } from '@chatgpt-explained/gpt2';
import type { ComputeContext } from '@chatgpt-explained/nn-core';
import type { HeldOutParens } from './dataset';
import { CLOSE, END, OPEN } from './language';
import { parensProbabilities } from './model';

/** Thresholds of the End criterion. */
export interface EndThresholds {
  /** After a balanced prefix End must have more than this. Default 0.5. */
  readonly balanced: number;
  /** After an unbalanced prefix End must have less than this. Default 0.05. */
  readonly unbalanced: number;
}

/** The defaults of {@link EndThresholds}: the criterion. */
export const END_THRESHOLDS: EndThresholds = Object.freeze({ balanced: 0.5, unbalanced: 0.05 });

/** One distinct prefix of a held-out string, with the model's answer. */
export interface PrefixResult {
  readonly prefix: string;
  readonly length: number;
  readonly balanced: boolean;
  /** The deepest nesting in the prefix. */
  readonly maxDepth: number;
  /** P(`(`), P(`)`), P(End). */
  readonly probabilities: readonly [number, number, number];
  /** End has the highest probability exactly when the prefix is balanced. */
  readonly argmaxRight: boolean;
  /** End > `balanced` after a balanced prefix, End < `unbalanced` after an unbalanced one. */
  readonly thresholdRight: boolean;
}

/** Counts of one group of prefixes. */
export interface PrefixTally {
  readonly prefixes: number;
  readonly balanced: number;
  /** Share with {@link PrefixResult.argmaxRight}. */
  readonly argmaxAccuracy: number;
  /** Share with {@link PrefixResult.thresholdRight}. */
  readonly thresholdAccuracy: number;
  /** Share of the balanced prefixes with End > the balanced threshold (NaN when none). */
  readonly balancedAccuracy: number;
  /** Share of the unbalanced prefixes with End < the unbalanced threshold (NaN when none). */
  readonly unbalancedAccuracy: number;
}

/** What {@link evaluateParens} returns. */
export interface ParensEvaluation {
  readonly thresholds: EndThresholds;
  /** Held-out strings read. */
  readonly strings: number;
  /** Every distinct non-empty prefix, by length then text. */
  readonly prefixes: readonly PrefixResult[];
  /** Prefixes of 1…`shortUpTo` characters. */
  readonly short: PrefixTally;
  /** Longer prefixes. */
  readonly long: PrefixTally;
  readonly shortUpTo: number;
  /** By prefix length (index = length; index 0 empty). */
  readonly byLength: readonly (PrefixTally | null)[];
  /** By the deepest nesting in the prefix (index = depth). */
  readonly byDepth: readonly (PrefixTally | null)[];
  /** `grid[depth][length]`: threshold accuracy, null where there are no prefixes. */
  readonly grid: readonly (readonly (number | null)[])[];
}

/** Tallies prefix results (exported for tests). */
export function tallyPrefixes(results: readonly PrefixResult[]): PrefixTally {
  let balanced = 0;
  let argmax = 0;
  let threshold = 0;
  let balancedRight = 0;
  let unbalancedRight = 0;
  for (const r of results) {
    if (r.argmaxRight) argmax++;
    if (r.thresholdRight) threshold++;
    if (r.balanced) {
      balanced++;
      if (r.thresholdRight) balancedRight++;
    } else if (r.thresholdRight) unbalancedRight++;
  }
  const n = results.length;
  return {
    prefixes: n,
    balanced,
    argmaxAccuracy: argmax / n,
    thresholdAccuracy: threshold / n,
    balancedAccuracy: balanced === 0 ? Number.NaN : balancedRight / balanced,
    unbalancedAccuracy: n - balanced === 0 ? Number.NaN : unbalancedRight / (n - balanced),
  };
}

function groupBy(results: readonly PrefixResult[], key: (r: PrefixResult) => number): (PrefixTally | null)[] {
  const groups: PrefixResult[][] = [];
  for (const r of results) (groups[key(r)] ??= []).push(r);
  return Array.from({ length: groups.length }, (_, i) => (groups[i] ? tallyPrefixes(groups[i]) : null));
}

/** Options of {@link evaluateParens}. */
export interface EvaluateParensOptions {
  /** Default {@link END_THRESHOLDS}. */
  readonly thresholds?: EndThresholds;
  /** The "short" group is prefixes of at most this many characters. Default 12. */
  readonly shortUpTo?: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Reads every held-out string once through the model and judges each distinct non-empty prefix
 * (the model sees only the prefix, so a prefix shared by several strings is judged once).
 */
export async function evaluateParens(
  compute: ComputeContext,
  model: Gpt2Model,
  heldOut: readonly HeldOutParens[],
  options: EvaluateParensOptions = {},
): Promise<ParensEvaluation> {
  const thresholds = options.thresholds ?? END_THRESHOLDS;
  const shortUpTo = options.shortUpTo ?? 12;
  const texts = heldOut.map((h) => h.text);
  const probabilities = await parensProbabilities(compute, model, texts, { signal: options.signal });
  const seen = new Map<string, PrefixResult>();
  texts.forEach((text, i) => {
    let depth = 0;
    let maxDepth = 0;
    for (let k = 1; k <= text.length; k++) {
      depth += text[k - 1] === '(' ? 1 : -1;
      maxDepth = Math.max(maxDepth, depth);
      const prefix = text.slice(0, k);
      if (seen.has(prefix)) continue;
      const p = probabilities[i]![k]!;
      const balanced = depth === 0;
      const end = p[END]!;
      const argmaxIsEnd = end > p[OPEN]! && end > p[CLOSE]!;
      seen.set(prefix, {
        prefix,
        length: k,
        balanced,
        maxDepth,
        probabilities: [p[OPEN]!, p[CLOSE]!, end],
        argmaxRight: argmaxIsEnd === balanced,
        thresholdRight: balanced ? end > thresholds.balanced : end < thresholds.unbalanced,
      });
    }
  });
  const prefixes = [...seen.values()].sort((a, b) => a.length - b.length || (a.prefix < b.prefix ? -1 : 1));
  const byLength = groupBy(prefixes, (r) => r.length);
  const byDepth = groupBy(prefixes, (r) => r.maxDepth);
  // One pass over the prefixes: right and total per (depth, length) cell.
  const right = byDepth.map(() => new Array<number>(byLength.length).fill(0));
  const total = byDepth.map(() => new Array<number>(byLength.length).fill(0));
  for (const r of prefixes) {
    total[r.maxDepth]![r.length]!++;
    if (r.thresholdRight) right[r.maxDepth]![r.length]!++;
  }
  const grid = total.map((row, depth) => row.map((n, length) => (n === 0 ? null : right[depth]![length]! / n)));
  return {
    thresholds,
    strings: texts.length,
    prefixes,
    short: tallyPrefixes(prefixes.filter((r) => r.length <= shortUpTo)),
    long: tallyPrefixes(prefixes.filter((r) => r.length > shortUpTo)),
    shortUpTo,
    byLength,
    byDepth,
    grid,
  };
}

/** An evaluation's prefixes grouped by whether training could have shown their strings. */
export interface ParensGroups {
  /** Prefixes of 1…`shortUpTo` characters of held-out strings no longer than `trainedUpTo`. */
  readonly short: PrefixTally;
  /** Longer prefixes of those strings. */
  readonly long: PrefixTally;
  /** Prefixes of held-out strings longer than `trainedUpTo` (longer than any training string); null without such strings. */
  readonly beyond: PrefixTally | null;
}

/**
 * Splits an evaluation of `heldOut` into the prefixes of the strings within the training lengths (at
 * most `trainedUpTo` characters; short and long at the evaluation's `shortUpTo`) and the prefixes of
 * longer strings. A prefix shared by a short and a long string counts in both groups.
 */
export function groupByTrainedLength(
  evaluation: ParensEvaluation,
  heldOut: readonly HeldOutParens[],
  trainedUpTo: number,
): ParensGroups {
  const prefixSet = (strings: readonly HeldOutParens[]) =>
    new Set(strings.flatMap((h) => Array.from({ length: h.length }, (_, k) => h.text.slice(0, k + 1))));
  const within = prefixSet(heldOut.filter((h) => h.length <= trainedUpTo));
  const longer = prefixSet(heldOut.filter((h) => h.length > trainedUpTo));
  const inTraining = evaluation.prefixes.filter((p) => within.has(p.prefix));
  const beyond = evaluation.prefixes.filter((p) => longer.has(p.prefix));
  return {
    short: tallyPrefixes(inTraining.filter((p) => p.length <= evaluation.shortUpTo)),
    long: tallyPrefixes(inTraining.filter((p) => p.length > evaluation.shortUpTo)),
    beyond: beyond.length === 0 ? null : tallyPrefixes(beyond),
  };
}
