/**
 * A fake Hugging Face Hub on 127.0.0.1 for tests, following the protocol huggingface_hub relies on:
 *
 * - `HEAD|GET /{repo}/resolve/{revision}/{file}`: `X-Repo-Commit`, `ETag` (git blob sha1 of the file, or of
 *   the LFS pointer for LFS files). Plain files answer 200 with the bytes (`Content-Length`, `Accept-Ranges`,
 *   `Range` → 206 + `Content-Range`). LFS files answer 302 with `Location` = `http://127.0.0.1:PORT/cdn/<sha256>`,
 *   `X-Linked-Etag` = `"<sha256>"` and `X-Linked-Size`.
 * - `HEAD|GET /cdn/<sha256>`: the LFS bytes, honouring `Range`.
 * - Renamed repositories: `/{alias}/resolve/…` answers 307 with a relative `Location` to the new name.
 * - Errors like the Hub's: unknown repo 401 `X-Error-Code: RepoNotFound`, unknown revision 404
 *   `RevisionNotFound`, unknown file 404 `EntryNotFound`, gated repo 403 `GatedRepo`.
 *
 * Faults for tests: {@link HubServer.cutOnce} (destroy the socket after N body bytes),
 * {@link HubServer.stallOnce} (send N bytes, then hold the connection), {@link HubServer.failOnce} (answer
 * 500), {@link HubServer.lie} (wrong size or sha256 in the headers), `ignoreRange`. Every request is
 * recorded in {@link HubServer.requests} and counted per `METHOD path`.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One repository served by the fake Hub. */
export interface HubRepo {
  /** `namespace/name` or a legacy `name`. */
  readonly id: string;
  /** Files by name. */
  readonly files: Readonly<Record<string, Uint8Array>>;
  /** Names of files stored through LFS (redirected to the CDN). */
  readonly lfs?: readonly string[];
  /** Branch/tag → commit. Default `{ main: <a fixed commit> }`. */
  readonly refs?: Readonly<Record<string, string>>;
  /** Answer 403 GatedRepo for every file. */
  readonly gated?: boolean;
  /** A private repository: resolve requests without `Authorization: Bearer <token>` get 401 RepoNotFound. */
  readonly token?: string;
}

/** Options of {@link startHubServer}. */
export interface HubServerOptions {
  /** The repositories to serve. */
  readonly repos: readonly HubRepo[];
  /** Old name → new name: `/{old}/resolve/…` answers 307 to `/{new}/resolve/…`. */
  readonly aliases?: Readonly<Record<string, string>>;
}

