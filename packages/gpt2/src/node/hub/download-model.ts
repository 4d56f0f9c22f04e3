/**
 * `downloadModel`: fetches a GPT-2 checkpoint (`config.json`, `model.safetensors`, `vocab.json`,
 * `merges.txt`) from the Hugging Face Hub into a cache directory laid out as huggingface_hub's (see
 * `cache-layout.ts`), following the Hub's protocol (huggingface_hub `file_download.py`):
 *
 * 1. `HEAD {endpoint}/{id}/resolve/{revision}/{file}` with redirects to other hosts not followed. The
 *    answer's `X-Repo-Commit` names the commit; `X-Linked-Etag` (the sha256 of an LFS file) or `ETag`
 *    identifies the content; `X-Linked-Size` or `Content-Length` its size; an LFS file answers with a
 *    redirect whose `Location` is the CDN URL of its bytes. Relative redirects (a renamed repository,
 *    `gpt2` → `openai-community/gpt2`) are followed.
 * 2. The first file fixes the commit; the other files are asked for at that commit, so a snapshot never
 *    mixes two commits, and files already in the snapshot of that commit need no request at all.
 * 3. A blob already in the cache with the expected size is never fetched again; else `GET` the CDN
 *    location (LFS files) or the resolve URL at the commit (so the bytes match the HEAD answer) into `blobs/<etag>.incomplete`, resuming a partial with `Range: bytes=N-`, check size and sha256,
 *    fsync, rename, then link `snapshots/<commit>/<file>` to it and record `refs/<revision>`.
 */
import { dirname } from 'node:path';
import { Gpt2Error } from '../../errors';
import { linkOrCopy, syncDirectory } from '../atomic-file';
import {
  COMMIT_PATTERN,
  checkCacheDir,
  checkCount,
  checkEndpoint,
  checkFiles,
  checkModelId,
  checkRevision,
} from './arguments';
import { show } from '../../show';
import { fileSize, readRef, repoCache, writeRef, type RepoCache } from './cache-layout';
import { fail, fetchMetadata, resolveUrl, throwIfAborted, type HubContext } from './http';
import { acquireBlobLock } from './blob-lock';
import { transfer } from './transfer';

/** The files of a GPT-2 checkpoint that {@link downloadModel} fetches by default. */
export const DEFAULT_MODEL_FILES: readonly string[] = ['config.json', 'model.safetensors', 'vocab.json', 'merges.txt'];

/** The public Hugging Face Hub, the default `endpoint` of {@link downloadModel}. */
export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/** One progress report of {@link downloadModel}, sent as bytes of a file arrive. */
export interface DownloadProgressEvent {
  /** The file being fetched, e.g. `model.safetensors`. */
  readonly file: string;
  /** Its position in the list of files (0-based) and the number of files. */
  readonly index: number;
  /** The number of files asked for. */
  readonly count: number;
  /** Bytes of this file on disk so far, including those of a resumed earlier attempt. */
  readonly received: number;
  /** The file's size, when the server told it. */
  readonly total: number | undefined;
  /** `received / total` in [0, 1], when the total is known (1 for an empty file). */
  readonly fraction: number | undefined;
}

/** Options of {@link downloadModel}. */
export interface DownloadModelOptions {
  /** The cache directory (required). See the module documentation for its layout. */
  readonly cacheDir: string;
  /** The Hub's address. Default `https://huggingface.co`. */
  readonly endpoint?: string;
  /** A branch, tag or commit hash. Default `main`. */
  readonly revision?: string;
  /** The files to fetch. Default {@link DEFAULT_MODEL_FILES}. */
  readonly files?: readonly string[];
  /**
   * Never touch the network: return the cached snapshot of the revision, or throw `Gpt2Error` (`OFFLINE`).
   * Default false. (The CLI also turns this on for `HF_HUB_OFFLINE=1`; this function reads no
   * environment.)
   */
  readonly offline?: boolean;
  /** Called as bytes arrive; never for files served from the cache. */
  readonly onProgress?: (event: DownloadProgressEvent) => void;
  /** Cancels the download with `Gpt2Error` (`ABORTED`); partial files stay and the next call resumes them. */
  readonly signal?: AbortSignal;
  /** The `fetch` to use. Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Further attempts after a network error, a cut transfer or a 5xx/429 answer, per request. Default 2. */
  readonly retries?: number;
  /** Milliseconds before the first retry, doubling with each (capped at 30 s). Default 500; tests use 0. */
  readonly retryDelay?: number;
  /**
   * A Hugging Face access token, for private and gated models: sent as `Authorization: Bearer …` to
   * the endpoint only, never to a CDN it redirects to. Default none. (The CLI reads `HF_TOKEN`.)
   */
  readonly token?: string;
}

