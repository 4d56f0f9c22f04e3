import { CharClass, CharClassifier } from './char-class';

const APOSTROPHE = 0x27;
const SPACE = 0x20;

/**
 * Finds the pieces of GPT-2's pre-tokenizer pattern
 * `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+` by hand, in one pass
 * over UTF-16 code units, giving exactly the matches of the regular expression (`patterns.ts`),
 * which tests check, several times faster.
 */
export class Gpt2Scanner {
  private readonly classes = new CharClassifier();

  /**
   * The end (exclusive, in UTF-16 units) of the piece that starts at `start`; `start` must be
   * below `text.length`. Every position starts a piece, so pieces tile the text.
   */
  pieceEnd(text: string, start: number): number {
    const length = text.length;
    const latin1 = this.latin1;
    let c = text.charCodeAt(start);

    if (c === APOSTROPHE && start + 1 < length) {
      const c1 = text.charCodeAt(start + 1);
      // 's 't 'm 'd
      if (c1 === 0x73 || c1 === 0x74 || c1 === 0x6d || c1 === 0x64) return start + 2;
      if (start + 2 < length) {
        const c2 = text.charCodeAt(start + 2);
        // 're 've 'll
        if ((c1 === 0x72 && c2 === 0x65) || (c1 === 0x76 && c2 === 0x65) || (c1 === 0x6c && c2 === 0x6c)) {
          return start + 3;
        }
      }
    }

    let i = start;
    let cls: number;
    if (c === SPACE) {
      if (start + 1 >= length) return length;
      const next = text.charCodeAt(start + 1);
      cls = next < 256 ? latin1[next]! : this.classAt(text, start + 1, next);
      if (cls === CharClass.space) return this.spaceEnd(text, start);
      i = start + 1;
      c = next;
    } else {
      cls = c < 256 ? latin1[c]! : this.classAt(text, start, c);
      if (cls === CharClass.space) return this.spaceEnd(text, start);
    }
    // A run of one class: letters, numbers, or other.
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    while (i < length) {
      c = text.charCodeAt(i);
      if (c < 256) {
        if (latin1[c] !== cls) break;
        i++;
      } else {
        if (this.classAt(text, i, c) !== cls) break;
        i += c >= 0xd800 && c <= 0xdbff && i + 1 < length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
      }
    }
    return i;
  }

  private get latin1(): Uint8Array {
    return this.classes.latin1;
  }

  /** `\s+(?!\S)|\s+` from `start`, which holds white space. */
  private spaceEnd(text: string, start: number): number {
    const length = text.length;
    const latin1 = this.latin1;
    let i = start + 1;
    while (i < length) {
      const c = text.charCodeAt(i);
      const cls = c < 256 ? latin1[c]! : this.classAt(text, i, c);
      if (cls !== CharClass.space) break;
      i++; // white space is always one UTF-16 unit
    }
    if (i === length) return i;
    // Followed by something else: leave the last white space character for the next piece
    // (` ?\p{L}+` and friends take a space; other white space becomes a piece of its own).
    return i - start >= 2 ? i - 1 : i;
  }

  /** Class of the code point at `i`, whose first UTF-16 unit `c` is 256 or above. */
  private classAt(text: string, i: number, c: number): number {
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (isLow(low)) return this.classes.classOf(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
    }
    return this.classes.classOf(c);
  }
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
