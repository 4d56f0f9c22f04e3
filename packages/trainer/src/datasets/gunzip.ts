/**
 * Gzip detection and decompression with the web-standard `DecompressionStream('gzip')` (Node ≥ 18 and
 * every current browser), so the package needs no Node module and stays browser-safe.
 */
import { TrainerError } from '../errors';

/** True when `bytes` start with the gzip magic number `1f 8b`. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Options of {@link gunzip}. */
export interface GunzipOptions {
  /** Names the input in error messages (`images`, `labels`, a file name). Default `bytes`. */
  readonly argument?: string;
  /**
   * Refuse output longer than this many bytes, so a corrupt or hostile file cannot exhaust memory.
   * Default 256 MiB (the MNIST training images are 47 MB).
   */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Decompresses a gzip file (one or more members). Throws `INVALID_DATA` naming `argument` for a
 * truncated or corrupt stream (bad header, bad deflate data, CRC or length mismatch, trailing bytes
 * that are not another member) and for output beyond `maxBytes`.
 */
export async function gunzip(bytes: Uint8Array, options: GunzipOptions = {}): Promise<Uint8Array> {
  const argument = options.argument ?? 'bytes';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof DecompressionStream !== 'function') {
    throw new TrainerError(
      'INVALID_ARGUMENT',
      `gunzip: ${argument} is gzipped, and this runtime has no DecompressionStream`,
      {
        argument,
        expected: 'a runtime with DecompressionStream (Node ≥ 18, current browsers) or uncompressed bytes',
      },
    );
  }
  // A copy: the stream may transfer the buffer it is given, and `bytes` stays the caller's.
  const stream = new Blob([bytes.slice()]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw new TrainerError(
          'INVALID_DATA',
          `gunzip: ${argument} decompresses to more than ${maxBytes} bytes; refusing the rest`,
          { argument, value: total, expected: `at most ${maxBytes} bytes of output` },
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (TrainerError.isInstance(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new TrainerError(
      'INVALID_DATA',
      `gunzip: ${argument} is not a valid gzip stream (${reason}) after ${total} bytes of output`,
      { argument, value: reason, expected: 'a complete, uncorrupted gzip file', cause: error },
    );
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