/** The result of {@link downloadModel}. */
export interface DownloadedModel {
  /** The snapshot directory holding the files: `<cacheDir>/models--…/snapshots/<commit>`. */
  readonly dir: string;
  /** The files, as names relative to `dir` (the `files` option, in its order). */
  readonly files: readonly string[];
  /** The commit hash the revision resolved to. */
  readonly revision: string;
  /** True when at least one file was (partly) fetched in this call, false when all came from the cache. */
  readonly downloaded: boolean;
}

/**
 * Downloads a model from the Hugging Face Hub into `options.cacheDir` (or finds it there) and returns the
 * snapshot directory, ready for `directorySource(dir)`. Model ids: `gpt2`, `distilgpt2`, `gpt2-medium`,
 * `gpt2-large`, `gpt2-xl`, `openai-community/gpt2`, any `namespace/name`.
 *
 * Never downloads a complete file twice; resumes interrupted transfers with `Range` requests; checks sizes
 * (`X-Linked-Size`/`Content-Length`) and the sha256 of LFS files (`X-Linked-Etag`); writes atomically
 * (partial file, fsync, rename). Throws `Gpt2Error`: `INVALID_ARGUMENT` for a bad id or option,
 * `DOWNLOAD_FAILED` (with `file`) for HTTP errors (401/404: model not found or gated), size or hash
 * mismatches and network errors once retries are spent, `OFFLINE` when `offline` is set and the snapshot
 * is not cached, `ABORTED` when `signal` fires.
 */
