/**
 * Random letters by frequency (essay 2.2): alone, with the space as a letter, and in words whose
 * lengths follow a word-length distribution.
 */
import { sample, type Rng } from '@chatgpt-explained/sampler';
import { compareByCodePoint } from '@chatgpt-explained/tokenizer';
import { checkOptions, optionalBoolean, requireInteger, requireNumber } from './check';
import { NgramError } from './errors';
import { rngOf } from './rng-option';
import { requireCounts, type NgramCounts } from './ngram-counts';

/** Options shared by {@link randomLetters} and {@link randomLetterWords}. */
export interface RandomLetterOptions {
  /** Seed of the sampler's RNG (`createRng(seed)`). Default 0. Not with `rng`. */
  readonly seed?: number | string;
  /** A source of randomness the caller owns. Not with `seed`. */
  readonly rng?: Rng;
  /** Temperature of the sampler (default 1: the counted frequencies). */
  readonly temperature?: number;
}

/** The symbols of 1-gram counts and the logits (log counts) to draw them with. */
function alphabet(counts: NgramCounts, withSpace: boolean): { symbols: string[]; logits: Float64Array } {
  const symbols: string[] = [];
  const weights: number[] = [];
  for (const { gram, count } of counts.entries(1)) {
    const symbol = gram[0]!;
    if (symbol === ' ' ? withSpace : /^\p{L}$/u.test(symbol)) {
      symbols.push(symbol);
      weights.push(count);
    }
  }
  // A fixed order (code points), so a seed gives the same letters whatever the table's layout.
  const order = symbols.map((_, i) => i).sort((a, b) => compareByCodePoint(symbols[a]!, symbols[b]!));
  return {
    symbols: order.map((i) => symbols[i]!),
    logits: Float64Array.from(order, (i) => Math.log(weights[i]!)),
  };
}

function requireCharacterCounts(operation: string, counts: unknown): NgramCounts {
  const c = requireCounts(operation, counts);
  if (c.kind !== 'character' || c.tokenCount === 0) {
    throw new NgramError('EMPTY_COUNTS', `${operation}: counts must be non-empty character counts, got ${String(c)}`, {
      argument: 'counts',
      value: String(c),
      expected: 'character counts of a text with letters',
    });
  }
  return c;
}

/**
 * `length` random letters drawn independently with the frequencies of the counted text (its 1-gram
 * counts; only letters, `\p{L}`), joined; with `spaces: true` the space is drawn as one more
 * letter with its own frequency (count with `{ words: true }` to have one space per word boundary).
 *
 * @example
 * const chars = new CharacterNgramCounter(1, { words: true, ignoreCase: true }).add(corpus).end();
 * randomLetters(chars, { length: 60, seed: 1 }); // 'rnoaehtsl…'
 * randomLetters(chars, { length: 60, spaces: true, seed: 1 }); // 'ot ea nrhe …'
 */
export function randomLetters(
  counts: NgramCounts,
  options: RandomLetterOptions & { readonly length: number; readonly spaces?: boolean },
): string {
  const operation = 'randomLetters';
  const c = requireCharacterCounts(operation, counts);
  const o = checkOptions(operation, options, ['length', 'spaces', 'seed', 'rng', 'temperature']);
  const length = requireInteger(operation, 'length', o['length'], 0, Number.MAX_SAFE_INTEGER);
  const spaces = optionalBoolean(operation, 'spaces', o['spaces']) ?? false;
  const temperature = requireNumber(operation, 'temperature', o['temperature'] ?? 1, { min: 0 });
  const rng = rngOf(operation, o);
  const { symbols, logits } = alphabet(c, spaces);
  let out = '';
  for (let i = 0; i < length; i++) out += symbols[sample(logits, { temperature, rng })]!;
  return out;
}

/**
 * How many words of each length (in code points) the counted words have: from word counts (any
 * order; their 1-gram counts are used). The essay's "word lengths drawn from English's word-length
 * distribution" use this.
 */
export function wordLengthCounts(wordCounts: NgramCounts): Map<number, number> {
  const c = requireCounts('wordLengthCounts', wordCounts);
  if (c.kind !== 'word') {
    throw new NgramError('INVALID_ARGUMENT', `wordLengthCounts: counts must be word counts, got ${String(c)}`, {
      argument: 'wordCounts',
      value: String(c),
      expected: 'word counts (WordNgramCounter)',
    });
  }
  const lengths = new Map<number, number>();
  for (const { gram, count } of c.entries(1)) {
    const length = [...gram[0]!].length;
    lengths.set(length, (lengths.get(length) ?? 0) + count);
  }
  return new Map([...lengths].sort((a, b) => a[0] - b[0]));
}

/**
 * `words` random words: each one's length drawn from `wordLengths` (length → count, such as
 * {@link wordLengthCounts} gives), its letters drawn independently by the frequencies of the
 * character counts (letters only).
 */
export function randomLetterWords(
  counts: NgramCounts,
  options: RandomLetterOptions & { readonly words: number; readonly wordLengths: ReadonlyMap<number, number> },
): string[] {
  const operation = 'randomLetterWords';
  const c = requireCharacterCounts(operation, counts);
  const o = checkOptions(operation, options, ['words', 'wordLengths', 'seed', 'rng', 'temperature']);
  const words = requireInteger(operation, 'words', o['words'], 0, Number.MAX_SAFE_INTEGER);
  const temperature = requireNumber(operation, 'temperature', o['temperature'] ?? 1, { min: 0 });
  const wordLengths = o['wordLengths'];
  const entries = wordLengths instanceof Map ? [...(wordLengths as Map<unknown, unknown>)] : [];
  if (
    entries.length === 0 ||
    !entries.every(
      ([length, count]) =>
        Number.isInteger(length) &&
        (length as number) >= 1 &&
        typeof count === 'number' &&
        count > 0 &&
        Number.isFinite(count),
    )
  ) {
    throw new NgramError(
      'INVALID_ARGUMENT',
      `randomLetterWords: wordLengths must be a non-empty Map of length ≥ 1 → count > 0`,
      {
        argument: 'wordLengths',
        value: wordLengths,
        expected: 'Map<number, number> such as wordLengthCounts(counts) gives',
      },
    );
  }
  const rng = rngOf(operation, o);
  const { symbols, logits } = alphabet(c, false);
  const lengths = entries.map(([length]) => length as number);
  const lengthLogits = Float64Array.from(entries, ([, count]) => Math.log(count as number));
  const out: string[] = [];
  for (let w = 0; w < words; w++) {
    const length = lengths[sample(lengthLogits, { temperature, rng })]!;
    let word = '';
    for (let i = 0; i < length; i++) word += symbols[sample(logits, { temperature, rng })]!;
    out.push(word);
  }
  return out;
}
