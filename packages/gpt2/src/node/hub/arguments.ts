/**
 * Checks of the arguments of {@link downloadModel}: model ids, revisions, file names and the endpoint.
 * The id rules follow huggingface_hub's `validate_repo_id`.
 */
import { show } from '../../show';
import { Gpt2Error } from '../../errors';

/** A Hub commit hash: 40 lower-case hex digits. */
export const COMMIT_PATTERN = /^[0-9a-f]{40}$/;

const ID_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_ID_LENGTH = 96;

function invalid(argument: string, value: unknown, expected: string, why?: string): Gpt2Error {
  const seen = why === undefined ? `got ${show(value)}` : `got ${show(value)} (${why})`;
  return new Gpt2Error('INVALID_ARGUMENT', `downloadModel: ${argument} must be ${expected}; ${seen}`, {
    argument,
    value,
    expected,
  });
}

/**
 * Checks a Hub model id: `name` (legacy ids such as `gpt2`, `distilgpt2`, `gpt2-medium`) or
 * `namespace/name` (`openai-community/gpt2`). Letters, digits, `.`, `_` and `-`; each part starts with a
 * letter or digit, does not end in `.` or `-`, and has no `--` or `..`; at most 96 characters.
 * Throws `Gpt2Error` (`INVALID_ARGUMENT`, argument `model`).
 */
export function checkModelId(id: unknown): string {
  const expected = 'a Hugging Face model id like "gpt2" or "openai-community/gpt2"';
  if (typeof id !== 'string') throw invalid('model', id, expected);
  if (id.length === 0 || id.length > MAX_ID_LENGTH) throw invalid('model', id, expected, `length ${id.length}`);
  const parts = id.split('/');
  if (parts.length > 2) throw invalid('model', id, expected, 'more than one "/"');
  for (const part of parts) {
    if (!ID_PART.test(part) || part.endsWith('.') || part.endsWith('-')) {
      throw invalid('model', id, expected, 'bad character or part');
    }
    if (part.includes('--') || part.includes('..')) throw invalid('model', id, expected, 'contains "--" or ".."');
  }
  return id;
}

/**
 * Checks a revision: a branch, tag or commit hash (`main`, `v1.0`, `refs/pr/1`, 40 hex digits). No `..`,
 * no leading or trailing `/`, no empty path part.
 */
export function checkRevision(revision: unknown): string {
  const expected = 'a branch, tag or commit hash like "main"';
  if (typeof revision !== 'string' || !/^[A-Za-z0-9._/-]{1,255}$/.test(revision)) {
    throw invalid('revision', revision, expected);
  }
  if (revision.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw invalid('revision', revision, expected, 'empty, "." or ".." path part');
  }
  return revision;
}

/** Checks the list of files to fetch: non-empty, unique, relative paths inside the repository. */
export function checkFiles(files: unknown): readonly string[] {
  const expected = 'a non-empty array of distinct relative file names like "config.json"';
  if (!Array.isArray(files) || files.length === 0) throw invalid('files', files, expected);
  const seen = new Set<string>();
  for (const file of files as unknown[]) {
    if (
      typeof file !== 'string' ||
      !/^[A-Za-z0-9._ -][A-Za-z0-9._ /-]*$/.test(file) ||
      file.split('/').some((part) => part === '' || part === '.' || part === '..')
    ) {
      throw invalid('files', file, 'relative file names inside the repository (no "..", no leading "/")');
    }
    if (seen.has(file)) throw invalid('files', files, expected, `${show(file)} appears twice`);
    seen.add(file);
  }
  return [...seen];
}

/** Checks the endpoint and returns it without a trailing slash. */
export function checkEndpoint(endpoint: unknown): string {
  const expected = 'an http(s) URL like "https://huggingface.co"';
  if (typeof endpoint !== 'string') throw invalid('endpoint', endpoint, expected);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid('endpoint', endpoint, expected);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('endpoint', endpoint, expected);
  if (url.search !== '' || url.hash !== '') throw invalid('endpoint', endpoint, expected, 'has a query or hash');
  return url.href.replace(/\/+$/, '');
}

/** Checks a non-negative integer option (retries, retry delay). */
export function checkCount(argument: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw invalid(argument, value, `an integer in [0, ${max}]`);
  }
  return value;
}

/** Checks the cache directory: a non-empty path. */
export function checkCacheDir(cacheDir: unknown): string {
  if (typeof cacheDir !== 'string' || cacheDir === '' || cacheDir.includes('\0')) {
    throw invalid('cacheDir', cacheDir, 'a non-empty directory path');
  }
  return cacheDir;
}
