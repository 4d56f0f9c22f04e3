/**
 * The HTTP side of the Hub protocol: requests with retries and backoff, cancellation, the mapping of
 * error statuses to messages, and the HEAD request that tells a file's commit, ETag, size and location.
 * Uses only `fetch`, so nothing here needs Node.
 */
import { Gpt2Error } from '../../errors';
import { COMMIT_PATTERN } from './arguments';

/** What every request of one {@link downloadModel} call shares. */
export interface HubContext {
  readonly model: string;
  readonly revision: string;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal | undefined;
  /** Extra attempts after a network error or a 5xx/429 answer. */
  readonly retries: number;
  /** Milliseconds before the first retry; doubles each time, capped at 30 s. */
  readonly retryDelay: number;
  /** `Authorization` header value sent to `origin` only (the Hub, not a CDN it redirects to). */
  readonly authorization?: { readonly origin: string; readonly value: string } | undefined;
}

/** A failure worth another attempt: a network error, a cut transfer, a 5xx or 429 answer. */
export class RetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

/** What a HEAD request on a resolve URL tells about a file (huggingface_hub's `HfFileMetadata`). */
export interface FileMetadata {
  /** `X-Repo-Commit`: the commit the revision resolved to. */
  readonly commit: string | undefined;
  /** `X-Linked-Etag` (LFS files) or `ETag`, without quotes or `W/`. */
  readonly etag: string;
  /** The sha256 of the content, when the ETag is one (LFS files: `X-Linked-Etag`). */
  readonly sha256: string | undefined;
  /** `X-Linked-Size` (LFS files) or `Content-Length`. */
  readonly size: number | undefined;
  /** Where to GET the bytes: the CDN `Location` of a redirect, else the resolve URL. */
  readonly location: string;
  /** True when `location` came from a redirect to another host (an LFS file's CDN URL). */
  readonly redirected: boolean;
}

