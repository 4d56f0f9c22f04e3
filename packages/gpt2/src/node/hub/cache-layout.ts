/**
 * Where downloads live on disk. The layout is huggingface_hub's, so either tool can use the other's
 * cache:
 *
 * ```
 * <cacheDir>/models--<namespace>--<name>/      (legacy ids: models--gpt2)
 *   refs/<revision>              the commit hash the revision (e.g. "main") pointed to last time
 *   blobs/<etag>                 a file's bytes, named by its ETag: the sha256 of LFS files, the git
 *                                blob sha1 of others
 *   blobs/<etag>.incomplete      a partial download, resumed with a Range request
 *   snapshots/<commit>/<file>    relative symlink to ../../blobs/<etag> (a copy where symlinks fail)
 * <cacheDir>/.locks/models--<namespace>--<name>/<etag>.lock   held while one process fetches that blob
 * ```
 *
 * A blob or snapshot entry only appears, by rename, after its size and (for LFS files) sha256 were
 * checked, so an entry that exists is complete.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../atomic-file';
import { COMMIT_PATTERN } from './arguments';

/** Paths of one model's part of the cache. */
export interface RepoCache {
  /** `<cacheDir>/models--<namespace>--<name>`. */
  readonly root: string;
  /** The file recording which commit `revision` resolved to. */
  refPath(revision: string): string;
  /** The directory of complete blobs. */
  readonly blobsDir: string;
  /** A complete blob, by ETag. */
  blobPath(etag: string): string;
  /** The partial download of a blob, by ETag. */
  partialPath(etag: string): string;
  /** The lock file held while one process fetches a blob, by ETag. */
  lockPath(etag: string): string;
  /** The directory holding the files of one commit. */
  snapshotDir(commit: string): string;
  /** One file of one commit. */
  snapshotPath(commit: string, file: string): string;
}

/** The name of a model's folder in the cache: `models--openai-community--gpt2`, `models--gpt2`. */
export function repoFolderName(id: string): string {
  return `models--${id.split('/').join('--')}`;
}

/**
 * A blob's file name from its ETag: the ETag itself when it is a plain token (always so on the Hub:
 * hex digests), else the sha256 of it, so that no server can steer writes out of `blobs/`.
 */
export function blobName(etag: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/.test(etag) && !etag.endsWith('.incomplete')
    ? etag
    : createHash('sha256').update(etag).digest('hex');
}

/** The paths of model `id`'s cache under `cacheDir`. `id`, revisions and files must be checked first. */
export function repoCache(cacheDir: string, id: string): RepoCache {
  const root = join(cacheDir, repoFolderName(id));
  const blobsDir = join(root, 'blobs');
  return {
    root,
    blobsDir,
    refPath: (revision) => join(root, 'refs', ...revision.split('/')),
    blobPath: (etag) => join(blobsDir, blobName(etag)),
    partialPath: (etag) => join(blobsDir, `${blobName(etag)}.incomplete`),
    lockPath: (etag) => join(cacheDir, '.locks', repoFolderName(id), `${blobName(etag)}.lock`),
    snapshotDir: (commit) => join(root, 'snapshots', commit),
    snapshotPath: (commit, file) => join(root, 'snapshots', commit, ...file.split('/')),
  };
}

/** The commit recorded for `revision`, or undefined when none is (or the record is not a commit hash). */
export async function readRef(cache: RepoCache, revision: string): Promise<string | undefined> {
  try {
    const text = (await readFile(cache.refPath(revision), 'utf8')).trim();
    return COMMIT_PATTERN.test(text) ? text : undefined;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Records that `revision` resolved to `commit` (atomically). */
export async function writeRef(cache: RepoCache, revision: string, commit: string): Promise<void> {
  await writeFileAtomic(cache.refPath(revision), commit);
}

/** The size of the regular file at `path` (following links), or undefined when there is none. */
export async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** True for the "no such file" family of file-system errors. */
export function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