/** A request the server saw. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly range: string | undefined;
  readonly acceptEncoding: string | undefined;
  readonly authorization: string | undefined;
}

/** A running fake Hub. */
export interface HubServer {
  /** `http://127.0.0.1:PORT`, the endpoint to pass to downloadModel. */
  readonly url: string;
  /** Every request, in order. */
  readonly requests: RecordedRequest[];
  /** Requests per `METHOD path` (e.g. `GET /cdn/<sha>`), or all requests when no key is given. */
  count(key?: string): number;
  /** Forgets recorded requests. */
  reset(): void;
  /** The sha256 (hex) of a file. */
  sha256(repo: string, file: string): string;
  /** The CDN path of an LFS file: `/cdn/<sha256>`. */
  cdnPath(repo: string, file: string): string;
  /** The next GET whose path ends with `suffix` sends `afterBytes` body bytes, then the socket is destroyed. */
  cutOnce(suffix: string, afterBytes: number): void;
  /** The next GET whose path ends with `suffix` sends `afterBytes` body bytes, then waits until the client leaves. */
  stallOnce(suffix: string, afterBytes: number): void;
  /** The next request whose path ends with `suffix` answers `status` (default 500). */
  failOnce(suffix: string, status?: number): void;
  /**
   * From now on, the HEAD answer of LFS file `file` announces a size off by `sizeDelta` (`X-Linked-Size`)
   * and/or a wrong sha256 (`X-Linked-Etag`); the CDN still sends the true bytes with a true Content-Length.
   */
  lie(file: string, how: { sizeDelta?: number; hash?: boolean }): void;
  /** When true, Range headers are ignored (200 with the whole file). */
  ignoreRange: boolean;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/** A commit hash derived from a repository id (stable across runs). */
export function fakeCommit(id: string, salt = ''): string {
  return createHash('sha1').update(`commit:${id}:${salt}`).digest('hex');
}

/** The git blob sha1 of some bytes: what the Hub sends as the ETag of plain files. */
export function gitBlobSha1(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

/** Starts the fake Hub on 127.0.0.1 at a free port. */
export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const repos = new Map(options.repos.map((repo) => [repo.id, repo]));
  const aliases = options.aliases ?? {};
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const cuts: { suffix: string; after: number; mode: 'cut' | 'stall' }[] = [];
  const failures: { suffix: string; status: number }[] = [];
  const lies = new Map<string, { sizeDelta?: number; hash?: boolean }>();
  const byHash = new Map<string, Uint8Array>();
  for (const repo of options.repos) {
    for (const name of repo.lfs ?? []) {
      const data = repo.files[name];
      if (data !== undefined) byHash.set(sha256(data), data);
    }
  }
  let base = '';

  const state: HubServer = {
    get url() {
      return base;
    },
    requests,
    count: (key) =>
      key === undefined ? requests.length : requests.filter((r) => `${r.method} ${r.path}` === key).length,
    reset: () => {
      requests.length = 0;
    },
    sha256: (repo, file) => sha256(fileOf(repo, file)),
    cdnPath: (repo, file) => `/cdn/${sha256(fileOf(repo, file))}`,
    cutOnce: (suffix, after) => void cuts.push({ suffix, after, mode: 'cut' }),
    stallOnce: (suffix, after) => void cuts.push({ suffix, after, mode: 'stall' }),
    failOnce: (suffix, status = 500) => void failures.push({ suffix, status }),
    lie: (file, how) => void lies.set(file, how),
    ignoreRange: false,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function fileOf(repoId: string, file: string): Uint8Array {
    const data = repos.get(repoId)?.files[file];
    if (data === undefined) throw new Error(`hub-server: no file ${file} in ${repoId}`);
    return data;
  }

  function take<T extends { suffix: string }>(list: T[], path: string): T | undefined {
    const index = list.findIndex((entry) => path.endsWith(entry.suffix));
    return index < 0 ? undefined : list.splice(index, 1)[0];
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET';
    const path = decodeURI((req.url ?? '/').split('?')[0] ?? '/');
    const range = req.headers.range;
    requests.push({
      method,
      path,
      range,
      acceptEncoding: req.headers['accept-encoding'],
      authorization: req.headers.authorization,
    });
    const failure = take(failures, path);
    if (failure !== undefined) return error(res, failure.status, 'Injected', 'injected failure');
    if (method !== 'GET' && method !== 'HEAD') return error(res, 405, 'MethodNotAllowed', 'method not allowed');

    const cdn = /^\/cdn\/([0-9a-f]{64})$/.exec(path);
    if (cdn?.[1] !== undefined) {
      const data = byHash.get(cdn[1]);
      if (data === undefined) return error(res, 404, 'EntryNotFound', 'no such blob');
      return sendBytes(req, res, data, { ETag: `"${cdn[1]}"` }, path);
    }

    const marker = path.indexOf('/resolve/');
    if (marker <= 0) return error(res, 404, 'RepoNotFound', 'Repository not found');
    const repoId = path.slice(1, marker);
    const rest = path.slice(marker + '/resolve/'.length);
    const slash = rest.indexOf('/');
    const revision = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
    const file = slash < 0 ? '' : rest.slice(slash + 1);

    const alias = aliases[repoId];
    if (alias !== undefined) {
      res.writeHead(307, {
        Location: `/${alias}/resolve/${encodeURIComponent(revision)}/${file}`,
        'Content-Length': 0,
      });
      return void res.end();
    }
    const repo = repos.get(repoId);
    if (repo === undefined) return error(res, 401, 'RepoNotFound', 'Repository not found');
    if (repo.token !== undefined && req.headers.authorization !== `Bearer ${repo.token}`) {
      return error(res, 401, 'RepoNotFound', 'Repository not found');
    }
    if (repo.gated === true) return error(res, 403, 'GatedRepo', 'Access to model is restricted');
    const refs = repo.refs ?? { main: fakeCommit(repo.id) };
    const commit = refs[revision] ?? (Object.values(refs).includes(revision) ? revision : undefined);
    if (commit === undefined) return error(res, 404, 'RevisionNotFound', 'Invalid rev id');
    const data = repo.files[file];
    if (data === undefined) return error(res, 404, 'EntryNotFound', 'Entry not found');

    if (repo.lfs?.includes(file) === true) {
      const lie = lies.get(file) ?? {};
      const size = data.byteLength + (lie.sizeDelta ?? 0);
      const hash = sha256(data);
      const announced = lie.hash === true ? sha256(new TextEncoder().encode(`not ${hash}`)) : hash;
      const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${hash}\nsize ${data.byteLength}\n`;
      res.writeHead(302, {
        Location: `${base}/cdn/${hash}`,
        'X-Repo-Commit': commit,
        ETag: `"${gitBlobSha1(new TextEncoder().encode(pointer))}"`,
        'X-Linked-Etag': `"${announced}"`,
        'X-Linked-Size': String(size),
        'Content-Length': 0,
      });
      return void res.end();
    }
    return sendBytes(req, res, data, { 'X-Repo-Commit': commit, ETag: `"${gitBlobSha1(data)}"` }, path);
  }

  function sendBytes(
    req: IncomingMessage,
    res: ServerResponse,
    data: Uint8Array,
    headers: Record<string, string>,
    path: string,
  ): void {
    const size = data.byteLength;
    let start = 0;
    let status = 200;
    const extra: Record<string, string> = {};
    const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (match?.[1] !== undefined && !state.ignoreRange) {
      start = Number(match[1]);
      if (start >= size) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
        return void res.end();
      }
      status = 206;
      extra['Content-Range'] = `bytes ${start}-${size - 1}/${size}`;
    }
    const body = data.subarray(start);
    const length = String(body.byteLength);
    res.writeHead(status, { ...headers, ...extra, 'Accept-Ranges': 'bytes', 'Content-Length': length });
    if (req.method === 'HEAD') return void res.end();
    const fault = take(cuts, path);
    if (fault === undefined) return void res.end(body);
    res.write(body.subarray(0, fault.after), () => {
      if (fault.mode === 'cut') setTimeout(() => res.socket?.destroy(), 50);
    });
  }

  function error(res: ServerResponse, status: number, code: string, message: string): void {
    res.writeHead(status, { 'X-Error-Code': code, 'X-Error-Message': message, 'Content-Length': 0 });
    res.end();
  }

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
