import { readFileSync } from 'node:fs';

/** Word vectors as read from a word2vec-format file: row i of `data` is `words[i]`'s vector. */
export interface LoadedVectors {
  readonly words: readonly string[];
  readonly dimensions: number;
  /** rows × dimensions, row-major. */
  readonly data: Float32Array;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Whitespace the format allows around words (space, tab, newline, carriage return). */
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function header(bytes: Uint8Array): { rows: number; dimensions: number; offset: number } {
  const end = bytes.indexOf(0x0a);
  if (end < 0) throw new Error('word2vec file: no header line');
  const [rows, dimensions] = decoder.decode(bytes.subarray(0, end)).trim().split(/\s+/).map(Number);
  if (!Number.isInteger(rows) || !Number.isInteger(dimensions) || rows! < 0 || dimensions! <= 0)
    throw new Error(`word2vec file: bad header ${JSON.stringify(decoder.decode(bytes.subarray(0, end)))}`);
  return { rows: rows!, dimensions: dimensions!, offset: end + 1 };
}

/**
 * Parses word2vec's binary format (header `rows dims\n`; per word: the word in UTF-8, one space,
 * `dims` little-endian float32; an optional newline after each vector, which word2vec.c writes and
 * gensim 4 does not).
 */
export function parseWord2VecBinary(bytes: Uint8Array): LoadedVectors {
  const { rows, dimensions, offset } = header(bytes);
  const data = new Float32Array(rows * dimensions);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words: string[] = [];
  let at = offset;
  for (let r = 0; r < rows; r++) {
    while (at < bytes.length && isSpace(bytes[at]!)) at++;
    const space = bytes.indexOf(0x20, at);
    if (space < 0 || space + 1 + 4 * dimensions > bytes.length)
      throw new Error(`word2vec file: truncated at vector ${r} of ${rows}`);
    words.push(decoder.decode(bytes.subarray(at, space)));
    at = space + 1;
    for (let d = 0; d < dimensions; d++, at += 4) data[r * dimensions + d] = view.getFloat32(at, true);
  }
  return { words, dimensions, data };
}

/** Parses word2vec's text format (header `rows dims`, then `word v1 … vdims` a line; fastText's .vec). */
export function parseWord2VecText(text: string): LoadedVectors {
  const lines = text.split('\n');
  const { rows, dimensions } = header(new TextEncoder().encode(`${lines[0] ?? ''}\n`));
  const data = new Float32Array(rows * dimensions);
  const words: string[] = [];
  for (let r = 0; r < rows; r++) {
    const parts = (lines[r + 1] ?? '').trimEnd().split(' ');
    if (parts.length !== dimensions + 1)
      throw new Error(`word2vec file: line ${r + 2} has ${parts.length - 1} values, the header says ${dimensions}`);
    words.push(parts[0]!);
    for (let d = 0; d < dimensions; d++) data[r * dimensions + d] = Number(parts[d + 1]);
  }
  return { words, dimensions, data };
}

export function readWord2VecFile(path: string, format: 'binary' | 'text'): LoadedVectors {
  const bytes = readFileSync(path);
  return format === 'binary' ? parseWord2VecBinary(bytes) : parseWord2VecText(bytes.toString('utf8'));
}
