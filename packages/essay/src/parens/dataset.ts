/**
 * Training and held-out data of the parentheses language: training strings drawn from the process
 * with every held-out string refused, sequences `End s End` padded to the model's context, and
 * held-out strings drawn uniformly at each length.
 */
import { mulberry32, tensorDataset, type Dataset } from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';
import {
  CLOSE,
  END,
  OPEN,
  countBalanced,
  enumerateBalanced,
  isHeldOut,
  parensShape,
  sampleBalanced,
  sampleParens,
  type ParensProcess,
  type ParensSplit,
} from './language';

/** The target of padded positions: no token, left out of the loss. */
export const PAD_TARGET = -1;

/** How many attempts {@link parensTrainingStrings} makes per string before giving up. */
const MAX_ATTEMPTS_PER_STRING = 1000;

/**
 * `count` strings from `process`, none of them held out by `split` (a held-out draw is drawn again),
 * from a generator seeded with `seed`. The same on every machine.
 */
export function parensTrainingStrings(
  process: ParensProcess,
  split: ParensSplit,
  count: number,
  seed: number,
): string[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `parensTrainingStrings: count must be an integer ≥ 1, got ${String(count)}`,
      {
        argument: 'count',
        value: count,
        expected: 'an integer ≥ 1',
      },
    );
  }
  const rng = mulberry32(seed);
  const out: string[] = [];
  let attempts = 0;
  while (out.length < count) {
    const text = sampleParens(process, rng);
    if (!isHeldOut(text, split)) out.push(text);
    else if (++attempts > MAX_ATTEMPTS_PER_STRING * count) {
      throw new EssayError('INVALID_ARGUMENT', 'parensTrainingStrings: the split holds out almost every string', {
        argument: 'split',
        value: split,
        expected: 'a heldOutFraction well below 1',
      });
    }
  }
  return out;
}

/** Sequences as model inputs and next-token targets, `[rows, contextLength]` row-major. */
export interface ParensSequences {
  /** `End s₁ … sₙ` then End as padding. */
  readonly inputs: Int32Array;
  /** `s₁ … sₙ End` then {@link PAD_TARGET}. */
  readonly targets: Int32Array;
  readonly rows: number;
  readonly contextLength: number;
}

/** Encodes strings as {@link ParensSequences}; each must fit: length + 1 ≤ `contextLength`. */
export function parensSequences(strings: readonly string[], contextLength: number): ParensSequences {
  const rows = strings.length;
  const inputs = new Int32Array(rows * contextLength).fill(END);
  const targets = new Int32Array(rows * contextLength).fill(PAD_TARGET);
  for (let r = 0; r < rows; r++) {
    const text = strings[r]!;
    if (text.length + 1 > contextLength) {
      throw new EssayError(
        'INVALID_ARGUMENT',
        `parensSequences: strings[${r}] has ${text.length} characters; with End it must fit the context of ${contextLength}`,
        { argument: `strings[${r}]`, value: text, expected: `at most ${contextLength - 1} characters` },
      );
    }
    const base = r * contextLength;
    for (let i = 0; i < text.length; i++) {
      const id = text.charCodeAt(i) === 40 ? OPEN : text.charCodeAt(i) === 41 ? CLOSE : -1;
      if (id < 0) {
        throw new EssayError('INVALID_ARGUMENT', `parensSequences: strings[${r}] holds ${JSON.stringify(text[i])}`, {
          argument: `strings[${r}]`,
          value: text,
          expected: 'a string of "(" and ")"',
        });
      }
      inputs[base + i + 1] = id;
      targets[base + i] = id;
    }
    targets[base + text.length] = END;
  }
  return { inputs, targets, rows, contextLength };
}

/** A trainer dataset over {@link parensSequences}: x `[B, T]` int32 inputs, y `[B, T]` int32 targets. */
export function parensDataset(strings: readonly string[], contextLength: number): Dataset {
  const { inputs, targets, rows } = parensSequences(strings, contextLength);
  return tensorDataset(
    { data: inputs, shape: [rows, contextLength], dtype: 'int32' },
    { data: targets, shape: [rows, contextLength], dtype: 'int32' },
  );
}

/** A held-out string with its shape. */
export interface HeldOutParens {
  readonly text: string;
  readonly length: number;
  readonly maxDepth: number;
}

/** Options of {@link heldOutParensStrings}. */
export interface HeldOutParensOptions {
  /** Longest length (even). */
  readonly maxLength: number;
  /** At most this many strings per length. Default 200. */
  readonly perLength?: number;
  /** Seeds the draws at lengths with more held-out strings than `perLength`. Default 7. */
  readonly seed?: number;
}

/** Lengths up to this are enumerated; longer ones are sampled uniformly. */
const ENUMERATE_UP_TO = 16;

/**
 * Held-out strings of every even length 2…`maxLength`: all of them where there are at most
 * `perLength`, else `perLength` distinct ones drawn uniformly among the held-out strings of that
 * length. Sorted by length, then text.
 */
export function heldOutParensStrings(split: ParensSplit, options: HeldOutParensOptions): HeldOutParens[] {
  const perLength = options.perLength ?? 200;
  const rng = mulberry32(options.seed ?? 7);
  const out: HeldOutParens[] = [];
  for (let length = 2; length <= options.maxLength; length += 2) {
    let chosen: string[];
    if (length <= ENUMERATE_UP_TO) {
      const all = enumerateBalanced(length).filter((t) => isHeldOut(t, split));
      chosen = all.length <= perLength ? all : drawWithout(all, perLength, rng);
    } else {
      const expected = countBalanced(length) * split.heldOutFraction;
      const want = Math.min(perLength, Math.floor(expected / 2));
      const seen = new Set<string>();
      for (let attempts = 0; seen.size < want && attempts < want * 200; attempts++) {
        const text = sampleBalanced(length, rng);
        if (isHeldOut(text, split)) seen.add(text);
      }
      chosen = [...seen];
    }
    chosen.sort();
    for (const text of chosen) out.push({ text, length, maxDepth: parensShape(text).maxDepth });
  }
  return out;
}

function drawWithout(all: readonly string[], count: number, rng: () => number): string[] {
  const copy = [...all];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}
