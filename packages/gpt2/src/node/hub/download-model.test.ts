import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Gpt2Error } from '../../errors';
import { fakeCommit, startHubServer, type HubServer } from '../../../test/hub-server';
import { downloadModel, type DownloadModelOptions, type DownloadProgressEvent } from './download-model';

const REPO = 'openai-community/gpt2';
const MODEL_SIZE = 48 * 1024;

/** Deterministic pseudo-random bytes (xorshift32), standing in for a safetensors file. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const encode = (text: string) => new TextEncoder().encode(text);
const FILES: Record<string, Uint8Array> = {
  'config.json': encode(JSON.stringify({ model_type: 'gpt2', n_embd: 8, n_head: 2, n_layer: 1, vocab_size: 10 })),
  'model.safetensors': pseudoRandomBytes(MODEL_SIZE, 12345),
  'vocab.json': encode(JSON.stringify({ a: 0, b: 1, ab: 2 })),
  'merges.txt': encode('#version: 0.2\na b\n'),
};
const COMMIT = fakeCommit(REPO);
const COMMIT_V2 = fakeCommit(REPO, 'v2');
const SHA = createHash('sha256')
  .update(FILES['model.safetensors'] as Uint8Array)
  .digest('hex');
const CDN = `/cdn/${SHA}`;

let server: HubServer;
let cacheDir = '';

beforeEach(async () => {
  server = await startHubServer({
    repos: [
      { id: REPO, files: FILES, lfs: ['model.safetensors'], refs: { main: COMMIT, v2: COMMIT_V2 } },
      { id: 'distilgpt2', files: FILES, lfs: ['model.safetensors'] },
      { id: 'org/gated', files: FILES, gated: true },
      { id: 'org/private', files: FILES, lfs: ['model.safetensors'], token: 'hf_secret123' },
    ],
    aliases: { gpt2: REPO },
  });
  cacheDir = await mkdtemp(join(tmpdir(), 'gpt2-hub-'));
});

afterEach(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

/** A fetch that refuses anything but the local fake Hub. */
const localFetch: typeof fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`test fetch: refusing ${url}`);
  return fetch(input, init);
};

