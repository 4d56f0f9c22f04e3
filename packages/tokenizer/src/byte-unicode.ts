import { TokenizerError } from './errors';

/**
 * GPT-2's `bytes_to_unicode` (OpenAI `encoder.py`): every byte gets a printable character so a
 * byte string can be written as text in `vocab.json` and `merges.txt`. The 188 printable bytes of
 * Latin-1 (`!`…`~`, `¡`…`¬`, `®`…`ÿ`) stand for themselves; the other 68 (controls, space, DEL,
 * NBSP, soft hyphen) get U+0100, U+0101, … in byte order. So a space is `Ġ` (U+0120) and a
 * newline `Ċ` (U+010A).
 */
function buildByteOrder(): number[] {
  const order: number[] = [];
  const add = (from: number, to: number) => {
    for (let b = from; b <= to; b++) order.push(b);
  };
  add(0x21, 0x7e); // ! … ~
  add(0xa1, 0xac); // ¡ … ¬
  add(0xae, 0xff); // ® … ÿ
  const printable = new Set(order);
  for (let b = 0; b < 256; b++) if (!printable.has(b)) order.push(b);
  return order;
}

/**
 * The 256 bytes in the order `bytes_to_unicode` yields them: printable ones first, then the rest.
 * GPT-2's `encoder.json` gives ids 0…255 in this order (id 0 is `!`, id 188 is byte 0), and so does
 * `trainBpe`: `GPT2_BYTE_ORDER[id]` is the byte of single-byte token `id`.
 */
export const GPT2_BYTE_ORDER: readonly number[] = Object.freeze(buildByteOrder());

function buildByteToUnicode(): string[] {
  const table = new Array<string>(256);
  let shifted = 0;
  for (const byte of GPT2_BYTE_ORDER) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || byte >= 0xae;
    table[byte] = String.fromCharCode(printable ? byte : 0x100 + shifted++);
  }
  return table;
}

/** `BYTE_TO_UNICODE[b]` is the character that stands for byte `b` in vocab files (`' '` → `'Ġ'`). */
export const BYTE_TO_UNICODE: readonly string[] = Object.freeze(buildByteToUnicode());

/** One past the highest code point of the alphabet (U+0143). */
const ALPHABET_END = 0x144;

function buildUnicodeToByte(): Int16Array {
  const table = new Int16Array(ALPHABET_END).fill(-1);
  BYTE_TO_UNICODE.forEach((char, byte) => (table[char.charCodeAt(0)] = byte));
  return table;
}

/** The inverse of {@link BYTE_TO_UNICODE}, indexed by code point: the byte, or -1 (not in the alphabet). */
const UNICODE_TO_BYTE: Int16Array = buildUnicodeToByte();

/** The byte a vocab-file character stands for (`'Ġ'` → 32), or `undefined` when it is not one of the 256. */
export function unicodeToByte(char: string): number | undefined {
  if (char.length !== 1) return undefined;
  const code = char.charCodeAt(0);
  const byte = code < ALPHABET_END ? UNICODE_TO_BYTE[code]! : -1;
  return byte < 0 ? undefined : byte;
}

/** Writes bytes as a vocab-file string, one alphabet character per byte (`[32, 116]` → `'Ġt'`). */
export function bytesToVocabString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += BYTE_TO_UNICODE[bytes[i]!]!;
  return s;
}

/**
 * The bytes a vocab-file string stands for, or `undefined` when a character is not one of the 256
 * of the alphabet (a special token such as `<|endoftext|>` is written in it, but `é` is not).
 */
export function tryVocabStringToBytes(s: string): Uint8Array | undefined {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const byte = code < ALPHABET_END ? UNICODE_TO_BYTE[code]! : -1;
    if (byte < 0) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

/**
 * The bytes a vocab-file string stands for (`'Ġt'` → `[32, 116]`). Throws `INVALID_ARGUMENT` naming
 * the first character that is not one of the 256 of GPT-2's byte alphabet.
 */
export function vocabStringToBytes(s: string): Uint8Array {
  const bytes = tryVocabStringToBytes(s);
  if (bytes !== undefined) return bytes;
  const index = [...s].findIndex((c) => unicodeToByte(c) === undefined);
  const char = [...s][index] ?? '';
  const code = char.codePointAt(0) ?? 0;
  throw new TokenizerError(
    'INVALID_ARGUMENT',
    `vocabStringToBytes: ${JSON.stringify(s)} has ${JSON.stringify(char)} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) ` +
      `at character ${index}, which is not one of the 256 characters of GPT-2's byte alphabet`,
    { argument: 's', value: s, expected: "a string of GPT-2's byte-alphabet characters (bytes_to_unicode)" },
  );
}
