/**
 * A checkpoint store on disk, for Node. Each write goes to a temporary file in the same directory,
 * is flushed to disk (fsync), and then renamed over the old file: a crash or failure mid-write
 * leaves the previous checkpoint whole, and readers never see half a file.
 */
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckpointStore } from '../checkpoint';
import { show } from '../checks';
import { TrainerError } from '../errors';

/** The file-system calls the store makes (Node's `fs/promises`; tests inject failures through it). */
export type CheckpointFileSystem = Pick<typeof fsPromises, 'mkdir' | 'open' | 'readFile' | 'rename' | 'rm'>;

/** Options of {@link fileCheckpointStore}. */
export interface FileCheckpointStoreOptions {
  /** Default: `node:fs/promises`. */
  readonly fs?: CheckpointFileSystem;
}

/** A {@link CheckpointStore} writing `<dir>/<name>.safetensors` atomically. */
export interface FileCheckpointStore extends CheckpointStore {
  /** The directory checkpoints are written to. */
  readonly dir: string;
  /** The file a checkpoint name is stored in. */
  path(name: string): string;
}

/**
 * Stores checkpoints as `<dir>/<name>.safetensors` (the directory is created on first write).
 * Writes are atomic: temporary file in `dir`, fsync, rename, then fsync of the directory so the
 * rename itself survives a power cut. A failed write removes its temporary file and rejects; the
 * old checkpoint stays as it was.
 */
export function fileCheckpointStore(dir: string, options: FileCheckpointStoreOptions = {}): FileCheckpointStore {
  if (typeof dir !== 'string' || dir === '') {
    throw new TrainerError('INVALID_ARGUMENT', `fileCheckpointStore: dir must be a non-empty path, got ${show(dir)}`, {
      argument: 'dir',
      value: dir,
      expected: 'a directory path',
    });
  }
  const fs = options.fs ?? fsPromises;
  let counter = 0;
  const path = (name: string) => join(dir, `${checkName(name)}.safetensors`);
  return {
    dir,
    path,
    async write(name, bytes) {
      const target = path(name);
      await fs.mkdir(dir, { recursive: true });
      counter += 1;
      const temp = join(dir, `.${checkName(name)}.safetensors.${process.pid}.${counter}.tmp`);
      try {
        const handle = await fs.open(temp, 'w');
        try {
          let written = 0;
          while (written < bytes.length) {
            const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
            written += bytesWritten;
          }
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(temp, target);
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
      await syncDirectory(fs, dir);
    },
    async read(name) {
      try {
        const data = await fs.readFile(path(name));
        return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

/** Makes a rename durable; some platforms cannot open directories, which is fine there. */
async function syncDirectory(fs: CheckpointFileSystem, dir: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a directory; the rename is as durable as the platform allows.
  } finally {
    await handle?.close();
  }
}

function checkName(name: string): string {
  if (typeof name === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && !name.includes('..')) return name;
  throw new TrainerError(
    'INVALID_ARGUMENT',
    `fileCheckpointStore: checkpoint name ${show(name)} must be letters, digits, ".", "_" or "-" (no path)`,
    {
      argument: 'name',
      value: name,
      expected: 'a plain file name like "checkpoint" or "run-1"',
    },
  );
}
