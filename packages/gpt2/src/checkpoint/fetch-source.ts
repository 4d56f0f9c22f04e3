/**
 * A {@link CheckpointSource} over HTTP(S) with `fetch`: sizes from `HEAD` (or a one-byte ranged
 * `GET`), reads as `Range: bytes=` requests, so the loader fetches the safetensors header first and
 * the tensor data only after checking it. Runs in browsers and in Node ≥ 18.
 */
import { Gpt2Error } from '../errors';
import { checkRange, missingFile, throwIfAborted, type CheckpointReadOptions, type CheckpointSource } from './source';

/** Options of {@link fetchSource}. */
export interface FetchSourceOptions {
  /** The `fetch` to use. Default `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch;
  /** Headers sent with every request (an `Authorization` token, say). */
  readonly headers?: Readonly<Record<string, string>>;
}

const OPTION_KEYS = ['fetch', 'headers'];

function argumentError(argument: string, message: string, value: unknown, expected: string): Gpt2Error {
  return new Gpt2Error('INVALID_ARGUMENT', `fetchSource: ${message}`, { argument, value, expected });
}

/**
 * Checkpoint files under a base URL: `file` is fetched from `${baseUrl}/${file}` (relative URLs work
 * where `fetch` resolves them, as in browsers). Redirects are followed.
 *
 * - `size(file)`: `HEAD`, using `Content-Length` unless the response is content-encoded; otherwise a
 *   `GET` of `Range: bytes=0-0` and the total of its `Content-Range`. 404 and 410 mean the file does
 *   not exist (`undefined`).
 * - `read(file, start, end)`: `GET` with `Range: bytes=start-(end−1)`. A server that ignores the
 *   range (status 200) is read only up to `end` and the rest of the body is cancelled; 416 gives no
 *   bytes. A read of the whole file sends no `Range`.
 *
 * Failures are `Gpt2Error`s: `CHECKPOINT_MISSING` (404/410 on a read), `DOWNLOAD_FAILED` (another
 * HTTP status, a network error; `value` is the status), `ABORTED` (the signal fired).
 */
