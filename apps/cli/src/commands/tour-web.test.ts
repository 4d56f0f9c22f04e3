// `tour --web` through the CLI harness: builds the web app with Vite, serves it on 127.0.0.1 and
// prints the address; the served site is the built one (its page, its worker, its bundled data).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../main';
import { captureIo } from '../testing/capture-io';
import { UsageError } from '../usage-error';
import { webAppDir } from './tour-web';

/** Runs `argv` until the address is printed, checks the site with `visit`, then stops it as Ctrl-C would. */
async function serving(argv: string[], visit: (url: string) => Promise<void>) {
  const io = captureIo();
  const controller = new AbortController();
  const done = runCli(argv, io, controller.signal);
  let url: string | undefined;
  for (let i = 0; i < 1200 && url === undefined; i++) {
    url = /The interactive essay is at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(io.out())?.[1];
    if (url === undefined) await new Promise((r) => setTimeout(r, 50));
    if (url === undefined && io.err().includes('error')) break;
  }
  try {
    expect(url, io.err()).toBeDefined();
    await visit(url!);
  } finally {
    controller.abort();
  }
  return { code: await done, out: io.out(), err: io.err() };
}

describe('chatgpt-explained tour --web', () => {
  it('builds the site, serves it on 127.0.0.1 and prints the address; Ctrl-C stops it', async () => {
    const result = await serving(['tour', '--web', '--port', '0'], async (url) => {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('What Is ChatGPT Doing');
      const script = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      expect((await fetch(new URL(script!, url))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      // The bundled data comes from the site itself, byte for byte.
      const served = new Uint8Array(
        await (await fetch(new URL('data/models/parens-2block/config.json', url))).arrayBuffer(),
      );
      expect(
        Buffer.from(served).equals(readFileSync(join(webAppDir(), '../../data/models/parens-2block/config.json'))),
      ).toBe(true);
      expect((await fetch(new URL('../../package.json', url))).status).toBe(404);
      expect((await fetch(new URL('assets/none.js', url))).status).toBe(404);
    });
    expect(result.code, result.err).toBe(EXIT.ok);
    expect(result.err).toContain('building the web app');
  }, 120_000);

  it('--no-build serves the last build as it is; a bad port is a usage error', async () => {
    const result = await serving(['tour', '--web', '--no-build', '--port', '0'], async (url) => {
      expect((await fetch(url)).status).toBe(200);
    });
    expect(result.code, result.err).toBe(EXIT.ok);
    expect(result.err).not.toContain('building');

    const io = captureIo();
    expect(await runCli(['tour', '--web', '--port', '70000'], io)).toBe(EXIT.usage);
    expect(io.err()).toContain(
      "option '--port <port>' argument '70000' is invalid. Expected an integer from 0 to 65535.",
    );
  }, 120_000);

  it('outside the repository (an installed package, its data beside it) says it needs the repository', () => {
    const root = mkdtempSync(join(tmpdir(), 'installed-cli-'));
    mkdirSync(join(root, 'data', 'corpus'), { recursive: true });
    writeFileSync(join(root, 'data', 'corpus', 'README.md'), 'corpus');
    mkdirSync(join(root, 'dist'));
    const from = join(root, 'dist', 'bin.js');
    expect(() => webAppDir(from)).toThrow(UsageError);
    expect(() => webAppDir(from)).toThrow(
      `tour --web builds the web app from the repository's apps/web, which is not here (looked in ${join(root, 'apps', 'web')}); clone the repository to run it`,
    );
  });
});
