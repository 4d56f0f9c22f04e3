/**
 * Hugging Face Hub files in the browser's Cache Storage: downloaded once on the reader's request, kept
 * across reloads. A model is stored all or nothing: each file streams into the cache (an entry whose
 * body fails is never stored), then a completion record is put last, and a model counts as stored
 * only with that record; a cancelled or failed download removes whatever it had stored.
 */
import type { CheckpointSource } from '@chatgpt-explained/gpt2';

/** The files of a GPT-2 checkpoint on the Hub, in download order. */
export const HUB_FILES = ['config.json', 'vocab.json', 'merges.txt', 'model.safetensors'] as const;
/** The Cache Storage cache holding Hub files. */
export const HUB_CACHE_NAME = 'chatgpt-explained-hub-v1';
/** The Hub's address unless the page says otherwise. */
export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';
/** The key of the record saying a model's files are all stored (not a Hub file). */
const COMPLETE = '.complete-download';
/** How often the download reports progress (ms). */
const PROGRESS_EVERY_MS = 100;

/** Progress of a download: bytes so far, and the total when the Hub tells sizes. */
export interface HubDownloadProgress {
  readonly phase: 'download';
  readonly file: string;
  readonly done: number;
  readonly total: number | undefined;
}

/** The address of `file` of model `id` (branch main) under `endpoint`. */
export function hubFileUrl(endpoint: string, id: string, file: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${id.split('/').map(encodeURIComponent).join('/')}/resolve/main/${file}`;
}

/** Checks a Hub address and model id; throws an Error naming the bad one. */
export function checkHubModel(endpoint: unknown, id: unknown): void {
  let url: URL | undefined;
  try {
    url = typeof endpoint === 'string' ? new URL(endpoint) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new Error(
      `endpoint must be an http(s) address such as ${DEFAULT_HUB_ENDPOINT}; got ${JSON.stringify(endpoint)}`,
    );
  }
  if (
    typeof id !== 'string' ||
    !/^[\w.-]+(\/[\w.-]+)?$/.test(id) ||
    id.split('/').some((p) => p === '.' || p === '..')
  ) {
    throw new Error(`id must be a Hub model id such as gpt2 or openai-community/gpt2; got ${JSON.stringify(id)}`);
  }
}

function openCache(): Promise<Cache> {
  if (typeof caches === 'undefined') {
    throw new Error(
      'this browser offers no Cache Storage here (it needs https or localhost), so the model cannot be kept',
    );
  }
  return caches.open(HUB_CACHE_NAME);
}

/** Whether every file of the model is stored (no network). */
export async function isHubModelStored(endpoint: string, id: string): Promise<boolean> {
  checkHubModel(endpoint, id);
  const cache = await openCache();
  if (!(await cache.match(hubFileUrl(endpoint, id, COMPLETE)))) return false;
  for (const file of HUB_FILES) if (!(await cache.match(hubFileUrl(endpoint, id, file)))) return false;
  return true;
}

/** Deletes the stored model (its completion record first, so a half-deleted model is never taken as whole). */
export async function removeHubModel(endpoint: string, id: string): Promise<void> {
  checkHubModel(endpoint, id);
  const cache = await openCache();
  await cache.delete(hubFileUrl(endpoint, id, COMPLETE));
  for (const file of HUB_FILES) await cache.delete(hubFileUrl(endpoint, id, file));
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('the download was cancelled', 'AbortError');
}

/** The response's body, counting bytes as they pass (for the progress bar). */
function counted(response: Response, onBytes: (n: number) => void): Response {
  if (!response.body) return response;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      onBytes(chunk.length);
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(counter), {
    headers: { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' },
  });
}

/** Starts every request at once, so the sizes (Content-Length) are known before the first byte counts. */
async function fetchAll(endpoint: string, id: string, signal: AbortSignal): Promise<Response[]> {
  const settled = await Promise.allSettled(
    HUB_FILES.map(async (file) => {
      let response: Response;
      try {
        response = await fetch(hubFileUrl(endpoint, id, file), { signal, credentials: 'omit' });
      } catch (error) {
        if (signal.aborted) throw abortError(signal);
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`${id}: fetching ${file} from ${endpoint} failed (${why})`);
      }
      if (!response.ok) {
        void response.body?.cancel();
        throw new Error(`${id}: ${file} from ${endpoint}: HTTP ${response.status}`);
      }
      return response;
    }),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) {
    for (const r of settled) if (r.status === 'fulfilled') void r.value.body?.cancel().catch(() => undefined);
    throw signal.aborted ? abortError(signal) : failed.reason;
  }
  return settled.map((r) => (r as PromiseFulfilledResult<Response>).value);
}

/**
 * Downloads the model's files from the Hub and stores them, unless already stored: each file streams
 * into the cache (a `cache.put` of a body that fails stores nothing), the completion record last.
 * Rejects with the signal's reason when cancelled, and with an Error naming the file on an HTTP or
 * network error; either way whatever this download had stored is removed again.
 */
export async function downloadHubModel(
  endpoint: string,
  id: string,
  options: { readonly signal: AbortSignal; readonly onProgress?: (p: HubDownloadProgress) => void },
): Promise<void> {
  checkHubModel(endpoint, id);
  if (await isHubModelStored(endpoint, id)) return;
  const { signal } = options;
  signal.throwIfAborted();
  const cache = await openCache();
  // Leftovers of a download cut short (a tab closed while storing) are never taken as a model.
  await removeHubModel(endpoint, id);
  const responses = await fetchAll(endpoint, id, signal);
  const sizes = responses.map((r) => Number(r.headers.get('content-length') ?? Number.NaN));
  const total = sizes.every((s) => Number.isSafeInteger(s) && s >= 0) ? sizes.reduce((a, b) => a + b, 0) : undefined;
  let done = 0;
  let reported = 0;
  try {
    for (const [i, file] of HUB_FILES.entries()) {
      // A compressed answer's Content-Length counts compressed bytes: never report more than 100%.
      const report = (): void =>
        options.onProgress?.({
          phase: 'download',
          file,
          done,
          total: total === undefined ? undefined : Math.max(total, done),
        });
      report();
      const body = counted(responses[i]!, (n) => {
        done += n;
        const now = performance.now();
        if (now - reported >= PROGRESS_EVERY_MS) {
          reported = now;
          report();
        }
      });
      await cache.put(hubFileUrl(endpoint, id, file), body);
      report();
    }
    signal.throwIfAborted();
    const record = { id, endpoint, files: HUB_FILES, bytes: done, stored: new Date().toISOString() };
    await cache.put(hubFileUrl(endpoint, id, COMPLETE), new Response(JSON.stringify(record)));
  } catch (error) {
    for (const r of responses) void r.body?.cancel().catch(() => undefined);
    await removeHubModel(endpoint, id).catch(() => undefined);
    throw signal.aborted ? abortError(signal) : error;
  }
}

/** A checkpoint source over the stored files: reads ranges of the cached bodies, without the network. */
export async function storedHubSource(
  endpoint: string,
  id: string,
): Promise<CheckpointSource & { bytes(file: string): number | undefined }> {
  const cache = await openCache();
  const blobs = new Map<string, Blob>();
  for (const file of HUB_FILES) {
    const response = await cache.match(hubFileUrl(endpoint, id, file));
    if (response) blobs.set(file, await response.blob());
  }
  return {
    label: `${id} (stored in this browser)`,
    bytes: (file) => blobs.get(file)?.size,
    size: (file) => Promise.resolve(blobs.get(file)?.size),
    async read(file, start = 0, end) {
      const blob = blobs.get(file);
      if (!blob) throw new Error(`${id}: ${file} is not stored in this browser`);
      return new Uint8Array(await blob.slice(start, end ?? blob.size).arrayBuffer());
    },
  };
}
