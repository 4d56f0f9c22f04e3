/**
 * Fetches one blob into the cache: streams into `<blob>.incomplete`, resumes an earlier partial with a
 * `Range: bytes=N-` request (and starts over when the server answers 200 instead of 206), checks the
 * size and the sha256 where the Hub gives one, fsyncs, and renames the partial into place. A cut
 * connection is retried from where it stopped; a cancelled one keeps its partial for a later call.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Gpt2Error } from '../../errors';
import { syncDirectory } from '../atomic-file';
import { fileSize } from './cache-layout';
import {
  RetryableError,
  abortedError,
  discard,
  fail,
  parseSize,
  request,
  statusError,
  withRetries,
  type HubContext,
} from './http';

/** One blob to fetch. */
export interface TransferPlan {
  /** The file's name in the repository (for messages and progress). */
  readonly file: string;
  /** Where the bytes are (CDN location or resolve URL). */
  readonly url: string;
  /** The final path of the blob. */
  readonly blob: string;
  /** The partial file the bytes stream into. */
  readonly partial: string;
  /** The expected size, when the server told it. */
  readonly size: number | undefined;
  /** The expected sha256 (hex), when the server told it. */
  readonly sha256: string | undefined;
}

/** Called with the bytes on disk so far and the expected total. */
export type TransferProgress = (received: number, total: number | undefined) => void;

type Outcome = 'done' | 'restart';

/** Fetches `plan.url` into `plan.blob`, resuming and verifying as described above. */
export async function transfer(context: HubContext, plan: TransferPlan, progress: TransferProgress): Promise<void> {
  await mkdir(dirname(plan.partial), { recursive: true });
  const state = { mayDistrustPartial: true };
  await withRetries(context, plan.file, async () => {
    // 'restart' means the partial was discarded (server ignored or refused the range, or a resumed file
    // failed its check): go again at once, from byte 0.
    while ((await attempt(context, plan, progress, state)) === 'restart') {
      // loop
    }
  });
  await rename(plan.partial, plan.blob);
  await syncDirectory(dirname(plan.blob));
}

/**
 * One GET. A partial left by an earlier call may itself be what is wrong (written by another version, a
 * disk error): when a resumed file fails its size or hash check, it is fetched once more from byte 0
 * before the mismatch is reported.
 */
async function attempt(
  context: HubContext,
  plan: TransferPlan,
  progress: TransferProgress,
  state: { mayDistrustPartial: boolean },
): Promise<Outcome> {
  const offset = (await fileSize(plan.partial)) ?? 0;
  const resumed = offset > 0 && state.mayDistrustPartial;
  try {
    return await fetchInto(context, plan, progress, offset);
  } catch (error) {
    if (!resumed || !Gpt2Error.isInstance(error) || error.code !== 'DOWNLOAD_FAILED') throw error;
    state.mayDistrustPartial = false;
    await rm(plan.partial, { force: true });
    return 'restart';
  }
}

async function fetchInto(
  context: HubContext,
  plan: TransferPlan,
  progress: TransferProgress,
  start: number,
): Promise<Outcome> {
  let offset = start;
  if (plan.size !== undefined && offset > plan.size) {
    await rm(plan.partial, { force: true });
    offset = 0;
  }
  if (plan.size !== undefined && offset === plan.size) {
    // A previous call stopped after the last byte: nothing to fetch, only to check.
    if (offset === 0) await (await open(plan.partial, 'w')).close();
    progress(offset, plan.size);
    await verify(context, plan, offset, await hashOf(plan, offset));
    return 'done';
  }

  const headers: Record<string, string> = { 'Accept-Encoding': 'identity' };
  if (offset > 0) headers['Range'] = `bytes=${offset}-`;
  const response = await request(context, plan.url, { method: 'GET', headers, redirect: 'follow' }, plan.file);

  if (response.status === 416 && offset > 0) {
    await discard(response);
    await rm(plan.partial, { force: true });
    return 'restart';
  }
  if (response.status !== 200 && response.status !== 206) {
    await discard(response);
    throw statusError(context, response, plan.file);
  }
  if (response.status === 206) {
    const start = rangeStart(response.headers.get('content-range'));
    if (offset === 0 || start !== offset) {
      await discard(response);
      await rm(plan.partial, { force: true });
      if (offset === 0) throw fail(context, plan.file, 'the server sent a partial answer to a full request');
      return 'restart';
    }
  } else {
    offset = 0; // 200: the whole file (the server ignored the Range header, or none was sent).
  }

  const lengthHeader = response.headers.get('content-length');
  const length = lengthHeader === null ? undefined : parseSize(lengthHeader);
  if (length === null) {
    await discard(response);
    throw fail(context, plan.file, `invalid Content-Length ${JSON.stringify(lengthHeader)}`);
  }
  const total = plan.size ?? (length === undefined ? undefined : offset + length);
  if (plan.size !== undefined && length !== undefined && offset + length !== plan.size) {
    await discard(response);
    await rm(plan.partial, { force: true });
    throw sizeMismatch(context, plan, offset + length, 'the server announced');
  }

  const hash = plan.sha256 === undefined ? undefined : await hashOf(plan, offset);
  const received = await stream(context, plan, response, offset, total, hash, progress);
  await verify(context, plan, received, hash);
  return 'done';
}