function options(extra: Partial<DownloadModelOptions> = {}): DownloadModelOptions {
  return { cacheDir, endpoint: server.url, fetch: localFetch, retryDelay: 0, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<Gpt2Error> {
  try {
    await promise;
  } catch (error) {
    if (Gpt2Error.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a Gpt2Error');
}

async function expectFilesEqual(dir: string): Promise<void> {
  for (const [name, bytes] of Object.entries(FILES)) {
    expect(new Uint8Array(await readFile(join(dir, name))), name).toEqual(bytes);
  }
}

const modelRoot = (id: string) => join(cacheDir, `models--${id.split('/').join('--')}`);
const partialPath = (id: string) => join(modelRoot(id), 'blobs', `${SHA}.incomplete`);
const gets = (path: string) => server.requests.filter((r) => r.method === 'GET' && r.path === path);

describe('downloadModel: fresh download', () => {
  it('fetches every file byte-exact through the redirect of a renamed repo and the LFS CDN', async () => {
    const events: DownloadProgressEvent[] = [];
    const result = await downloadModel('gpt2', options({ onProgress: (event) => events.push(event) }));

    expect(result).toEqual({
      dir: join(modelRoot('gpt2'), 'snapshots', COMMIT),
      files: ['config.json', 'model.safetensors', 'vocab.json', 'merges.txt'],
      revision: COMMIT,
      downloaded: true,
    });
    await expectFilesEqual(result.dir);
    expect((await readFile(join(modelRoot('gpt2'), 'refs', 'main'), 'utf8')).trim()).toBe(COMMIT);
    // Snapshot entries link to blobs named by ETag (sha256 for the LFS file); no partial is left.
    const link = join(result.dir, 'model.safetensors');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(join('..', '..', 'blobs', SHA));
    expect((await readdir(join(modelRoot('gpt2'), 'blobs'))).filter((f) => f.includes('.incomplete'))).toEqual([]);

    // Protocol: HEAD first (relative 307 followed, LFS 302 not followed), one GET of the CDN URL.
    expect(server.count(`HEAD /gpt2/resolve/main/config.json`)).toBe(1);
    expect(server.count(`HEAD /${REPO}/resolve/main/config.json`)).toBe(1);
    expect(server.count(`HEAD /${REPO}/resolve/${COMMIT}/model.safetensors`)).toBe(1);
    expect(gets(CDN)).toHaveLength(1);
    expect(gets(CDN)[0]?.range).toBeUndefined();
    expect(server.count(`GET /${REPO}/resolve/${COMMIT}/model.safetensors`)).toBe(0);
    // Plain files are fetched at the commit the first HEAD named, not at the moving "main".
    expect(server.count(`GET /gpt2/resolve/${COMMIT}/config.json`)).toBe(1);
    expect(server.count(`GET /${REPO}/resolve/${COMMIT}/config.json`)).toBe(1);
    expect(server.requests.filter((r) => r.method === 'GET' && r.path.includes('/main/'))).toEqual([]);
    expect(server.requests.every((r) => r.acceptEncoding?.includes('identity') === true)).toBe(true);

    // Progress: per file, received never decreases and ends at the total with fraction 1.
    for (const [index, name] of result.files.entries()) {
      const mine = events.filter((e) => e.file === name);
      const size = (FILES[name] as Uint8Array).byteLength;
      expect(mine.length, name).toBeGreaterThan(0);
      expect(mine.every((e) => e.index === index && e.count === 4 && e.total === size)).toBe(true);
      for (let i = 1; i < mine.length; i += 1) {
        expect(mine[i]!.received).toBeGreaterThanOrEqual(mine[i - 1]!.received);
      }
      expect(mine.at(-1)).toMatchObject({ received: size, total: size, fraction: 1 });
    }
    expect(events.filter((e) => e.file === 'model.safetensors').length).toBeGreaterThanOrEqual(2);
  });

  it('accepts a legacy id without namespace and custom file lists', async () => {
    const result = await downloadModel('distilgpt2', options({ files: ['config.json', 'merges.txt'] }));
    expect(result.files).toEqual(['config.json', 'merges.txt']);
    expect(new Uint8Array(await readFile(join(result.dir, 'merges.txt')))).toEqual(FILES['merges.txt']);
    expect(gets(CDN)).toHaveLength(0);
  });
});

describe('downloadModel: cache', () => {
  it('a second call makes one HEAD (none for a commit) and never GETs', async () => {
    await downloadModel(REPO, options());
    server.reset();
    const events: DownloadProgressEvent[] = [];
    const again = await downloadModel(REPO, options({ onProgress: (e) => events.push(e) }));
    expect(again.downloaded).toBe(false);
    expect(again.revision).toBe(COMMIT);
    await expectFilesEqual(again.dir);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`HEAD /${REPO}/resolve/main/config.json`]);
    expect(events).toEqual([]);

    server.reset();
    const pinned = await downloadModel(REPO, options({ revision: COMMIT }));
    expect(pinned).toMatchObject({ dir: again.dir, revision: COMMIT, downloaded: false });
    expect(server.count()).toBe(0);
  });

  it('a commit as revision is fetched at that commit and writes no ref', async () => {
    const result = await downloadModel(REPO, options({ revision: COMMIT_V2 }));
    expect(result.revision).toBe(COMMIT_V2);
    await expectFilesEqual(result.dir);
    expect(server.requests.every((r) => !r.path.includes('/main/'))).toBe(true);
    await expect(readdir(join(modelRoot(REPO), 'refs'))).rejects.toThrow();
  });

  it('reuses blobs across commits: a new commit with the same files needs no GET', async () => {
    const first = await downloadModel(REPO, options());
    server.reset();
    const second = await downloadModel(REPO, options({ revision: 'v2' }));
    expect(second.revision).toBe(COMMIT_V2);
    expect(second.dir).not.toBe(first.dir);
    expect(second.downloaded).toBe(false);
    await expectFilesEqual(second.dir);
    expect(server.requests.filter((r) => r.method === 'GET')).toEqual([]);
    expect((await readFile(join(modelRoot(REPO), 'refs', 'v2'), 'utf8')).trim()).toBe(COMMIT_V2);
  });
});

describe('downloadModel: interrupted transfers', () => {
  it('keeps the partial of a cut transfer and resumes it with a Range request', async () => {
    server.cutOnce(CDN, 10_000);
    const error = await failure(downloadModel(REPO, options({ retries: 0 })));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.file).toBe('model.safetensors');
    const kept = (await lstat(partialPath(REPO))).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(10_000);

    const events: DownloadProgressEvent[] = [];
    const result = await downloadModel(REPO, options({ retries: 0, onProgress: (e) => events.push(e) }));
    expect(result.downloaded).toBe(true);
    const cdnGets = gets(CDN);
    expect(cdnGets).toHaveLength(2);
    expect(cdnGets[1]?.range).toBe(`bytes=${kept}-`);
    expect(events.find((e) => e.file === 'model.safetensors')?.received).toBe(kept);
    await expectFilesEqual(result.dir);
    await expect(lstat(partialPath(REPO))).rejects.toThrow();
  });

  it('retries a cut transfer within the same call, resuming from where it stopped', async () => {
    server.cutOnce(CDN, 20_000);
    const result = await downloadModel(REPO, options());
    await expectFilesEqual(result.dir);
    const cdnGets = gets(CDN);
    expect(cdnGets).toHaveLength(2);
    expect(cdnGets[0]?.range).toBeUndefined();
    expect(cdnGets[1]?.range).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it('starts over when the server ignores the Range header (200 instead of 206)', async () => {
    server.cutOnce(CDN, 10_000);
    await failure(downloadModel(REPO, options({ retries: 0 })));
    server.ignoreRange = true;
    const result = await downloadModel(REPO, options({ retries: 0 }));
    expect(gets(CDN)[1]?.range).toMatch(/^bytes=\d+-$/);
    await expectFilesEqual(result.dir);
  });

  it('aborts mid-transfer with ABORTED, keeps the partial, and the next call resumes it', async () => {
    server.stallOnce(CDN, 8192);
    const controller = new AbortController();
    const error = await failure(
      downloadModel(
        REPO,
        options({
          signal: controller.signal,
          onProgress: (e) => {
            if (e.file === 'model.safetensors' && e.received >= 8192) controller.abort();
          },
        }),
      ),
    );
    expect(error.code).toBe('ABORTED');
    expect(error.file).toBe('model.safetensors');
    expect((await lstat(partialPath(REPO))).size).toBe(8192);
    await expect(lstat(join(modelRoot(REPO), 'snapshots', COMMIT, 'model.safetensors'))).rejects.toThrow();

    const result = await downloadModel(REPO, options());
    expect(gets(CDN).at(-1)?.range).toBe('bytes=8192-');
    await expectFilesEqual(result.dir);
  });

  it('a partial that is already whole is checked and moved into place without a GET', async () => {
    await mkdir(join(modelRoot(REPO), 'blobs'), { recursive: true });
    await writeFile(partialPath(REPO), FILES['model.safetensors'] as Uint8Array);
    const result = await downloadModel(REPO, options());
    expect(gets(CDN)).toEqual([]);
    await expectFilesEqual(result.dir);
  });

  it('a corrupt partial fails the hash after resuming and is fetched again from byte 0', async () => {
    await mkdir(join(modelRoot(REPO), 'blobs'), { recursive: true });
    await writeFile(partialPath(REPO), new Uint8Array(1000).fill(7));
    const result = await downloadModel(REPO, options({ retries: 0 }));
    expect(gets(CDN).map((r) => r.range)).toEqual(['bytes=1000-', undefined]);
    await expectFilesEqual(result.dir);
  });

  it('an already aborted signal makes no request', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(downloadModel(REPO, options({ signal: controller.signal })));
    expect(error.code).toBe('ABORTED');
    expect(server.count()).toBe(0);
  });

  it('retries a 500 answer and fails with DOWNLOAD_FAILED once retries are spent', async () => {
    server.failOnce(CDN, 500);
    const result = await downloadModel(REPO, options());
    await expectFilesEqual(result.dir);
    expect(gets(CDN)).toHaveLength(2);

    await rm(cacheDir, { recursive: true, force: true });
    server.failOnce('config.json', 503);
    const error = await failure(downloadModel(REPO, options({ retries: 0 })));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.file).toBe('config.json');
    expect(error.message).toContain('503');
  });
});

describe('downloadModel: access tokens', () => {
  it('a private model needs the token; it is sent as a Bearer header and never shown in errors', async () => {
    const refused = await failure(downloadModel('org/private', options()));
    expect(refused.code).toBe('DOWNLOAD_FAILED');
    expect(refused.message).toContain('needs an access token: the CLI reads HF_TOKEN');
    const result = await downloadModel('org/private', options({ token: 'hf_secret123' }));
    await expectFilesEqual(result.dir);
    const resolves = server.requests.filter((r) => r.path.startsWith('/org/private/resolve/'));
    expect(resolves.length).toBeGreaterThan(0);
    expect(resolves.every((r) => r.authorization === 'Bearer hf_secret123' || r.authorization === undefined)).toBe(
      true,
    );
    expect(resolves.at(-1)?.authorization).toBe('Bearer hf_secret123');
    const bad = await failure(downloadModel('org/private', options({ token: 'two words' })));
    expect(bad).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'token' });
    expect(bad.message).not.toContain('two words');
  });
});

