/**
 * The balanced-parentheses language of essay section 11.1: strings of `(` and `)` whose depth never
 * goes below 0 and ends at 0, followed by an End token. Counting, uniform sampling by length, the
 * random process the models are trained on, and a fixed split of whole strings into training and
 * held-out ones.
 */
import { EssayError } from '../errors';
import { integerIn } from '../models/checks';

/** The three tokens, by id: `(` is 0, `)` is 1, End is 2. End also starts every sequence. */
export const PARENS_TOKENS = ['(', ')', 'End'] as const;
/** A token of the parentheses language. */
export type ParensToken = (typeof PARENS_TOKENS)[number];
/** Token ids. */
export const OPEN = 0;
export const CLOSE = 1;
export const END = 2;

/** Depth facts of a string of parentheses. */
export interface ParensShape {
  /** Characters. */
  readonly length: number;
  /** Opens minus closes at the end. */
  readonly depth: number;
  /** The largest depth reached. */
  readonly maxDepth: number;
  /** The smallest depth reached (negative when a `)` has no `(`). */
  readonly minDepth: number;
}

/** Checks that `text` holds only `(` and `)`; throws `INVALID_ARGUMENT` naming `argument` otherwise. */
export function checkParensText(op: string, argument: string, text: unknown): string {
  if (typeof text !== 'string') {
    throw new EssayError('INVALID_ARGUMENT', `${op}: ${argument} must be a string of "(" and ")"`, {
      argument,
      value: text,
      expected: 'a string of "(" and ")"',
    });
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '(' && c !== ')') {
      throw new EssayError(
        'INVALID_ARGUMENT',
        `${op}: ${argument} may hold only "(" and ")"; found ${JSON.stringify(c)} at index ${i} of ${JSON.stringify(text)}`,
        { argument, value: text, expected: 'a string of "(" and ")"' },
      );
    }
  }
  return text;
}

/** The depth, largest and smallest depth of a string of parentheses. */
export function parensShape(text: string): ParensShape {
  checkParensText('parensShape', 'text', text);
  let depth = 0;
  let maxDepth = 0;
  let minDepth = 0;
  for (let i = 0; i < text.length; i++) {
    depth += text.charCodeAt(i) === 40 ? 1 : -1;
    if (depth > maxDepth) maxDepth = depth;
    if (depth < minDepth) minDepth = depth;
  }
  return { length: text.length, depth, maxDepth, minDepth };
}

/** Whether `text` is in the language: its depth never goes below 0 and ends at 0 (`""` is balanced). */
export function isBalanced(text: string): boolean {
  const shape = parensShape(text);
  return shape.depth === 0 && shape.minDepth === 0;
}

/** Whether `text` can still be completed to a balanced string: its depth never goes below 0. */
export function isParensPrefix(text: string): boolean {
  return parensShape(text).minDepth === 0;
}

/**
 * `completions(remaining, depth)`: how many ways `remaining` more characters can take depth `depth`
 * back to 0 without going below it (a ballot number). Exact up to 2⁵³, i.e. lengths up to 64.
 */
export function completionCounter(maxLength: number): (remaining: number, depth: number) => number {
  const n = integerIn('completionCounter', 'maxLength', maxLength, 0, 64);
  // table[r][d], r remaining characters, d current depth.
  const table: number[][] = [];
  for (let r = 0; r <= n; r++) {
    const row = new Array<number>(n + 2).fill(0);
    for (let d = 0; d <= n; d++) {
      if (r === 0) row[d] = d === 0 ? 1 : 0;
      else row[d] = table[r - 1]![d + 1]! + (d > 0 ? table[r - 1]![d - 1]! : 0);
    }
    table.push(row);
  }
  return (remaining, depth) =>
    remaining < 0 || remaining > n || depth < 0 || depth > n ? 0 : table[remaining]![depth]!;
}

/** The number of balanced strings of `length` characters: the Catalan number C(length/2), 0 for odd lengths. */
export function countBalanced(length: number): number {
  const n = integerIn('countBalanced', 'length', length, 0, 64);
  return completionCounter(n)(n, 0);
}

/** Every balanced string of `length` characters (at most 28), in lexicographic order with `(` before `)`. */
export function enumerateBalanced(length: number): string[] {
  const n = integerIn('enumerateBalanced', 'length', length, 0, 28);
  const out: string[] = [];
  const walk = (text: string, depth: number) => {
    const remaining = n - text.length;
    if (remaining === 0) {
      if (depth === 0) out.push(text);
      return;
    }
    if (depth + 1 <= remaining - 1) walk(`${text}(`, depth + 1);
    if (depth > 0) walk(`${text})`, depth - 1);
  };
  if (n % 2 === 0) walk('', 0);
  return out;
}

/**
 * A balanced string of `length` characters drawn uniformly from all `countBalanced(length)` of them:
 * each character is chosen with probability proportional to the number of completions it leaves.
 */
