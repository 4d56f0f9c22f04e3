/**
 * Packs the packages users install on their own, installs the tarballs with npm into a scratch
 * project outside the workspace (no workspace links, no source condition), and calls their exports
 * from plain Node, as a user's code would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const PACKAGES = ['sampler', 'tokenizer'] as const;

let scratch = '';

function sh(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pack-install-'));
  const tarballs = join(scratch, 'tarballs');
  sh(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'build',
      '--output-logs=errors-only',
      ...PACKAGES.flatMap((p) => ['--filter', `@chatgpt-explained/${p}`]),
    ],
    root,
  );
  for (const name of PACKAGES) sh('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name));
  const project = join(scratch, 'app');
  sh('mkdir', ['-p', project], scratch);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }));
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  sh('npm', ['install', '--no-audit', '--no-fund', '--offline', '--loglevel=error', ...files], project);
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('packed packages installed outside the workspace', () => {
  it('install from their tarballs with only dist/ and package.json', () => {
    for (const name of PACKAGES) {
      const files = readdirSync(join(scratch, 'app/node_modules/@chatgpt-explained', name));
      // The tokenizer also carries the licences of the vocabularies it ships.
      const extra = name === 'tokenizer' ? ['NOTICE.md'] : [];
      expect(files.sort(), name).toEqual(['LICENSE', ...extra, 'README.md', 'dist', 'package.json'].sort());
    }
  });

  it('tokenizer: getEncoding and the gpt2 subpath encode with OpenAI’s ids', () => {
    // Reference ids from OpenAI's tiktoken (../shared/data/MANIFEST.md).
    const script = `
      const { getEncoding } = await import('@chatgpt-explained/tokenizer');
      const { gpt2Encoding } = await import('@chatgpt-explained/tokenizer/gpt2');
      const a = (await getEncoding('gpt2')).encode('The best thing about AI is its ability to');
      const b = gpt2Encoding().encode('The best thing about AI is its ability to');
      const c = (await getEncoding('cl100k_base')).encode('hello world');
      console.log(JSON.stringify({ a, b, c }));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: join(scratch, 'app'),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    const ids = [464, 1266, 1517, 546, 9552, 318, 663, 2694, 284];
    expect(JSON.parse(result.stdout)).toEqual({ a: ids, b: ids, c: [15339, 1917] });
  });

  it('tokenizer: importing the package root loads no vocabulary', () => {
    // Follow the static imports of dist/index.js: none may reach a module holding packed tokens.
    const dist = join(scratch, 'app/node_modules/@chatgpt-explained/tokenizer/dist');
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(join(dist, file), 'utf8');
      expect(code, file).not.toMatch(/tokenCount:\s*\d+/);
      for (const match of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s[^;]*?from\s*["']\.\/([^"']+)["']/g))
        visit(match[1]!);
    };
    visit('index.js');
    expect(seen.size).toBeGreaterThan(1);
    // …while the gpt2 entry does hold them.
    expect(readFileSync(join(dist, 'gpt2.js'), 'utf8')).toMatch(/tokenCount:\s*50256/);
  });

  it.each(PACKAGES)('@chatgpt-explained/%s loads in plain Node and its errors are typed', (name) => {
    const className = name === 'sampler' ? 'SamplerError' : 'TokenizerError';
    const script = `
      const m = await import('@chatgpt-explained/${name}');
      const e = new m.${className}('INVALID_ARGUMENT', 'x: bad', { argument: 'x', value: 1 });
      const marker = e[Symbol.for('chatgpt-explained.error')];
      console.log(JSON.stringify({ exports: Object.keys(m).sort(), name: e.name, code: e.code, argument: e.argument, marker, isInstance: m.${className}.isInstance(e) }));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: join(scratch, 'app'),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    const seen = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(seen).toMatchObject({
      name: className,
      code: 'INVALID_ARGUMENT',
      argument: 'x',
      marker: true,
      isInstance: true,
    });
    expect(seen['exports']).toContain(className);
  });
});