export async function downloadModel(id: string, options: DownloadModelOptions): Promise<DownloadedModel> {
  if (typeof options !== 'object' || options === null) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `downloadModel: options must be an object with cacheDir; got ${show(options)}`,
      {
        argument: 'options',
        value: options,
        expected: 'an object with cacheDir',
      },
    );
  }
  const model = checkModelId(id);
  const cacheDir = checkCacheDir(options.cacheDir);
  const revision = checkRevision(options.revision ?? 'main');
  const files = checkFiles(options.files ?? DEFAULT_MODEL_FILES);
  const endpoint = checkEndpoint(options.endpoint ?? DEFAULT_HUB_ENDPOINT);
  const retries = checkCount('retries', options.retries ?? 2, 100);
  const retryDelay = checkCount('retryDelay', options.retryDelay ?? 500, 600_000);
  if (options.offline !== undefined && typeof options.offline !== 'boolean') {
    throw new Gpt2Error('INVALID_ARGUMENT', `downloadModel: offline must be a boolean; got ${show(options.offline)}`, {
      argument: 'offline',
      value: options.offline,
      expected: 'true or false',
    });
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new Gpt2Error('INVALID_ARGUMENT', 'downloadModel: fetch must be a function (no global fetch here)', {
      argument: 'fetch',
      value: options.fetch,
      expected: 'a fetch function',
    });
  }
  const token = options.token;
  if (token !== undefined && (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token))) {
    throw new Gpt2Error('INVALID_ARGUMENT', 'downloadModel: token must be a non-empty string of visible ASCII', {
      argument: 'token',
      value: typeof token === 'string' ? `${token.length} characters` : typeof token,
      expected: 'a Hugging Face access token',
    });
  }
  const cache = repoCache(cacheDir, model);
  const context: HubContext = {
    model,
    revision,
    fetch: fetchImpl,
    signal: options.signal,
    retries,
    retryDelay,
    authorization: token === undefined ? undefined : { origin: new URL(endpoint).origin, value: `Bearer ${token}` },
  };
  throwIfAborted(context);

  if (options.offline === true) return offlineSnapshot(cache, cacheDir, model, revision, files);

  // A commit is immutable: a complete snapshot of it needs no request.
  if (COMMIT_PATTERN.test(revision) && (await missingFiles(cache, revision, files)).length === 0) {
    return { dir: cache.snapshotDir(revision), files, revision, downloaded: false };
  }

  let commit: string | undefined;
  let downloaded = false;
  const linkedDirs = new Set<string>();
  for (const [index, file] of files.entries()) {
    throwIfAborted(context, file);
    if (commit !== undefined && (await fileSize(cache.snapshotPath(commit, file))) !== undefined) continue;
    const meta = await fetchMetadata(context, resolveUrl(endpoint, model, commit ?? revision, file), file);
    const fileCommit = meta.commit ?? (COMMIT_PATTERN.test(revision) ? revision : undefined);
    if (fileCommit === undefined) throw fail(context, file, 'the server sent no X-Repo-Commit header');
    if (commit !== undefined && fileCommit !== commit) {
      throw fail(context, file, `the server answered for commit ${fileCommit} when ${commit} was asked for`);
    }
    commit = fileCommit;

    const inSnapshot = await fileSize(cache.snapshotPath(commit, file));
    if (inSnapshot !== undefined && (meta.size === undefined || inSnapshot === meta.size)) continue;
    const blob = cache.blobPath(meta.etag);
    const complete = async () => {
      const size = await fileSize(blob);
      return size !== undefined && (meta.size === undefined || size === meta.size);
    };
    // One process fetches a blob at a time; a second one waits, then finds it complete.
    const release = (await complete()) ? undefined : await acquireBlobLock(context, cache.lockPath(meta.etag), file);
    try {
      if (release !== undefined && !(await complete())) {
        downloaded = true;
        await transfer(
          context,
          {
            file,
            url: meta.redirected ? meta.location : resolveUrl(endpoint, model, commit, file),
            blob,
            partial: cache.partialPath(meta.etag),
            size: meta.size,
            sha256: meta.sha256,
          },
          (received, total) => {
            const fraction = total === undefined ? undefined : total === 0 ? 1 : received / total;
            options.onProgress?.({ file, index, count: files.length, received, total, fraction });
          },
        );
      }
    } finally {
      await release?.();
    }
    const link = cache.snapshotPath(commit, file);
    await linkOrCopy(blob, link);
    linkedDirs.add(dirname(link));
  }
  for (const dir of linkedDirs) await syncDirectory(dir);
  if (commit === undefined) throw fail(context, files[0] ?? '', 'no commit could be determined');
  if (revision !== commit && (await readRef(cache, revision)) !== commit) await writeRef(cache, revision, commit);
  return { dir: cache.snapshotDir(commit), files, revision: commit, downloaded };
}

async function offlineSnapshot(
  cache: RepoCache,
  cacheDir: string,
  model: string,
  revision: string,
  files: readonly string[],
): Promise<DownloadedModel> {
  const commit = COMMIT_PATTERN.test(revision) ? revision : await readRef(cache, revision);
  const missing = commit === undefined ? files : await missingFiles(cache, commit, files);
  if (commit === undefined || missing.length > 0) {
    const what =
      commit === undefined
        ? `revision ${JSON.stringify(revision)} of model ${JSON.stringify(model)} is not in the cache`
        : `model ${JSON.stringify(model)} at ${commit} lacks ${missing.join(', ')} in the cache`;
    throw new Gpt2Error(
      'OFFLINE',
      `downloadModel: offline mode: ${what} (cache directory ${cacheDir}); download it once with network access`,
      { argument: 'model', value: model, ...(missing[0] === undefined ? {} : { file: missing[0] }) },
    );
  }
  return { dir: cache.snapshotDir(commit), files, revision: commit, downloaded: false };
}

async function missingFiles(cache: RepoCache, commit: string, files: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const file of files) {
    if ((await fileSize(cache.snapshotPath(commit, file))) === undefined) missing.push(file);
  }
  return missing;
}