export function sampleBalanced(length: number, rng: () => number): string {
  const n = integerIn('sampleBalanced', 'length', length, 0, 64);
  if (n % 2 !== 0) {
    throw new EssayError('INVALID_ARGUMENT', `sampleBalanced: length must be even, got ${n}`, {
      argument: 'length',
      value: n,
      expected: 'an even integer',
    });
  }
  const completions = completionCounter(n);
  let text = '';
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const remaining = n - i - 1;
    const open = completions(remaining, depth + 1);
    const close = depth > 0 ? completions(remaining, depth - 1) : 0;
    if (rng() * (open + close) < open) {
      text += '(';
      depth++;
    } else {
      text += ')';
      depth--;
    }
  }
  return text;
}

/**
 * The random process training strings come from. At depth 0 (after at least one pair) the string
 * ends with probability `endProbability`, else a `(` follows; inside brackets a `(` follows with
 * probability `openProbability`, else a `)`; near `maxLength` the string is closed so it fits. So
 * after a balanced prefix the right next-token distribution is End `endProbability`, `(` the rest,
 * and after an unbalanced one End has probability 0.
 */
export interface ParensProcess {
  /** The longest string, in characters (even). Default 24. */
  readonly maxLength: number;
  /** Probability of End at depth 0. Default 0.65. */
  readonly endProbability: number;
  /** Probability of `(` inside brackets. Default 0.5. */
  readonly openProbability: number;
}

/** The defaults of {@link ParensProcess}. */
export const PARENS_PROCESS: ParensProcess = Object.freeze({
  maxLength: 24,
  endProbability: 0.65,
  openProbability: 0.5,
});

function checkProbability(op: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: ${argument} must be a number in (0, 1), got ${String(value)}`, {
      argument,
      value,
      expected: 'a number in (0, 1)',
    });
  }
  return value;
}

/** {@link PARENS_PROCESS} with `input`'s fields, checked. */
export function parensProcess(input: Partial<ParensProcess> = {}): ParensProcess {
  const op = 'parensProcess';
  const maxLength = integerIn(op, 'maxLength', input.maxLength ?? PARENS_PROCESS.maxLength, 0, 64);
  if (maxLength < 2 || maxLength % 2 !== 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: maxLength must be an even integer ≥ 2, got ${maxLength}`, {
      argument: 'maxLength',
      value: maxLength,
      expected: 'an even integer in [2, 64]',
    });
  }
  return Object.freeze({
    maxLength,
    endProbability: checkProbability(op, 'endProbability', input.endProbability ?? PARENS_PROCESS.endProbability),
    openProbability: checkProbability(op, 'openProbability', input.openProbability ?? PARENS_PROCESS.openProbability),
  });
}

/** One string from the {@link ParensProcess} (never empty). */
export function sampleParens(process: ParensProcess, rng: () => number): string {
  const { maxLength, endProbability, openProbability } = process;
  let text = '';
  let depth = 0;
  for (;;) {
    const length = text.length;
    const canOpen = length + depth + 2 <= maxLength;
    if (depth === 0) {
      if (length > 0 && (!canOpen || rng() < endProbability)) return text;
      text += '(';
      depth = 1;
    } else if (canOpen && rng() < openProbability) {
      text += '(';
      depth++;
    } else {
      text += ')';
      depth--;
    }
  }
}

/** Which whole strings are held out of training. */
export interface ParensSplit {
  /** The share of all balanced strings held out (by a hash of the string). Default 0.1. */
  readonly heldOutFraction: number;
  /** Mixed into the hash, so another seed holds out other strings. Default 1. */
  readonly seed: number;
}

/** The defaults of {@link ParensSplit}. */
export const PARENS_SPLIT: ParensSplit = Object.freeze({ heldOutFraction: 0.1, seed: 1 });

/** {@link PARENS_SPLIT} with `input`'s fields, checked. */
export function parensSplit(input: Partial<ParensSplit> = {}): ParensSplit {
  const op = 'parensSplit';
  const seed = input.seed ?? PARENS_SPLIT.seed;
  if (!Number.isSafeInteger(seed)) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: seed must be a safe integer, got ${String(seed)}`, {
      argument: 'seed',
      value: seed,
      expected: 'a safe integer',
    });
  }
  return Object.freeze({
    heldOutFraction: checkProbability(op, 'heldOutFraction', input.heldOutFraction ?? PARENS_SPLIT.heldOutFraction),
    seed,
  });
}

/**
 * Whether the whole string `text` is held out of training: FNV-1a of the seed and the string,
 * mixed by murmur3's finaliser, below `heldOutFraction` of 2³². The same on every machine.
 */
export function isHeldOut(text: string, split: ParensSplit): boolean {
  let h = 0x811c9dc5 ^ (split.seed >>> 0);
  h = Math.imul(h, 0x01000193) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ text.length, 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296 < split.heldOutFraction;
}

/** Token ids of a string of parentheses (without the End tokens). */
export function parensIds(text: string): number[] {
  checkParensText('parensIds', 'text', text);
  const ids: number[] = [];
  for (let i = 0; i < text.length; i++) ids.push(text.charCodeAt(i) === 40 ? OPEN : CLOSE);
  return ids;
}
