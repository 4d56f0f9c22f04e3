/**
 * Words as the n-gram models and the word tokenizer see them: maximal runs of Unicode letters,
 * optionally joined by an inner apostrophe.
 */
import { checkOptions, optionalBoolean, requireString } from './check-options';

/**
 * What a word is: a maximal run of Unicode letters (`\p{L}`), optionally joined by an inner
 * apostrophe `'` (U+0027) or `’` (U+2019) that has letters on both sides. Not global, so it holds
 * no state; build `new RegExp(WORD_PATTERN.source, 'gu')` to scan.
 *
 * Consequences, all deliberate (the definition is the issue's, taken literally):
 * - "don't" and "rock’n’roll" are one word each; "'tis" gives "tis" and "cats'" gives "cats".
 * - Hyphens, digits, underscores, emoji and punctuation separate words: "well-known" is two words,
 *   "mp3" is "mp".
 * - Combining marks (`\p{M}`) are not letters: "é" written as "e" + U+0301 splits into "e" and
 *   whatever follows the mark, while the precomposed "é" (U+00E9) is a letter. Normalize text to NFC
 *   first (`text.normalize('NFC')`) where that matters. Scripts that rely on marks (Devanagari
 *   vowel signs, for example) split at every mark.
 * - Letters of every script count, CJK ideographs and kana included, and so do letters outside the
 *   Basic Multilingual Plane (𝐀, U+1D400); a run of CJK is one word, as nothing separates it.
 */
export const WORD_PATTERN = /\p{L}+(?:['’]\p{L}+)*/u;

/** Options of {@link splitWords} and {@link iterateWords}. */
export interface WordOptions {
  /**
   * Lower-case every word with `String.prototype.toLowerCase` (locale-independent: Turkish "I"
   * becomes "i", not "ı"; Greek final sigma becomes "ς"). Default `true`.
   */
  readonly lowercase?: boolean;
}

/** One word of a text and where it is. */
export interface WordMatch {
  /** The word, lower-cased unless `lowercase: false`. */
  readonly word: string;
  /** Index of its first UTF-16 code unit in the original text. */
  readonly start: number;
  /**
   * Index just after its last UTF-16 code unit in the original text: `text.slice(start, end)` is the
   * word as written (lower-casing can change the length, as "İ" becomes "i̇").
   */
  readonly end: number;
}

const OPTION_NAMES = ['lowercase'] as const;

/** Reads and checks {@link WordOptions}; returns whether to lower-case. */
export function wordOptionsLowercase(operation: string, options: unknown): boolean {
  const record = checkOptions(operation, options, OPTION_NAMES);
  return optionalBoolean(operation, 'lowercase', record['lowercase']) ?? true;
}

/**
 * The words of `text` (see {@link WORD_PATTERN}), in order, lower-cased unless
 * `{ lowercase: false }`.
 *
 * @example
 * splitWords("Don't stop—rock’n’roll, 'tis 2024!"); // ["don't", 'stop', 'rock’n’roll', 'tis']
 */
export function splitWords(text: string, options?: WordOptions): string[] {
  const lowercase = wordOptionsLowercase('splitWords', options);
  const found = requireString('splitWords', 'text', text).match(new RegExp(WORD_PATTERN.source, 'gu'));
  if (found === null) return [];
  if (lowercase) for (let i = 0; i < found.length; i++) found[i] = found[i]!.toLowerCase();
  return found;
}

/**
 * The words of `text` one at a time, with their positions, without building an array: for large
 * corpora. Same words as {@link splitWords}.
 */
export function iterateWords(text: string, options?: WordOptions): Generator<WordMatch, void, undefined> {
  // Checked here, not at the first `next()`, so bad arguments fail where the call is.
  const lowercase = wordOptionsLowercase('iterateWords', options);
  return scanWords(requireString('iterateWords', 'text', text), lowercase);
}

function* scanWords(text: string, lowercase: boolean): Generator<WordMatch, void, undefined> {
  const pattern = new RegExp(WORD_PATTERN.source, 'gu');
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    yield { word: lowercase ? match[0].toLowerCase() : match[0], start, end };
  }
}