/** The resolve URL of a file: `{endpoint}/{id}/resolve/{revision}/{file}`. */
export function resolveUrl(endpoint: string, id: string, revision: string, file: string): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${endpoint}/${id}/resolve/${encodeURIComponent(revision)}/${path}`;
}

/** The `Gpt2Error` (`ABORTED`) for a cancelled download; partial files stay for a later resume. */
export function abortedError(context: HubContext, file: string | undefined, cause?: unknown): Gpt2Error {
  const where = file === undefined ? '' : ` while fetching ${file}`;
  return new Gpt2Error(
    'ABORTED',
    `downloadModel: download of ${context.model} was aborted${where}; partial files are kept for resuming`,
    { argument: 'signal', ...(file === undefined ? {} : { file }), cause: cause ?? context.signal?.reason },
  );
}

/** Throws `ABORTED` when the signal has fired. */
export function throwIfAborted(context: HubContext, file?: string): void {
  if (context.signal?.aborted === true) throw abortedError(context, file);
}

/** One request; network errors and 5xx/429 answers become {@link RetryableError}. */
export async function request(context: HubContext, url: string, init: RequestInit, file: string): Promise<Response> {
  throwIfAborted(context, file);
  let response: Response;
  try {
    const auth = context.authorization;
    const headers =
      auth !== undefined && new URL(url).origin === auth.origin
        ? { ...(init.headers as Record<string, string> | undefined), Authorization: auth.value }
        : init.headers;
    response = await context.fetch(url, {
      ...init,
      ...(headers === undefined ? {} : { headers }),
      signal: context.signal ?? null,
    });
  } catch (error) {
    if (context.signal?.aborted === true) throw abortedError(context, file, error);
    throw new RetryableError(`network error on ${init.method ?? 'GET'} ${url}: ${describeError(error)}`, {
      cause: error,
    });
  }
  if (response.status >= 500 || response.status === 429) {
    await discard(response);
    throw new RetryableError(`HTTP ${response.status} on ${init.method ?? 'GET'} ${url}`);
  }
  return response;
}

/**
 * Runs `attempt` and runs it again after a {@link RetryableError}, up to `context.retries` more times,
 * waiting `retryDelay · 2^k` ms between tries. The last failure becomes `DOWNLOAD_FAILED` naming the
 * file; any other error passes through.
 */
export async function withRetries<T>(context: HubContext, file: string, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (context.signal?.aborted === true && !Gpt2Error.isInstance(error)) throw abortedError(context, file, error);
      if (!(error instanceof RetryableError)) throw error;
      if (tries > context.retries) {
        throw new Gpt2Error(
          'DOWNLOAD_FAILED',
          `downloadModel: could not fetch ${file} of ${context.model} after ${tries} attempt(s): ${error.message}`,
          { file, cause: error.cause ?? error },
        );
      }
      await sleep(Math.min(context.retryDelay * 2 ** (tries - 1), 30_000), context, file);
    }
  }
}

/** The `DOWNLOAD_FAILED` error for an HTTP error answer, with the Hub's `X-Error-Code` explained. */
export function statusError(context: HubContext, response: Response, file: string): Gpt2Error {
  const code = response.headers.get('x-error-code') ?? '';
  const hubMessage = response.headers.get('x-error-message');
  const status = response.status;
  const model = JSON.stringify(context.model);
  let message: string;
  if (code === 'GatedRepo') {
    message = `model ${model} is gated: accept its conditions on the Hub and pass an access token (the CLI reads HF_TOKEN)`;
  } else if (code === 'EntryNotFound') {
    message = `file ${file} not found in model ${model} at revision ${context.revision}`;
  } else if (code === 'RevisionNotFound') {
    message = `revision ${JSON.stringify(context.revision)} not found in model ${model}`;
  } else if (status === 401 || code === 'RepoNotFound') {
    message = `model ${model} not found on the Hub (or it is private or gated and needs an access token: the CLI reads HF_TOKEN)`;
  } else if (status === 403) {
    message = `access to model ${model} is forbidden (private or gated model?)`;
  } else if (status === 404) {
    message = `model ${model} or its file ${file} not found`;
  } else {
    message = `unexpected answer for ${file} of model ${model}`;
  }
  const detail = hubMessage === null ? '' : `: ${hubMessage}`;
  return new Gpt2Error('DOWNLOAD_FAILED', `downloadModel: ${message} (HTTP ${status}${detail})`, {
    argument: 'model',
    value: context.model,
    file,
  });
}

/**
 * HEAD on a resolve URL without following redirects to other hosts (the LFS redirect to the CDN is where
 * the bytes are, not the metadata), following relative ones (a renamed repository: `gpt2` →
 * `openai-community/gpt2`). Retries as {@link withRetries}.
 */
export async function fetchMetadata(context: HubContext, url: string, file: string): Promise<FileMetadata> {
  return withRetries(context, file, async () => {
    let current = url;
    for (let hops = 0; hops < 10; hops += 1) {
      const response = await request(
        context,
        current,
        { method: 'HEAD', redirect: 'manual', headers: { 'Accept-Encoding': 'identity' } },
        file,
      );
      await discard(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400) {
        if (location === null) throw fail(context, file, `HTTP ${response.status} redirect without a Location header`);
        if (isRelative(location)) {
          current = new URL(location, current).href;
          continue;
        }
        return metadataFrom(context, response, new URL(location, current).href, true, file);
      }
      if (!response.ok) throw statusError(context, response, file);
      return metadataFrom(context, response, current, false, file);
    }
    throw fail(context, file, `more than 10 redirects from ${url}`);
  });
}

function metadataFrom(
  context: HubContext,
  response: Response,
  location: string,
  redirected: boolean,
  file: string,
): FileMetadata {
  const headers = response.headers;
  const linked = headers.get('x-linked-etag');
  const etag = normalizeEtag(linked ?? headers.get('etag'));
  if (etag === undefined) {
    throw fail(context, file, 'the server sent no ETag, so the cached copy could not be identified');
  }
  const sizeHeader = headers.get('x-linked-size') ?? headers.get('content-length');
  const size = sizeHeader === null ? undefined : parseSize(sizeHeader);
  if (size === null) throw fail(context, file, `the server sent an invalid size ${JSON.stringify(sizeHeader)}`);
  const commit = headers.get('x-repo-commit') ?? undefined;
  if (commit !== undefined && !COMMIT_PATTERN.test(commit)) {
    throw fail(context, file, `the server sent an invalid X-Repo-Commit ${JSON.stringify(commit)}`);
  }
  const sha256 = linked !== null && /^[0-9a-f]{64}$/.test(etag) ? etag : undefined;
  return { commit, etag, sha256, size, location, redirected };
}

/** A non-negative integer from a header, or null when the header is not one. */
export function parseSize(text: string): number | null {
  if (!/^\d{1,16}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return Number.isSafeInteger(value) ? value : null;
}

/** The `DOWNLOAD_FAILED` error for a protocol problem with a file. */
export function fail(context: HubContext, file: string, why: string, cause?: unknown): Gpt2Error {
  return new Gpt2Error('DOWNLOAD_FAILED', `downloadModel: ${file} of ${context.model}: ${why}`, {
    file,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Reads and drops a body so the connection can be reused. */
export async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to do: the body was unusable anyway.
  }
}

function normalizeEtag(etag: string | null): string | undefined {
  if (etag === null) return undefined;
  const value = etag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  return value === '' ? undefined : value;
}

function isRelative(location: string): boolean {
  return !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location) && !location.startsWith('//');
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

async function sleep(ms: number, context: HubContext, file: string): Promise<void> {
  throwIfAborted(context, file);
  if (ms <= 0) return;
  const signal = context.signal;
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(context, file));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
