/**
 * The IDX file format of MNIST (LeCun et al.): a 4-byte magic number `00 00 TT DD` (TT the element
 * type, 0x08 = unsigned byte; DD the number of dimensions), DD big-endian uint32 sizes, then the
 * values in row-major order, nothing after them. Images are `00 00 08 03` (2051: count, rows, cols),
 * labels `00 00 08 01` (2049: count).
 */
import { TrainerError } from '../errors';

/** Magic number of an IDX file of unsigned bytes with 3 dimensions (MNIST images). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of an IDX file of unsigned bytes with 1 dimension (MNIST labels). */
export const IDX_LABELS_MAGIC = 0x00000801;

/** A parsed IDX file of unsigned bytes. */
export interface IdxArray {
  /** The sizes from the header, e.g. `[10000, 28, 28]`. */
  readonly shape: readonly number[];
  /** The values, row-major (a view into the input, not a copy). */
  readonly data: Uint8Array;
}

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/**
 * Parses uncompressed IDX bytes whose magic number must be `magic` ({@link IDX_IMAGES_MAGIC} or
 * {@link IDX_LABELS_MAGIC}). Throws `INVALID_DATA` naming `argument` for a wrong magic number, a
 * header cut short, and values that are fewer (truncation) or more (trailing bytes) than the sizes
 * in the header say.
 */
export function parseIdx(bytes: Uint8Array, magic: number, argument: string): IdxArray {
  const op = 'parseIdx';
  const rank = magic & 0xff;
  if (bytes.length < 4) {
    throw new TrainerError(
      'INVALID_DATA',
      `${op}: ${argument} is ${bytes.length} bytes, shorter than an IDX magic number`,
      {
        argument,
        value: bytes.length,
        expected: `at least ${4 + 4 * rank} bytes`,
      },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seen = view.getUint32(0, false);
  if (seen !== magic) {
    throw new TrainerError(
      'INVALID_DATA',
      `${op}: ${argument} has magic number ${hex(seen)} (${seen}); expected ${hex(magic)} (${magic}, unsigned bytes in ${rank} dimension${rank === 1 ? '' : 's'})`,
      { argument, value: seen, expected: `magic ${hex(magic)}` },
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new TrainerError(
      'INVALID_DATA',
      `${op}: ${argument} is ${bytes.length} bytes, shorter than its ${headerBytes}-byte header (truncated)`,
      { argument, value: bytes.length, expected: `at least ${headerBytes} bytes` },
    );
  }
  const shape: number[] = [];
  for (let d = 0; d < rank; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const values = shape.reduce((a, b) => a * b, 1); // exact: at most 2^96 for rank 3, compared below as a float
  const have = bytes.length - headerBytes;
  if (values !== have) {
    const what = have < values ? 'truncated' : 'trailing bytes';
    throw new TrainerError(
      'INVALID_DATA',
      `${op}: ${argument} has header sizes [${shape.join(', ')}], which need ${values} bytes of values; the file has ${have} (${what})`,
      { argument, value: have, expected: `${values} bytes after the ${headerBytes}-byte header` },
    );
  }
  return { shape, data: bytes.subarray(headerBytes) };
}