describe('downloadModel: several processes on one cache', () => {
  const lockPath = (id: string) => join(cacheDir, '.locks', `models--${id.split('/').join('--')}`, `${SHA}.lock`);

  it('two downloads at once fetch each blob once, and both get whole files', async () => {
    const [a, b] = await Promise.all([downloadModel(REPO, options()), downloadModel(REPO, options())]);
    expect(a.dir).toBe(b.dir);
    await expectFilesEqual(a.dir);
    expect(gets(CDN)).toHaveLength(1); // the second waited for the first's lock, then found the blob
    await expect(lstat(lockPath(REPO))).rejects.toThrow(); // released
  });

  it("takes over a lock whose owner no longer runs, and waits for a live owner's", async () => {
    await mkdir(join(lockPath(REPO), '..'), { recursive: true });
    // A process id that cannot be running: beyond Linux's pid_max.
    await writeFile(lockPath(REPO), JSON.stringify({ pid: 2 ** 30, host: (await import('node:os')).hostname() }));
    await expectFilesEqual((await downloadModel(REPO, options())).dir);

    await rm(cacheDir, { recursive: true, force: true });
    await mkdir(join(lockPath(REPO), '..'), { recursive: true });
    await writeFile(lockPath(REPO), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname() }));
    const controller = new AbortController();
    const waiting = downloadModel(REPO, options({ signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gets(CDN)).toHaveLength(1); // only the first test part's
    controller.abort();
    expect((await failure(waiting)).code).toBe('ABORTED');
  });
});

