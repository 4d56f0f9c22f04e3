import { EmbeddingsError } from './errors';
import { WordVectors } from './word-vectors';

/**
 * The original word2vec binary format (`-binary 1` of the reference C tool, gensim's
 * `save_word2vec_format(binary=True)`): an ASCII header `"<words> <dimensions>\n"`, then per word its
 * UTF-8 bytes, a space, `dimensions` float32 little-endian values and `"\n"`. Counts are not stored.
 */
export function toWord2VecBinary(vectors: WordVectors): Uint8Array {
  const encoder = new TextEncoder();
  const d = vectors.dimensions;
  const header = encoder.encode(`${vectors.size} ${d}\n`);
  const names = vectors.words.map((word) => {
    if (word === '' || /[\s]/u.test(word)) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `toWord2VecBinary: word ${JSON.stringify(word)} is empty or contains white space`,
        {
          argument: 'vectors',
          value: word,
          expected: 'words without white space',
        },
      );
    }
    return encoder.encode(word);
  });
  const size = header.length + names.reduce((s, n) => s + n.length + 2 + 4 * d, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set(header, 0);
  let at = header.length;
  const data = vectors.vectors.data;
  names.forEach((name, row) => {
    bytes.set(name, at);
    at += name.length;
    bytes[at++] = 0x20;
    for (let k = 0; k < d; k++, at += 4) view.setFloat32(at, data[row * d + k]!, true);
    bytes[at++] = 0x0a;
  });
  return bytes;
}

function fail(message: string, value: unknown): never {
  throw new EmbeddingsError('INVALID_VECTOR_FILE', `fromWord2VecBinary: ${message}`, { argument: 'bytes', value });
}

/**
 * Reads the word2vec binary format (see {@link toWord2VecBinary}); as gensim, it tolerates a missing
 * `"\n"` after a vector and skips leading newlines before a word.
 *
 * @param options.counts - word2vec's `-save-vocab` text (`word count` per line) to attach corpus counts.
 * @throws {EmbeddingsError} `INVALID_VECTOR_FILE` for a bad header, a truncated file, duplicate words or trailing bytes.
 */
export function fromWord2VecBinary(bytes: Uint8Array, options: { counts?: string } = {}): WordVectors {
  if (!(bytes instanceof Uint8Array)) fail('bytes must be a Uint8Array', bytes);
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || newline > 64) fail('no header line "<words> <dimensions>"', newline);
  const header = new TextDecoder().decode(bytes.subarray(0, newline)).trim();
  const match = /^(\d+) (\d+)$/.exec(header);
  if (!match) fail(`header must be "<words> <dimensions>"; found ${JSON.stringify(header)}`, header);
  const rows = Number(match[1]);
  const d = Number(match[2]);
  if (d < 1) fail(`dimensions must be at least 1; found ${d}`, d);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words: string[] = [];
  const data = new Float32Array(rows * d);
  let at = newline + 1;
  for (let row = 0; row < rows; row++) {
    while (bytes[at] === 0x0a) at++;
    const space = bytes.indexOf(0x20, at);
    if (space < 0 || space - at > 1000)
      fail(`word ${row} of ${rows} (byte ${at}): no space after the word; file truncated?`, at);
    let word: string;
    try {
      word = decoder.decode(bytes.subarray(at, space));
    } catch {
      fail(`word ${row} (byte ${at}) is not valid UTF-8`, at);
    }
    at = space + 1;
    if (at + 4 * d > bytes.length) fail(`vector of word ${row} "${word}" is truncated at byte ${bytes.length}`, word);
    for (let k = 0; k < d; k++, at += 4) data[row * d + k] = view.getFloat32(at, true);
    if (bytes[at] === 0x0a) at++;
    words.push(word);
  }
  while (bytes[at] === 0x0a) at++;
  if (at !== bytes.length) fail(`${bytes.length - at} bytes after the ${rows} vectors`, bytes.length - at);
  let counts: Int32Array | undefined;
  if (options.counts !== undefined) {
    const table = new Map<string, number>();
    for (const line of options.counts.split(/\r?\n/)) {
      const [word, count] = line.trim().split(/\s+/);
      if (word && count) table.set(word, Number(count));
    }
    counts = Int32Array.from(words, (w) => table.get(w) ?? 0);
  }
  try {
    return new WordVectors(words, data, d, counts);
  } catch (error) {
    if (EmbeddingsError.isInstance(error)) fail(error.message.replace(/^WordVectors: /, ''), error.value);
    throw error;
  }
}