/** Streams the body into the partial file (appending at `offset`); returns the bytes on disk. */
async function stream(
  context: HubContext,
  plan: TransferPlan,
  response: Response,
  offset: number,
  total: number | undefined,
  hash: Hash | undefined,
  progress: TransferProgress,
): Promise<number> {
  const body = response.body;
  if (body === null) throw fail(context, plan.file, `HTTP ${response.status} without a body`);
  const handle = await open(plan.partial, offset > 0 ? 'a' : 'w');
  let received = offset;
  let failure: unknown;
  try {
    progress(received, total);
    const reader = body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (context.signal?.aborted === true) throw abortedError(context, plan.file, error);
        throw new RetryableError(`transfer of ${plan.file} cut after ${received} bytes: ${messageOf(error)}`, {
          cause: error,
        });
      }
      if (chunk.done) break;
      if (total !== undefined && received + chunk.value.byteLength > total) {
        await reader.cancel().catch(() => undefined);
        throw sizeMismatch(context, plan, undefined, 'the server sent more than');
      }
      await writeAll(handle, chunk.value);
      hash?.update(chunk.value);
      received += chunk.value.byteLength;
      progress(received, total);
      if (context.signal?.aborted === true) {
        await reader.cancel().catch(() => undefined);
        throw abortedError(context, plan.file);
      }
    }
  } catch (error) {
    failure = error;
  } finally {
    await handle.sync().catch(() => undefined);
    await handle.close();
  }
  if (failure !== undefined) {
    if (Gpt2Error.isInstance(failure) && failure.code === 'DOWNLOAD_FAILED') {
      await rm(plan.partial, { force: true });
    }
    throw failure;
  }
  return received;
}

/** Checks the finished partial's size and hash; a mismatch deletes it and throws `DOWNLOAD_FAILED`. */
async function verify(context: HubContext, plan: TransferPlan, received: number, hash: Hash | undefined) {
  if (plan.size !== undefined && received !== plan.size) {
    await rm(plan.partial, { force: true });
    throw sizeMismatch(context, plan, received, 'received');
  }
  if (plan.sha256 !== undefined && hash !== undefined) {
    const digest = hash.digest('hex');
    if (digest !== plan.sha256) {
      await rm(plan.partial, { force: true });
      throw new Gpt2Error(
        'DOWNLOAD_FAILED',
        `downloadModel: ${plan.file} of ${context.model} is corrupt: sha256 ${digest}, the Hub says ${plan.sha256}; ` +
          'the partial download was deleted',
        { file: plan.file, value: digest, expected: plan.sha256 },
      );
    }
  }
}

function sizeMismatch(context: HubContext, plan: TransferPlan, seen: number | undefined, what: string): Gpt2Error {
  const got = seen === undefined ? `${what} ${plan.size} bytes` : `${what} ${seen} bytes`;
  return new Gpt2Error(
    'DOWNLOAD_FAILED',
    `downloadModel: size mismatch for ${plan.file} of ${context.model}: expected ${plan.size} bytes, ${got}; ` +
      'the partial download was deleted',
    { file: plan.file, ...(seen === undefined ? {} : { value: seen }), expected: `${plan.size} bytes` },
  );
}

/** A sha256 over the first `length` bytes of the partial file (undefined when no hash is expected). */
async function hashOf(plan: TransferPlan, length: number): Promise<Hash | undefined> {
  if (plan.sha256 === undefined) return undefined;
  const hash = createHash('sha256');
  if (length === 0) return hash;
  for await (const chunk of createReadStream(plan.partial, { start: 0, end: length - 1 })) {
    hash.update(chunk as Uint8Array);
  }
  return hash;
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written);
    written += bytesWritten;
  }
}

/** The first byte of a `Content-Range: bytes A-B/T` header, or undefined. */
function rangeStart(header: string | null): number | undefined {
  const match = header === null ? null : /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