export function fetchSource(baseUrl: string, options: FetchSourceOptions = {}): CheckpointSource {
  if (typeof baseUrl !== 'string' || baseUrl === '') {
    throw argumentError('baseUrl', `baseUrl must be a non-empty URL; got ${String(baseUrl)}`, baseUrl, 'a URL');
  }
  if (typeof options !== 'object' || options === null) {
    throw argumentError('options', 'options must be an object', options, '{ fetch?, headers? }');
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw argumentError(
        `options.${key}`,
        `unknown option ${JSON.stringify(key)}`,
        (options as Record<string, unknown>)[key],
        OPTION_KEYS.join(', '),
      );
    }
  }
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') {
    throw argumentError('options.fetch', 'no fetch function: pass options.fetch', fetchFn, 'a fetch function');
  }
  const headers = { ...(options.headers ?? {}) };
  const base = baseUrl.replace(/\/+$/, '');
  const urlOf = (file: string) => `${base}/${file.split('/').map(encodeURIComponent).join('/')}`;

  const request = async (
    file: string,
    method: 'GET' | 'HEAD',
    range: string | undefined,
    readOptions: CheckpointReadOptions | undefined,
  ): Promise<Response> => {
    const signal = readOptions?.signal;
    throwIfAborted(signal, 'fetchSource');
    const url = urlOf(file);
    try {
      return await fetchFn(url, {
        method,
        headers: range === undefined ? headers : { ...headers, Range: range },
        redirect: 'follow',
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      throwIfAborted(signal, 'fetchSource');
      throw new Gpt2Error(
        'DOWNLOAD_FAILED',
        `fetchSource: ${method} ${url}${range === undefined ? '' : ` (${range})`} failed: ${error instanceof Error ? error.message : String(error)}`,
        { file, cause: error, value: url },
      );
    }
  };

  const httpError = (file: string, method: string, response: Response, range?: string) =>
    new Gpt2Error(
      'DOWNLOAD_FAILED',
      `fetchSource: ${method} ${urlOf(file)}${range === undefined ? '' : ` (${range})`} answered HTTP ${response.status}`,
      { file, value: response.status, expected: range === undefined ? 'HTTP 200' : 'HTTP 206 or 200' },
    );

  const gone = (status: number) => status === 404 || status === 410;

  return {
    label: base,
    async size(file, readOptions) {
      const head = await request(file, 'HEAD', undefined, readOptions);
      if (gone(head.status)) return undefined;
      const length = head.headers.get('content-length');
      const encoding = head.headers.get('content-encoding');
      if (head.ok && length !== null && /^\d+$/.test(length) && (encoding === null || encoding === 'identity')) {
        return Number(length);
      }
      const range = 'bytes=0-0';
      const response = await request(file, 'GET', range, readOptions);
      if (gone(response.status)) return undefined;
      if (response.status === 206 || response.status === 416) {
        await response.body?.cancel().catch(() => undefined);
        const total = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
        if (total !== null) return Number(total[1]);
        throw new Gpt2Error('DOWNLOAD_FAILED', `fetchSource: ${urlOf(file)} gives no size (no Content-Range total)`, {
          file,
          value: response.headers.get('content-range'),
          expected: 'Content-Range: bytes 0-0/<size>',
        });
      }
      if (response.ok) return (await readBody(response, Infinity, readOptions?.signal)).length;
      throw httpError(file, 'GET', response, range);
    },
    async read(file, start, end, readOptions) {
      checkRange('fetchSource.read', start, end);
      if (start === undefined && end === undefined) {
        const response = await request(file, 'GET', undefined, readOptions);
        if (gone(response.status)) throw missingFile(base, file);
        if (!response.ok) throw httpError(file, 'GET', response);
        return readBody(response, Infinity, readOptions?.signal);
      }
      const from = start ?? 0;
      if (end !== undefined && from === end) return new Uint8Array(0);
      const range = `bytes=${from}-${end === undefined ? '' : end - 1}`;
      const response = await request(file, 'GET', range, readOptions);
      if (gone(response.status)) throw missingFile(base, file);
      if (response.status === 416) {
        await response.body?.cancel().catch(() => undefined);
        return new Uint8Array(0);
      }
      const limit = end === undefined ? Infinity : end - from;
      if (response.status === 206) {
        const first = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '');
        if (first !== null && Number(first[1]) !== from) {
          await response.body?.cancel().catch(() => undefined);
          throw new Gpt2Error(
            'DOWNLOAD_FAILED',
            `fetchSource: ${urlOf(file)} answered ${range} with Content-Range ${response.headers.get('content-range')}`,
            { file, value: response.headers.get('content-range'), expected: `bytes ${from}-…` },
          );
        }
        return readBody(response, limit, readOptions?.signal);
      }
      if (response.status === 200) {
        // The server ignored the range: read up to `end`, drop the first `from` bytes.
        const bytes = await readBody(response, end ?? Infinity, readOptions?.signal);
        return bytes.subarray(Math.min(from, bytes.length));
      }
      await response.body?.cancel().catch(() => undefined);
      throw httpError(file, 'GET', response, range);
    },
  };
}

/** At most `limit` bytes of a response body; the rest is cancelled. */
async function readBody(response: Response, limit: number, signal: AbortSignal | undefined): Promise<Uint8Array> {
  try {
    if (response.body === null) {
      const all = new Uint8Array(await response.arrayBuffer());
      return all.length > limit ? all.subarray(0, limit) : all;
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
    if (total >= limit) await reader.cancel().catch(() => undefined);
    const size = Math.min(total, limit);
    if (chunks.length === 1 && chunks[0]!.length === size) return chunks[0]!;
    const out = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      const part = chunk.subarray(0, size - at);
      out.set(part, at);
      at += part.length;
      if (at === size) break;
    }
    return out;
  } catch (error) {
    throwIfAborted(signal, 'fetchSource');
    if (Gpt2Error.isInstance(error)) throw error;
    throw new Gpt2Error(
      'DOWNLOAD_FAILED',
      `fetchSource: reading ${response.url} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
        value: response.url,
      },
    );
  }
}