describe('downloadModel: verification', () => {
  async function expectNothingLeft(): Promise<void> {
    await expect(lstat(join(modelRoot(REPO), 'snapshots', COMMIT, 'model.safetensors'))).rejects.toThrow();
    const blobs = await readdir(join(modelRoot(REPO), 'blobs'));
    expect(blobs.filter((f) => f.includes('.incomplete'))).toEqual([]);
    expect(blobs).not.toContain(SHA);
  }

  it('refuses a file whose sha256 differs from X-Linked-Etag and leaves nothing in the snapshot', async () => {
    server.lie('model.safetensors', { hash: true });
    const error = await failure(downloadModel(REPO, options()));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.file).toBe('model.safetensors');
    expect(error.message).toMatch(/sha256/);
    expect(error.message).toContain(SHA);
    await expectNothingLeft();
    expect(gets(CDN)).toHaveLength(1); // not retried: a verification failure is final
  });

  it.each([10, -10])('refuses a file whose size differs from X-Linked-Size by %i', async (delta) => {
    server.lie('model.safetensors', { sizeDelta: delta });
    const error = await failure(downloadModel(REPO, options()));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.file).toBe('model.safetensors');
    expect(error.message).toContain('size mismatch');
    expect(error.message).toContain(String(MODEL_SIZE + delta));
    await expectNothingLeft();
  });
});

