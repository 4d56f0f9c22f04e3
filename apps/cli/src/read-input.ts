import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo, InputStream } from './io';
import { UsageError } from './usage-error';

/** Options of {@link readTextInput}. */
export interface ReadTextInputOptions {
  /** Stops reading stdin when aborted (Ctrl-C). */
  readonly signal: AbortSignal;
  /**
   * Keep a leading byte-order mark as U+FEFF in the text rather than drop it. Default `false`; a
   * command that shows exactly what it read (such as `tokenize`) keeps it.
   */
  readonly keepBom?: boolean;
}

/**
 * Reads the UTF-8 text of `file` (relative to `io.cwd`), or of stdin when `file` is `-` or absent.
 * A file that does not exist or is not a file is a usage error (exit 2, like the bad name it is);
 * bytes that are not UTF-8 fail with exit 1 and say where they came from.
 */
export async function readTextInput(
  io: CliIo,
  file: string | undefined,
  options: ReadTextInputOptions,
): Promise<string> {
  const fromStdin = file === undefined || file === '-';
  let bytes: Uint8Array;
  if (fromStdin) {
    if (io.stdin === undefined) throw new Error('there is no standard input to read; name a file instead');
    if (io.stdin.isTTY === true) io.stderr.write('reading text from the terminal; end it with Ctrl-D\n');
    bytes = await readAll(io.stdin, options.signal);
  } else {
    const path = resolve(io.cwd, file);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) throw new UsageError(`file '${file}' does not exist`);
    if (!info.isFile()) throw new UsageError(`'${file}' is not a file`);
    bytes = await readFile(path);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: options.keepBom ?? false }).decode(bytes);
  } catch {
    throw new Error(`${fromStdin ? 'stdin' : `'${file}'`} is not valid UTF-8 text`);
  }
}

/** Every chunk of `stream` as one byte array; rejects with the signal's reason once it is aborted. */
async function readAll(stream: InputStream, signal: AbortSignal): Promise<Uint8Array> {
  signal.throwIfAborted();
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const iterator = stream[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  // A pending read does not notice Ctrl-C by itself, so the read races the signal.
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done === true) break;
      chunks.push(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    }
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
    if (signal.aborted) void iterator.return?.();
  }
  const bytes = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
