const LETTER = /^\p{L}$/u;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Whether code points are letters (`\p{L}`), classified by the engine's regex a block of 256 at a time. */
class LetterTable {
  private readonly blocks: (Uint8Array | undefined)[] = [];

  isLetter(codePoint: number): boolean {
    if (codePoint < 0x80) return (codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a;
    const index = codePoint >> 8;
    let block = this.blocks[index];
    if (block === undefined) {
      block = new Uint8Array(256);
      for (let i = 0; i < 256; i++) {
        const c = (index << 8) | i;
        block[i] = c >= 0xd800 && c <= 0xdfff ? 0 : LETTER.test(String.fromCodePoint(c)) ? 1 : 0;
      }
      this.blocks[index] = block;
    }
    return block[codePoint & 0xff] === 1;
  }
}

/**
 * Finds the words of a text exactly as the tokenizer's `splitWords` does (maximal runs of `\p{L}`
 * joined by an inner `'` or `’`, lower-cased unless asked not to) and turns them into ids without
 * making a string per word: ASCII words are hashed in place and looked up in a table of the words
 * seen so far; only a new word, or one with other characters, becomes a string for `intern`.
 */
export class WordIdScanner {
  private readonly letters = new LetterTable();
  private slotEntry = new Int32Array(1 << 12);
  private entryHash = new Int32Array(1 << 11);
  private entryStart = new Int32Array(1 << 11);
  private entryLength = new Int32Array(1 << 11);
  private entryId = new Int32Array(1 << 11);
  private keys = new Uint16Array(1 << 14);
  private keyUsed = 0;
  private entries = 0;
  /** Ids of the last scan. */
  ids = new Uint32Array(1024);

  constructor(
    private readonly lowercase: boolean,
    private readonly intern: (word: string) => number,
  ) {}

  /** Puts the ids of the words of `text` in {@link ids} and returns how many there are. */
  scan(text: string): number {
    const length = text.length;
    let count = 0;
    let i = 0;
    while (i < length) {
      // Find the next letter.
      let c = text.charCodeAt(i);
      let width = 1;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      if (!this.letters.isLetter(c)) {
        i += width;
        continue;
      }
      const start = i;
      let ascii = true;
      let hash = FNV_OFFSET;
      for (;;) {
        // A run of letters.
        while (i < length) {
          let d = text.charCodeAt(i);
          let w = 1;
          if (d >= 0xd800 && d <= 0xdbff && i + 1 < length) {
            const low = text.charCodeAt(i + 1);
            if (low >= 0xdc00 && low <= 0xdfff) {
              d = ((d - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
              w = 2;
            }
          }
          if (!this.letters.isLetter(d)) break;
          if (d >= 0x80) ascii = false;
          else hash = Math.imul(hash ^ (this.lowercase ? d | 0x20 : d), FNV_PRIME);
          i += w;
        }
        // An inner apostrophe joins the next run of letters.
        if (i + 1 < length) {
          const a = text.charCodeAt(i);
          if (a === APOSTROPHE || a === RIGHT_QUOTE) {
            let d = text.charCodeAt(i + 1);
            if (d >= 0xd800 && d <= 0xdbff && i + 2 < length) {
              const low = text.charCodeAt(i + 2);
              if (low >= 0xdc00 && low <= 0xdfff) d = ((d - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
            }
            if (this.letters.isLetter(d)) {
              if (a !== APOSTROPHE) ascii = false;
              else hash = Math.imul(hash ^ a, FNV_PRIME);
              i += 1;
              continue;
            }
          }
        }
        break;
      }
      const id = ascii ? this.asciiId(text, start, i, hash) : this.intern(this.word(text, start, i));
      if (count === this.ids.length) this.growIds();
      this.ids[count++] = id;
    }
    return count;
  }

  private word(text: string, start: number, end: number): string {
    const word = text.slice(start, end);
    return this.lowercase ? word.toLowerCase() : word;
  }

  /** The id of the ASCII word `text[start, end)` (folded when lower-casing), found without a string. */
  private asciiId(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const mask = this.slotEntry.length - 1;
    const fold = this.lowercase ? 0x20 : 0;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slotEntry[slot]! - 1;
      if (entry < 0) break;
      if (this.entryHash[entry] === hash && this.entryLength[entry] === length) {
        const k = this.entryStart[entry]!;
        let j = 0;
        while (j < length) {
          const d = text.charCodeAt(start + j);
          // Letters fold; the apostrophe (0x27) does not change under | 0x20 (0x27 | 0x20 = 0x27).
          if (this.keys[k + j] !== (d | fold)) break;
          j++;
        }
        if (j === length) return this.entryId[entry]!;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.intern(this.word(text, start, end));
    this.add(text, start, end, hash, id, slot);
    return id;
  }

  private add(text: string, start: number, end: number, hash: number, id: number, slot: number): void {
    const length = end - start;
    if ((this.entries + 1) * 2 > this.slotEntry.length) {
      this.growSlots();
      let s = hash & (this.slotEntry.length - 1);
      while (this.slotEntry[s] !== 0) s = (s + 1) & (this.slotEntry.length - 1);
      slot = s;
    }
    if (this.entries === this.entryHash.length) this.growEntries();
    if (this.keyUsed + length > this.keys.length) {
      let capacity = this.keys.length * 2;
      while (capacity < this.keyUsed + length) capacity *= 2;
      const keys = new Uint16Array(capacity);
      keys.set(this.keys);
      this.keys = keys;
    }
    const fold = this.lowercase ? 0x20 : 0;
    for (let j = 0; j < length; j++) this.keys[this.keyUsed + j] = text.charCodeAt(start + j) | fold;
    const entry = this.entries++;
    this.entryHash[entry] = hash;
    this.entryStart[entry] = this.keyUsed;
    this.entryLength[entry] = length;
    this.entryId[entry] = id;
    this.keyUsed += length;
    this.slotEntry[slot] = entry + 1;
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slotEntry.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.entries; entry++) {
      let s = this.entryHash[entry]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = entry + 1;
    }
    this.slotEntry = slots;
  }

  private growEntries(): void {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.entryHash = grow(this.entryHash);
    this.entryStart = grow(this.entryStart);
    this.entryLength = grow(this.entryLength);
    this.entryId = grow(this.entryId);
  }

  private growIds(): void {
    const ids = new Uint32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
  }
}
