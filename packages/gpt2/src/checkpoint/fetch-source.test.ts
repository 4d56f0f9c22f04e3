import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuiltCheckpoint } from '../../test/checkpoint-fixtures';
import { Gpt2Error } from '../errors';
import { fetchSource } from './fetch-source';
import { loadCheckpoint } from './load-checkpoint';

const hand = handBuiltCheckpoint({ values: 'float32', maskBuffers: true });
const weightsSize = hand.files['model.safetensors']!.length;

async function refused(promise: Promise<unknown>): Promise<Gpt2Error> {
  try {
    await promise;
  } catch (error) {
    if (Gpt2Error.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a Gpt2Error');
}

interface Logged {
  method: string;
  path: string;
  range: string | undefined;
}

/** A static file server on 127.0.0.1 with HEAD and single byte ranges (RFC 9110), logging requests. */
function fileServer(files: Record<string, Uint8Array>, log: Logged[]): Server {
  return createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const range = request.headers.range;
    log.push({ method: request.method ?? '', path, range });
    const body = files[path.replace(/^\/repo\//, '')];
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    const match = /^bytes=(\d+)-(\d*)$/.exec(range ?? '');
    if (match === null) {
      response.writeHead(200, { 'Content-Length': body.length, 'Accept-Ranges': 'bytes' });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    const start = Number(match[1]);
    const end = Math.min(match[2] === '' ? body.length - 1 : Number(match[2]), body.length - 1);
    if (start >= body.length) {
      response.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      return;
    }
    response.writeHead(206, {
      'Content-Length': end - start + 1,
      'Content-Range': `bytes ${start}-${end}/${body.length}`,
    });
    response.end(body.subarray(start, end + 1));
  });
}

describe('fetchSource against a local HTTP server', () => {
  const log: Logged[] = [];
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = fileServer(hand.files, log);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('loads a checkpoint with HEAD and ranged GETs only, never the whole weights file', async () => {
    log.length = 0;
    const loaded = await loadCheckpoint(fetchSource(`${base}/`), { tokenizer: false });
    for (const [name, tensor] of loaded.tensors) {
      expect(Array.from(tensor.toFloat32()), name).toEqual(Array.from(hand.values.get(name)!.data));
    }
    const weights = log.filter((l) => l.path === '/repo/model.safetensors');
    expect(weights[0]).toEqual({ method: 'HEAD', path: '/repo/model.safetensors', range: undefined });
    expect(weights.slice(1).every((l) => l.method === 'GET' && l.range !== undefined)).toBe(true);
    expect(weights[1]!.range).toBe('bytes=0-7');
    // Header, then the weights' range (the mask buffers after them are not fetched).
    const length = new DataView(hand.files['model.safetensors']!.buffer).getUint32(0, true);
    expect(weights[2]!.range).toBe(`bytes=8-${8 + length - 1}`);
    expect(weights.length).toBe(4);
    expect(weights[3]!.range).toBe(`bytes=${8 + length}-${weightsSize - 64 - 4 - 1}`);
  });

  it('reports a missing file as CHECKPOINT_MISSING and size undefined', async () => {
    const source = fetchSource(base);
    await expect(source.size('vocab.json')).resolves.toBeUndefined();
    const error = await refused(source.read('vocab.json'));
    expect(error.code).toBe('CHECKPOINT_MISSING');
    expect(error.file).toBe('vocab.json');
    const load = await refused(loadCheckpoint(source));
    expect(load.code).toBe('CHECKPOINT_MISSING');
    expect(load.file).toBe('vocab.json');
    // A range past the end gives no bytes (416), a range that runs over gives what exists.
    expect((await source.read('config.json', 10_000, 10_010)).length).toBe(0);
    const configSize = hand.files['config.json']!.length;
    expect((await source.read('config.json', configSize - 3, configSize + 10)).length).toBe(3);
  });
});

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function fakeFetch(handler: Handler): typeof fetch {
  return ((url: string, init: RequestInit) => Promise.resolve(handler(url, init))) as typeof fetch;
}

function rangeOf(init: RequestInit): string | undefined {
  return (init.headers as Record<string, string> | undefined)?.Range;
}

describe('fetchSource against servers that answer differently', () => {
  const file = hand.files['model.safetensors']!;

  it('falls back to a one-byte ranged GET when HEAD gives no size', async () => {
    const seen: string[] = [];
    const source = fetchSource('https://example.test/m', {
      fetch: fakeFetch((url, init) => {
        seen.push(`${init.method} ${url} ${rangeOf(init) ?? ''}`);
        if (init.method === 'HEAD') return new Response(null, { status: 405 });
        return new Response(file.slice(0, 1), {
          status: 206,
          headers: { 'Content-Range': `bytes 0-0/${file.length}` },
        });
      }),
      headers: { Authorization: 'Bearer x' },
    });
    expect(await source.size('model.safetensors')).toBe(file.length);
    expect(seen).toEqual([
      'HEAD https://example.test/m/model.safetensors ',
      'GET https://example.test/m/model.safetensors bytes=0-0',
    ]);
  });

  it('reads the right bytes from a server that ignores Range, cancelling the rest', async () => {
    let cancelled = false;
    const source = fetchSource('https://example.test/m', {
      fetch: fakeFetch(() => {
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent >= file.length) return controller.close();
            controller.enqueue(file.slice(sent, sent + 100));
            sent += 100;
          },
          cancel() {
            cancelled = true;
          },
        });
        return new Response(body, { status: 200 });
      }),
    });
    const bytes = await source.read('model.safetensors', 150, 250);
    expect(Array.from(bytes)).toEqual(Array.from(file.subarray(150, 250)));
    expect(cancelled).toBe(true);
  });

  it('turns HTTP errors, network errors, a wrong Content-Range and aborts into typed errors', async () => {
    const status500 = fetchSource('https://example.test/m', {
      fetch: fakeFetch(() => new Response('no', { status: 500 })),
    });
    const error = await refused(status500.read('model.safetensors', 0, 8));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.value).toBe(500);
    expect(error.file).toBe('model.safetensors');
    expect(error.message).toBe(
      'fetchSource: GET https://example.test/m/model.safetensors (bytes=0-7) answered HTTP 500',
    );
    expect((await refused(status500.size('config.json'))).code).toBe('DOWNLOAD_FAILED');

    const offline = fetchSource('https://example.test/m', {
      fetch: (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch,
    });
    const network = await refused(offline.read('config.json'));
    expect(network.code).toBe('DOWNLOAD_FAILED');
    expect(network.message).toContain('fetch failed');

    const shifted = fetchSource('https://example.test/m', {
      fetch: fakeFetch(
        () => new Response(new Uint8Array(8), { status: 206, headers: { 'Content-Range': 'bytes 8-15/100' } }),
      ),
    });
    expect((await refused(shifted.read('model.safetensors', 0, 8))).message).toContain('Content-Range bytes 8-15/100');

    const controller = new AbortController();
    controller.abort();
    const source = fetchSource('https://example.test/m', { fetch: fakeFetch(() => new Response(file.slice())) });
    expect((await refused(source.read('model.safetensors', 0, 8, { signal: controller.signal }))).code).toBe('ABORTED');

    expect(() => fetchSource('')).toThrow(/baseUrl must be a non-empty URL/);
    expect(() => fetchSource('https://x', { retries: 2 } as never)).toThrow(/unknown option "retries"/);
    await expect(source.read('model.safetensors', 5, 2)).rejects.toThrow(/start 5 is after end 2/);
  });
});
