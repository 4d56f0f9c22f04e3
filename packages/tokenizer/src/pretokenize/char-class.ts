/** Character classes used by the GPT-2 pre-tokenizer pattern. */
export const CharClass = {
  /** Anything that is not a letter, a number or white space (`[^\s\p{L}\p{N}]`), lone surrogates included. */
  other: 0,
  /** `\p{L}` */
  letter: 1,
  /** `\p{N}` */
  number: 2,
  /** `\s` as JavaScript defines it. */
  space: 3,
} as const;

/** One of the {@link CharClass} values. */
export type CharClassValue = (typeof CharClass)[keyof typeof CharClass];

const BLOCK_BITS = 8;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_COUNT = 0x110000 >> BLOCK_BITS;

const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;
const SPACE = /^\s$/u;

function classifyWithRegex(codePoint: number): CharClassValue {
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return CharClass.other;
  const char = String.fromCodePoint(codePoint);
  if (LETTER.test(char)) return CharClass.letter;
  if (NUMBER.test(char)) return CharClass.number;
  if (SPACE.test(char)) return CharClass.space;
  return CharClass.other;
}

/**
 * Classifies code points as the JavaScript engine's own regular expressions do (so the scanner
 * agrees with `\p{L}`, `\p{N}` and `\s` on whatever Unicode version the engine has). Blocks of 256
 * code points are classified on first use and kept; ASCII is ready from the start.
 */
export class CharClassifier {
  private readonly blocks: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(BLOCK_COUNT);
  /** Classes of the first 256 code points, for the inlined fast path. */
  readonly latin1: Uint8Array;

  constructor() {
    this.latin1 = this.block(0);
  }

  /** The class of a code point (0 … 0x10FFFF). */
  classOf(codePoint: number): number {
    if (codePoint < BLOCK_SIZE) return this.latin1[codePoint]!;
    const block = this.blocks[codePoint >> BLOCK_BITS] ?? this.block(codePoint >> BLOCK_BITS);
    return block[codePoint & (BLOCK_SIZE - 1)]!;
  }

  private block(index: number): Uint8Array {
    const table = new Uint8Array(BLOCK_SIZE);
    const base = index << BLOCK_BITS;
    for (let i = 0; i < BLOCK_SIZE; i++) table[i] = classifyWithRegex(base + i);
    this.blocks[index] = table;
    return table;
  }
}
