/**
 * A {@link CheckpointSource} over a directory on disk. Reads open the file and read only the range
 * asked for, so checking the header of a 500 MB `model.safetensors` reads a few kilobytes.
 */
import { open, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { checkpointError } from '../checkpoint/fail';
import { checkRange, missingFile, throwIfAborted, type CheckpointSource } from '../checkpoint/source';
import { Gpt2Error } from '../errors';

/** Bytes read per `read` call, so an abort is noticed within one piece. */
const PIECE_BYTES = 16 * 1024 * 1024;

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Checkpoint files in `dir` (symbolic links are followed, as in the Hugging Face cache's snapshot
 * folders). `size` is `undefined` for a file that does not exist; a read never allocates more than
 * the bytes the file has in the range. File names must stay inside `dir` (no absolute paths, no `..`).
 * Errors: `CHECKPOINT_MISSING` (no such file), `CHECKPOINT_INVALID` (not a regular file, or the file
 * system refused: `cause` holds its error), `ABORTED`, `INVALID_ARGUMENT`.
 */
export function directorySource(dir: string): CheckpointSource {
  if (typeof dir !== 'string' || dir === '') {
    throw new Gpt2Error('INVALID_ARGUMENT', `directorySource: dir must be a non-empty path; got ${String(dir)}`, {
      argument: 'dir',
      value: dir,
      expected: 'a directory path',
    });
  }
  const pathOf = (file: string) => {
    if (typeof file !== 'string' || file === '' || isAbsolute(file) || file.split(/[/\\]/).includes('..')) {
      throw new Gpt2Error(
        'INVALID_ARGUMENT',
        `directorySource: file ${JSON.stringify(file)} is not a name inside ${dir}`,
        {
          argument: 'file',
          value: file,
          expected: 'a relative file name without ..',
        },
      );
    }
    return join(dir, file);
  };
  const fsError = (file: string, action: string, error: unknown) =>
    isMissing(error)
      ? missingFile(dir, file)
      : checkpointError(
          'CHECKPOINT_INVALID',
          file,
          `${action} in ${dir} failed: ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
          },
        );

  return {
    label: dir,
    async size(file, options) {
      throwIfAborted(options?.signal, 'directorySource');
      const path = pathOf(file);
      let stats;
      try {
        stats = await stat(path);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw fsError(file, 'stat', error);
      }
      if (!stats.isFile()) {
        throw checkpointError('CHECKPOINT_INVALID', file, `${path} is not a regular file`, { value: path });
      }
      return stats.size;
    },
    async read(file, start, end, options) {
      const signal = options?.signal;
      throwIfAborted(signal, 'directorySource');
      checkRange('directorySource.read', start, end);
      const path = pathOf(file);
      let handle;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        throw fsError(file, 'open', error);
      }
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) {
          throw checkpointError('CHECKPOINT_INVALID', file, `${path} is not a regular file`, { value: path });
        }
        const from = start ?? 0;
        const to = Math.min(end ?? stats.size, stats.size);
        const out = new Uint8Array(Math.max(0, to - from));
        let filled = 0;
        while (filled < out.length) {
          throwIfAborted(signal, 'directorySource');
          const length = Math.min(PIECE_BYTES, out.length - filled);
          const { bytesRead } = await handle.read(out, filled, length, from + filled);
          if (bytesRead === 0) break; // the file shrank: give what there is
          filled += bytesRead;
        }
        return filled === out.length ? out : out.subarray(0, filled);
      } catch (error) {
        if (Gpt2Error.isInstance(error)) throw error;
        throw fsError(file, 'read', error);
      } finally {
        await handle.close();
      }
    },
  };
}
