import { Gpt2Scanner } from './gpt2-scanner';
import { PATTERNS } from './patterns';
import type { PatternName } from '../types';

/** Finds pre-tokenizer pieces one at a time. */
export interface Splitter {
  /** Start of the piece found by the last successful {@link find}. */
  start: number;
  /** End (exclusive) of that piece. */
  end: number;
  /** Finds the next piece at or after `from`; false when there is none. */
  find(text: string, from: number): boolean;
}

/** GPT-2's pattern through the hand-written scanner. */
class ScannerSplitter implements Splitter {
  start = 0;
  end = 0;
  private readonly scanner = new Gpt2Scanner();

  find(text: string, from: number): boolean {
    if (from >= text.length) return false;
    this.start = from;
    this.end = this.scanner.pieceEnd(text, from);
    return true;
  }
}

/** Any pattern through the engine's regular expressions; text between matches is skipped, as in tiktoken. */
class RegexSplitter implements Splitter {
  start = 0;
  end = 0;
  private readonly regex: RegExp;

  constructor(source: string) {
    this.regex = new RegExp(source, 'gu');
  }

  find(text: string, from: number): boolean {
    const regex = this.regex;
    regex.lastIndex = from;
    for (;;) {
      const match = regex.exec(text);
      if (match === null) return false;
      const end = match.index + match[0].length;
      if (end > match.index) {
        this.start = match.index;
        this.end = end;
        return true;
      }
      // An empty match (a user's pattern such as \p{L}*) is no piece: step over one code point.
      if (match.index >= text.length) return false;
      const unit = text.charCodeAt(match.index);
      regex.lastIndex =
        match.index + (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogateAt(text, match.index + 1) ? 2 : 1);
    }
  }
}

function isLowSurrogateAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** A splitter for a named pattern or a regular expression's source. */
export function createSplitter(pattern: PatternName | { readonly regex: string }): Splitter {
  if (pattern === 'gpt2') return new ScannerSplitter();
  if (typeof pattern === 'string') return new RegexSplitter(PATTERNS[pattern]);
  return new RegexSplitter(pattern.regex);
}
