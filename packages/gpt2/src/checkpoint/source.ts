/**
 * Where checkpoint files come from. A {@link CheckpointSource} answers two questions about a file by
 * name (how large is it, what are the bytes in a range), so the loader can check a file's declared
 * sizes against its real size before it reads or allocates anything large. Sources exist for bytes
 * in memory ({@link memorySource}), HTTP ({@link fetchSource}) and, in `@chatgpt-explained/gpt2/node`,
 * directories on disk (`directorySource`).
 */
import { Gpt2Error } from '../errors';

/** Options of every {@link CheckpointSource} call. */
export interface CheckpointReadOptions {
  /** Cancels the call; it then rejects with `Gpt2Error` `ABORTED`. */
  readonly signal?: AbortSignal;
}

/**
 * Read access to the files of one checkpoint (`config.json`, `model.safetensors`, `vocab.json`,
 * `merges.txt`), by file name.
 */
export interface CheckpointSource {
  /** Where the files are, for messages: a directory, a URL, `memory`. */
  readonly label: string;
  /** The file's size in bytes, or `undefined` when the file does not exist. */
  size(file: string, options?: CheckpointReadOptions): Promise<number | undefined>;
  /**
   * Bytes `[start, end)` of the file (default: from 0 to the end). A range past the end of the file
   * gives the bytes that exist, so callers compare the length with what they asked for. Rejects with
   * `Gpt2Error` `CHECKPOINT_MISSING` when the file does not exist.
   */
  read(file: string, start?: number, end?: number, options?: CheckpointReadOptions): Promise<Uint8Array>;
}

/** Throws `ABORTED` when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted === true) {
    throw new Gpt2Error('ABORTED', `${what}: aborted`, { cause: signal.reason });
  }
}

/** Checks a read's range arguments: non-negative safe integers, start ≤ end. */
export function checkRange(fn: string, start: unknown, end: unknown): void {
  for (const [argument, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)) {
      throw new Gpt2Error(
        'INVALID_ARGUMENT',
        `${fn}: ${argument} must be a non-negative integer; got ${String(value)}`,
        {
          argument,
          value,
          expected: 'a non-negative safe integer',
        },
      );
    }
  }
  if (typeof start === 'number' && typeof end === 'number' && start > end) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${fn}: start ${start} is after end ${end}`, {
      argument: 'start',
      value: start,
      expected: `at most end (${end})`,
    });
  }
}

/** The error a source gives for a file it does not have. */
export function missingFile(label: string, file: string): Gpt2Error {
  return new Gpt2Error('CHECKPOINT_MISSING', `${label}: ${file} does not exist`, { file, value: file });
}

/**
 * A source over files held in memory (for tests, and for bytes a browser already has). Strings are
 * stored as their UTF-8 bytes. Reads return views of the given arrays, not copies: leave them
 * unchanged while a checkpoint loaded from them is in use.
 */
export function memorySource(files: Readonly<Record<string, Uint8Array | string>>): CheckpointSource {
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    throw new Gpt2Error('INVALID_ARGUMENT', 'memorySource: files must be an object of file name → bytes or text', {
      argument: 'files',
      value: files,
      expected: 'Record<string, Uint8Array | string>',
    });
  }
  const stored = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === 'string') stored.set(name, new TextEncoder().encode(content));
    else if (content instanceof Uint8Array) stored.set(name, content);
    else {
      throw new Gpt2Error('INVALID_ARGUMENT', `memorySource: files[${JSON.stringify(name)}] is not bytes or text`, {
        argument: `files[${JSON.stringify(name)}]`,
        value: content,
        expected: 'a Uint8Array or a string',
      });
    }
  }
  return {
    label: 'memory',
    size(file, options) {
      throwIfAborted(options?.signal, 'memorySource');
      return Promise.resolve(stored.get(file)?.length);
    },
    read(file, start, end, options) {
      try {
        throwIfAborted(options?.signal, 'memorySource');
        checkRange('memorySource.read', start, end);
        const bytes = stored.get(file);
        if (bytes === undefined) throw missingFile('memory', file);
        return Promise.resolve(bytes.subarray(start ?? 0, end ?? bytes.length));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
  };
}
