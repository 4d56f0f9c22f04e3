/**
 * `tour --web`: builds the interactive essay (apps/web, with Vite) and serves it on 127.0.0.1 until
 * Ctrl-C, printing its address. It needs the repository, where the web app lives.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDir } from '../data-dir';
import type { CliIo } from '../io';
import { serveDirectory } from '../static-server';
import { UsageError } from '../usage-error';

/** Options of {@link serveWeb}. */
export interface ServeWebOptions {
  /** Build first (default) or serve the last build in apps/web/dist as it is. */
  readonly build: boolean;
  readonly host: string;
  readonly port: number;
  readonly signal: AbortSignal;
}

/**
 * The web app's folder in the repository, or a usage error saying why there is none (as in an
 * installed package). `from`: where to start looking (this module by default).
 */
export function webAppDir(from?: string): string {
  const repo = dirname(from === undefined ? dataDir() : dataDir(from));
  const web = join(repo, 'apps', 'web');
  if (!existsSync(join(repo, 'pnpm-workspace.yaml')) || !existsSync(join(web, 'index.html'))) {
    throw new UsageError(
      `tour --web builds the web app from the repository's apps/web, which is not here (looked in ${web}); clone the repository to run it`,
    );
  }
  return web;
}

/** Runs `vite build` in `web`, its output going to stderr. */
async function buildWeb(io: CliIo, web: string, signal: AbortSignal): Promise<void> {
  const vite = join(web, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    throw new UsageError(`tour --web: Vite is not installed in ${web} (run pnpm install in the repository)`);
  }
  io.stderr.write(`building the web app (vite build in ${web})…\n`);
  const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, signal, stdio: 'pipe' });
  child.stdout.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`tour --web: vite build failed (exit code ${String(code)})`);
}

/** Builds (unless told not to) and serves the web app until `signal` fires. */
export async function serveWeb(io: CliIo, options: ServeWebOptions): Promise<void> {
  const web = webAppDir();
  if (options.build) await buildWeb(io, web, options.signal);
  const dist = join(web, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    throw new UsageError(`tour --web --no-build: there is no build in ${dist}; run it without --no-build once`);
  }
  options.signal.throwIfAborted();
  const server = await serveDirectory(dist, { host: options.host, port: options.port });
  io.stdout.write(`The interactive essay is at ${server.url} (serving ${dist}; Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    else options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
}