describe('downloadModel: HTTP errors', () => {
  it('unknown model (401 RepoNotFound) → DOWNLOAD_FAILED "not found"', async () => {
    const error = await failure(downloadModel('openai-community/nope', options()));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain('"openai-community/nope" not found');
    expect(error.message).toContain('401');
  });

  it('missing file (404 EntryNotFound) → DOWNLOAD_FAILED naming the file', async () => {
    const error = await failure(downloadModel(REPO, options({ files: ['config.json', 'pytorch_model.bin'] })));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.file).toBe('pytorch_model.bin');
    expect(error.message).toMatch(/file pytorch_model\.bin not found .*404/);
  });

  it('unknown revision and gated model get their own messages', async () => {
    const revision = await failure(downloadModel(REPO, options({ revision: 'nope' })));
    expect(revision.message).toMatch(/revision "nope" not found.*404/);
    const gated = await failure(downloadModel('org/gated', options()));
    expect(gated.code).toBe('DOWNLOAD_FAILED');
    expect(gated.message).toMatch(/gated.*403/);
  });

  it('a server that cannot be reached → DOWNLOAD_FAILED after the retries', async () => {
    const url = server.url;
    await server.close();
    const error = await failure(downloadModel(REPO, { ...options({ retries: 1 }), endpoint: url }));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain('after 2 attempt(s)');
    server = await startHubServer({ repos: [] }); // for afterEach
  });
});

describe('downloadModel: offline', () => {
  const noFetch: typeof fetch = () => {
    throw new Error('offline mode must not fetch');
  };

  it('returns the cached snapshot without a single request', async () => {
    const online = await downloadModel('gpt2', options());
    server.reset();
    const offline = await downloadModel('gpt2', options({ offline: true, fetch: noFetch }));
    expect(offline).toEqual({ ...online, downloaded: false });
    await expectFilesEqual(offline.dir);
    expect(server.count()).toBe(0);
    const pinned = await downloadModel('gpt2', options({ offline: true, fetch: noFetch, revision: COMMIT }));
    expect(pinned.dir).toBe(online.dir);
  });

  it('throws OFFLINE naming the model and cache dir when nothing (or not everything) is cached', async () => {
    const error = await failure(downloadModel('gpt2', options({ offline: true, fetch: noFetch })));
    expect(error.code).toBe('OFFLINE');
    expect(error.message).toContain('"gpt2"');
    expect(error.message).toContain(cacheDir);
    expect(server.count()).toBe(0);

    await downloadModel('gpt2', options({ files: ['config.json'] }));
    const partial = await failure(downloadModel('gpt2', options({ offline: true, fetch: noFetch })));
    expect(partial.code).toBe('OFFLINE');
    expect(partial.message).toContain('model.safetensors');
  });
});

describe('downloadModel: arguments', () => {
  it.each([
    '',
    'a/b/c',
    '../gpt2',
    'gpt2/..',
    'gpt2--x',
    'gpt2.',
    '-gpt2',
    'gpt 2',
    'gpt2?x',
    'x'.repeat(97),
    42,
    null,
  ])('refuses model id %j with INVALID_ARGUMENT naming model', async (id) => {
    const error = await failure(downloadModel(id as string, options()));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe('model');
    expect(error.value).toBe(id);
    expect(error.message).toContain('model');
    expect(server.count()).toBe(0);
  });

  it.each([
    ['revision', { revision: '../main' }],
    ['revision', { revision: '' }],
    ['files', { files: [] }],
    ['files', { files: ['../etc/passwd'] }],
    ['files', { files: ['/abs'] }],
    ['files', { files: ['a.json', 'a.json'] }],
    ['endpoint', { endpoint: 'ftp://example.org' }],
    ['endpoint', { endpoint: 'not a url' }],
    ['retries', { retries: -1 }],
    ['retryDelay', { retryDelay: 0.5 }],
    ['cacheDir', { cacheDir: '' }],
    ['offline', { offline: 'yes' }],
  ] as const)('refuses a bad %s', async (argument, extra) => {
    const error = await failure(downloadModel(REPO, { ...options(), ...(extra as Partial<DownloadModelOptions>) }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe(argument);
    expect(error.message).toContain(argument);
    expect(server.count()).toBe(0);
  });

  it('accepts the usual GPT-2 ids (checked offline against an empty cache)', async () => {
    for (const id of ['gpt2', 'distilgpt2', 'gpt2-medium', 'gpt2-xl', 'openai-community/gpt2', 'user_1/my.model']) {
      const error = await failure(downloadModel(id, options({ offline: true })));
      expect(error.code, id).toBe('OFFLINE');
    }
  });
});
