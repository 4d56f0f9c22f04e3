const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 units `text[start, end)`. */
export function hashUnits(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Remembers the tokens of pieces already encoded, keyed by the piece's UTF-16 units. Keys and
 * tokens live in typed arrays, so a lookup allocates nothing and the cache never holds on to the
 * caller's strings. Bounded: emptied when `maxEntries` is reached.
 */
export class PieceCache {
  /** Entry index + 1 per hash slot; 0 is empty. */
  private readonly slotEntry: Int32Array;
  private readonly mask: number;
  private readonly entryHash: Int32Array;
  private readonly keyStart: Int32Array;
  private readonly keyLength: Int32Array;
  private readonly valueStart: Int32Array;
  private readonly valueLength: Int32Array;
  private keys = new Uint16Array(1 << 16);
  private keyUsed = 0;
  /** Token ids of all entries, back to back. */
  values = new Int32Array(1 << 16);
  private valueUsed = 0;
  private entries = 0;
  /** Slot where the last missed lookup would insert. */
  private missSlot = 0;

  constructor(readonly maxEntries: number) {
    let capacity = 1024;
    while (capacity < maxEntries * 2) capacity *= 2;
    this.slotEntry = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.entryHash = new Int32Array(maxEntries);
    this.keyStart = new Int32Array(maxEntries);
    this.keyLength = new Int32Array(maxEntries);
    this.valueStart = new Int32Array(maxEntries);
    this.valueLength = new Int32Array(maxEntries);
  }

  /** The entry for `text[start, end)` with hash `hash`, or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const keys = this.keys;
    let slot = hash & this.mask;
    for (;;) {
      const entry = this.slotEntry[slot]! - 1;
      if (entry < 0) {
        this.missSlot = slot;
        return -1;
      }
      if (this.entryHash[entry] === hash && this.keyLength[entry] === length) {
        const k = this.keyStart[entry]!;
        let i = 0;
        while (i < length && keys[k + i] === text.charCodeAt(start + i)) i++;
        if (i === length) return entry;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Where entry `entry`'s tokens start in {@link values}. */
  valueStartOf(entry: number): number {
    return this.valueStart[entry]!;
  }

  /** How many tokens entry `entry` has. */
  valueLengthOf(entry: number): number {
    return this.valueLength[entry]!;
  }

  /**
   * Adds `text[start, end)` → `ids[0, count)`; must follow a `find` of the same key that missed.
   */
  add(text: string, start: number, end: number, hash: number, ids: Int32Array, count: number): void {
    if (this.entries === this.maxEntries) {
      this.clear();
      this.find(text, start, end, hash);
    }
    const length = end - start;
    if (this.keyUsed + length > this.keys.length) this.keys = grow16(this.keys, this.keyUsed + length);
    if (this.valueUsed + count > this.values.length) this.values = grow32(this.values, this.valueUsed + count);
    const entry = this.entries++;
    this.entryHash[entry] = hash;
    this.keyStart[entry] = this.keyUsed;
    this.keyLength[entry] = length;
    for (let i = 0; i < length; i++) this.keys[this.keyUsed + i] = text.charCodeAt(start + i);
    this.keyUsed += length;
    this.valueStart[entry] = this.valueUsed;
    this.valueLength[entry] = count;
    this.values.set(ids.subarray(0, count), this.valueUsed);
    this.valueUsed += count;
    this.slotEntry[this.missSlot] = entry + 1;
  }

  private clear(): void {
    this.slotEntry.fill(0);
    this.entries = 0;
    this.keyUsed = 0;
    this.valueUsed = 0;
  }
}

function grow16(array: Uint16Array, atLeast: number): Uint16Array<ArrayBuffer> {
  let capacity = array.length * 2;
  while (capacity < atLeast) capacity *= 2;
  const grown = new Uint16Array(capacity);
  grown.set(array);
  return grown;
}

function grow32(array: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  let capacity = array.length * 2;
  while (capacity < atLeast) capacity *= 2;
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}
