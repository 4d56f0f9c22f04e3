/**
 * Small file-system steps that leave no half-written file behind: write to a temporary name, fsync,
 * rename over the target, fsync the directory.
 */
import { copyFile, mkdir, open, rename, rm, symlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, relative } from 'node:path';

/** A temporary name beside `path`, unique across calls and processes (random suffix). */
export function temporaryPath(path: string): string {
  return `${path}.${randomBytes(6).toString('hex')}.tmp`;
}

/** Makes a rename durable; some platforms cannot open directories, which is fine there. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a directory; the rename is as durable as the platform allows.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Writes `data` (text as UTF-8) to `path` atomically: temporary file beside it, fsync, rename, then
 * an fsync of the directory unless `syncDir` is false (a caller writing several files syncs once).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { readonly syncDir?: boolean } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = temporaryPath(path);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (options.syncDir !== false) await syncDirectory(dirname(path));
}

/**
 * Points `linkPath` at `target` with a relative symbolic link, replacing whatever was there in one
 * rename. Where the platform refuses symbolic links (Windows without developer mode), copies the file
 * instead, also through a temporary file and a rename. The caller syncs the directory (once for many links).
 */
export async function linkOrCopy(target: string, linkPath: string): Promise<void> {
  const dir = dirname(linkPath);
  await mkdir(dir, { recursive: true });
  const temp = temporaryPath(linkPath);
  try {
    try {
      await symlink(relative(dir, target), temp);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'EPERM' && code !== 'EACCES' && code !== 'ENOTSUP' && code !== 'EINVAL') throw error;
      await copyFile(target, temp);
      const handle = await open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await rename(temp, linkPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
