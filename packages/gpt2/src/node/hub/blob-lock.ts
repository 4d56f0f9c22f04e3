/**
 * One download of a blob at a time, across processes: a lock file per blob (huggingface_hub keeps
 * its locks at `<cacheDir>/.locks/models--…/<etag>.lock` too), created with `O_EXCL`, holding the
 * owner's process id. A second process waits until the lock is gone and then finds the blob complete
 * (or fetches it itself if the first failed). A lock whose owner no longer runs on this machine is
 * stale and taken over, so a killed download never blocks the cache.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { throwIfAborted, type HubContext } from './http';

/** How often a waiting process looks again, in ms. */
export const LOCK_POLL_MS = 100;

/** What a lock file says about its owner. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

/** Whether the owner of a lock can still be running: another host's is assumed alive. */
function ownerAlive(owner: LockOwner | undefined): boolean {
  if (owner === undefined) return false;
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM'; // exists, but is another user's
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host }
      : undefined;
  } catch {
    return undefined; // gone, or half-written by an owner that is writing it right now
  }
}

/**
 * Takes the lock at `path`, waiting (and watching `context`'s signal) while another live process
 * holds it. Resolves to the function that releases it.
 */
export async function acquireBlobLock(context: HubContext, path: string, file: string): Promise<() => Promise<void>> {
  await mkdir(dirname(path), { recursive: true });
  let unreadable = 0;
  for (;;) {
    throwIfAborted(context, file);
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner));
      } finally {
        await handle.close();
      }
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(path);
    // An unreadable lock may be one being written this instant: only after a few looks is it stale.
    unreadable = owner === undefined ? unreadable + 1 : 0;
    if ((owner !== undefined && !ownerAlive(owner)) || unreadable > 20) {
      await rm(path, { force: true });
      unreadable = 0;
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}
