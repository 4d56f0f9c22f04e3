/**
 * Cutting a stream of text chunks at places where no word (and no surrogate pair) is split, so that
 * counting chunk by chunk gives the counts of the whole text.
 */
import { NgramError } from './errors';
import { describe } from './check';

const LETTER = /\p{L}/u;

/**
 * The index just after the last code unit of `text` that no word can span: a code unit that is not
 * a letter, not an apostrophe (' or ’) and not half of a surrogate pair. A word (WORD_PATTERN) is a
 * run of letters and apostrophes, so words before that index are complete, whatever follows. 0 when
 * there is none.
 */
export function safeWordCut(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) continue;
    if (unit === 0x27 || unit === 0x2019) continue;
    if (unit < 0x41) return i + 1;
    if (!LETTER.test(text[i]!)) return i + 1;
  }
  return 0;
}

/** The index before which `text` holds no unfinished surrogate pair (a final high surrogate is held back). */
export function safeCodePointCut(text: string): number {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.length - 1 : text.length;
}

/**
 * Turns chunks (strings, or UTF-8 bytes decoded with a streaming decoder) into text that ends at a
 * safe cut, holding back the rest for the next chunk.
 */
export class ChunkJoiner {
  private carry = '';
  private decoder: TextDecoder | undefined;

  constructor(
    private readonly operation: string,
    private readonly cut: (text: string) => number,
  ) {}

  /** The text of `chunk` (and what was held back) up to a safe cut. */
  push(chunk: string | Uint8Array): string {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else if (chunk instanceof Uint8Array) {
      this.decoder ??= new TextDecoder('utf-8');
      text = this.decoder.decode(chunk, { stream: true });
    } else {
      throw new NgramError(
        'INVALID_ARGUMENT',
        `${this.operation}: chunk must be a string or a Uint8Array of UTF-8, got ${describe(chunk)}`,
        { argument: 'chunk', value: chunk, expected: 'a string or a Uint8Array' },
      );
    }
    if (this.carry.length > 0) {
      text = this.carry + text;
      this.carry = '';
    }
    const at = this.cut(text);
    if (at < text.length) {
      this.carry = text.slice(at);
      return text.slice(0, at);
    }
    return text;
  }

  /** Everything held back. */
  flush(): string {
    const rest = this.carry + (this.decoder?.decode() ?? '');
    this.carry = '';
    return rest;
  }
}
