/**
 * Characters as the letter counts, character n-grams and character-level models see them: code
 * points, or grapheme clusters (what a reader calls one character).
 */
import { checkOptions, describe, requireString } from './check-options';
import { TokenizerError } from './errors';

/** What one character is. */
export type CharacterUnit = 'codepoint' | 'grapheme';

/** The values {@link CharacterUnit} may take. */
export const CHARACTER_UNITS: readonly CharacterUnit[] = ['codepoint', 'grapheme'];

/** Options of {@link splitCharacters} and {@link iterateCharacters}. */
export interface CharacterOptions {
  /**
   * `'codepoint'` (the default): one Unicode code point each. A surrogate pair is one character (𝐀,
   * 😀); a lone surrogate is kept as its own one-unit string, so joining gives back the text.
   *
   * `'grapheme'`: one extended grapheme cluster each, as `Intl.Segmenter` finds them: "e" + U+0301,
   * 👍🏽 and 🇯🇵 are one character each. Needs `Intl.Segmenter` (Node ≥ 16, every current browser).
   */
  readonly unit?: CharacterUnit;
}

/** Reads and checks {@link CharacterOptions}; returns the unit. */
export function characterUnitOption(operation: string, value: unknown): CharacterUnit {
  if (value === undefined) return 'codepoint';
  if (value === 'codepoint' || value === 'grapheme') return value;
  throw new TokenizerError(
    'INVALID_ARGUMENT',
    `${operation}: unit must be 'codepoint' or 'grapheme', got ${describe(value)}`,
    {
      argument: 'unit',
      value,
      expected: CHARACTER_UNITS.join(' | '),
    },
  );
}

let graphemeSegmenter: Intl.Segmenter | undefined;

function segmenter(operation: string): Intl.Segmenter {
  if (graphemeSegmenter !== undefined) return graphemeSegmenter;
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') {
    throw new TokenizerError(
      'INVALID_ARGUMENT',
      `${operation}: unit 'grapheme' needs Intl.Segmenter, which this runtime lacks`,
      {
        argument: 'unit',
        value: 'grapheme',
        expected: "'codepoint' here, or a runtime with Intl.Segmenter",
      },
    );
  }
  // Grapheme clusters do not depend on the locale; 'und' (undetermined) says so.
  graphemeSegmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
  return graphemeSegmenter;
}

/**
 * Code units whose Grapheme_Cluster_Break property is Other (or a Hangul syllable, LV/LVT): printable
 * ASCII, Latin-1 and Latin Extended-A/B letters, Greek and Coptic, basic Cyrillic, Hebrew and Arabic
 * letters, kana, CJK ideographs, Hangul syllables. Between two of them there is always a grapheme
 * boundary (rule GB999; no earlier rule applies).
 */
function isPlain(unit: number): boolean {
  return (
    (unit >= 0x20 && unit <= 0x7e) ||
    (unit >= 0xc0 && unit <= 0x24f) ||
    (unit >= 0x370 && unit <= 0x45f) ||
    (unit >= 0x5d0 && unit <= 0x5ea) ||
    (unit >= 0x621 && unit <= 0x64a) ||
    (unit >= 0x3041 && unit <= 0x3096) ||
    (unit >= 0x30a1 && unit <= 0x30fa) ||
    (unit >= 0x4e00 && unit <= 0x9fff) ||
    (unit >= 0xac00 && unit <= 0xd7a3)
  );
}

/** Letters, digits and punctuation, which start a grapheme cluster after a space, but for four. */
const STARTER = /[\p{L}\p{N}\p{P}]/u;
/** The letters that still join what comes before: Thai and Lao SARA AM (SpacingMark), and the halfwidth sound marks (Extend). */
const JOINING_LETTERS = new Set([0x0e33, 0x0eb3, 0xff9e, 0xff9f]);

/** True when there is certainly a grapheme boundary before UTF-16 index `i` (0 < i < length). */
function certainBoundary(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  // GB4: always a boundary after a line feed.
  if (before === 0x0a) return true;
  if (isPlain(before) && isPlain(after)) return true;
  // After a space, only Extend, SpacingMark and ZWJ join (GB9, GB9a): never a letter, digit or
  // punctuation mark but the four above.
  return before === 0x20 && STARTER.test(text.charAt(i)) && !JOINING_LETTERS.has(after);
}

/**
 * How many code units `Intl.Segmenter` is given at a time. In Node 20 each cluster it yields costs
 * time in proportion to the length of the string segmented (and about a millisecond from 65,536
 * code units up), so long texts are segmented in short pieces cut at boundaries that are certain,
 * which gives the same clusters as segmenting the whole text.
 */
const GRAPHEME_CHUNK = 1024;

/** The grapheme clusters of `text`, segmented `chunk` code units at a time (see GRAPHEME_CHUNK). */
export function* graphemesInChunks(
  text: string,
  segmenterOf: Intl.Segmenter,
  chunk: number = GRAPHEME_CHUNK,
): Generator<string, void, undefined> {
  for (let start = 0; start < text.length;) {
    let end = start + chunk;
    if (end >= text.length) end = text.length;
    else {
      let cut = end;
      while (cut > start && !certainBoundary(text, cut)) cut--;
      if (cut === start) {
        // No certain boundary in this piece: take a longer one (slow only for long runs of
        // scripts outside isPlain with no line feed).
        cut = end + 1;
        while (cut < text.length && !certainBoundary(text, cut)) cut++;
      }
      end = cut;
    }
    for (const { segment } of segmenterOf.segment(text.slice(start, end))) yield segment;
    start = end;
  }
}

/**
 * The characters of `text` in order (see {@link CharacterOptions.unit}); `join('')` gives back the
 * text exactly.
 *
 * @example
 * splitCharacters('a😀'); // ['a', '😀']
 * splitCharacters('e\u0301!', { unit: 'grapheme' }); // ['é', '!']  (e + combining acute, one grapheme)
 */
export function splitCharacters(text: string, options?: CharacterOptions): string[] {
  const record = checkOptions('splitCharacters', options, ['unit']);
  const unit = characterUnitOption('splitCharacters', record['unit']);
  requireString('splitCharacters', 'text', text);
  // The string iterator walks code points and yields a lone surrogate as its own string.
  if (unit === 'codepoint') return Array.from(text);
  return Array.from(graphemesInChunks(text, segmenter('splitCharacters')));
}

/**
 * The characters of `text` one at a time, without building an array: for large corpora. Same
 * characters as {@link splitCharacters}.
 */
export function iterateCharacters(text: string, options?: CharacterOptions): IterableIterator<string> {
  const record = checkOptions('iterateCharacters', options, ['unit']);
  const unit = characterUnitOption('iterateCharacters', record['unit']);
  requireString('iterateCharacters', 'text', text);
  if (unit === 'codepoint') return text[Symbol.iterator]();
  return graphemesInChunks(text, segmenter('iterateCharacters'));
}
