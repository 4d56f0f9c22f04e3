/**
 * Letter counts (essay 2.1): how often each Unicode letter occurs in a text.
 */
import { compareByCodePoint } from '@chatgpt-explained/tokenizer';
import { checkOptions, optionalBoolean, requireString } from './check';
import { ChunkJoiner, safeCodePointCut } from './chunks';
import { NgramError } from './errors';
import { foldCharacter } from './fold-case';
import type { TextChunk } from './counters';

/** Options of {@link countLetters} and {@link LetterCounter}. */
export interface LetterCountOptions {
  /**
   * Fold case: each letter is lower-cased on its own (`toLowerCase` of that one character, no
   * locale), and the letters of the result are counted. "E" counts as "e"; "Σ" as "σ"; "İ" (U+0130)
   * as "i" (its lower case is "i" + U+0307, and the combining dot is not a letter); "ß" stays "ß"
   * (no full case folding to "ss"). Default `false`: "E" and "e" are counted apart.
   */
  readonly ignoreCase?: boolean;
}

/** One letter with its count and its share of all letters. */
export interface LetterCount {
  /** The letter: one code point of general category L (`\p{L}`). */
  readonly letter: string;
  /** How many times it occurs. */
  readonly count: number;
  /** count ÷ the number of letters in the text. */
  readonly frequency: number;
}

const LETTER = /\p{L}/u;

/**
 * Counts letters of a text that arrives in chunks (strings or UTF-8 bytes); memory is one entry per
 * distinct letter. A letter is a code point of category L (`\p{L}`): digits, marks, punctuation and
 * spaces are not counted.
 *
 * @example
 * const counter = new LetterCounter({ ignoreCase: true });
 * counter.add('The cat').add(' sat');
 * counter.end(); // [{ letter: 'a', count: 2, frequency: 0.2 }, { letter: 't', count: 3, … }, …]
 */
export class LetterCounter {
  /** Whether case is folded. */
  readonly ignoreCase: boolean;
  private readonly counts = new Map<string, number>();
  private readonly joiner = new ChunkJoiner('LetterCounter.add', safeCodePointCut);
  private ended = false;

  constructor(options?: LetterCountOptions) {
    const record = checkOptions('LetterCounter', options, ['ignoreCase']);
    this.ignoreCase = optionalBoolean('LetterCounter', 'ignoreCase', record['ignoreCase']) ?? false;
  }

  /** Counts the letters of one chunk; returns the counter. */
  add(chunk: TextChunk): this {
    this.checkOpen('add');
    this.count(this.joiner.push(chunk));
    return this;
  }

  /** The letters, most frequent first (ties in code-point order); the counter takes no more chunks. */
  end(): LetterCount[] {
    this.checkOpen('end');
    this.count(this.joiner.flush());
    this.ended = true;
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || compareByCodePoint(a[0], b[0]))
      .map(([letter, count]) => ({ letter, count, frequency: count / total }));
  }

  private count(text: string): void {
    const { counts, ignoreCase } = this;
    for (const character of text) {
      if (!LETTER.test(character)) continue;
      if (!ignoreCase) {
        counts.set(character, (counts.get(character) ?? 0) + 1);
        continue;
      }
      for (const folded of foldCharacter(character)) {
        if (LETTER.test(folded)) counts.set(folded, (counts.get(folded) ?? 0) + 1);
      }
    }
  }

  private checkOpen(method: string): void {
    if (this.ended) {
      throw new NgramError('COUNTER_ENDED', `LetterCounter.${method}: the counter has ended; start a new one`, {
        argument: 'this',
      });
    }
  }
}

/**
 * The letters of `text` with their counts and frequencies, most frequent first (ties in code-point
 * order). Case is kept unless `ignoreCase`.
 *
 * @example
 * countLetters('Cats eat.'); // [{ letter: 'a', count: 2, … }, { letter: 't', count: 2, … }, { letter: 'C', … }, …]
 */
export function countLetters(text: string, options?: LetterCountOptions): LetterCount[] {
  const counter = new LetterCounter(options);
  return counter.add(requireString('countLetters', 'text', text)).end();
}
