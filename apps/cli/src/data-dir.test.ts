import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir } from './data-dir';

/** Makes `<root>/<at>/data/corpus/README.md`. */
function dataAt(root: string, at: string): string {
  const dir = join(root, at, 'data');
  mkdirSync(join(dir, 'corpus'), { recursive: true });
  writeFileSync(join(dir, 'corpus', 'README.md'), '# corpus\n');
  return dir;
}

describe('dataDir', () => {
  it('an installed package: the data/ beside dist/', () => {
    const root = mkdtempSync(join(tmpdir(), 'data-dir-'));
    const data = dataAt(root, 'node_modules/@chatgpt-explained/cli');
    expect(dataDir(join(root, 'node_modules/@chatgpt-explained/cli/dist/bin.js'))).toBe(data);
  });

  it("inside the repository: the repository's data/, not a build's copy in apps/cli/data", () => {
    const root = mkdtempSync(join(tmpdir(), 'data-dir-'));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    const repo = dataAt(root, '.');
    dataAt(root, 'apps/cli'); // what `pnpm build` copies for publishing
    expect(dataDir(join(root, 'apps/cli/src/data-dir.ts'))).toBe(repo);
    expect(dataDir(join(root, 'apps/cli/dist/bin.js'))).toBe(repo);
    expect(dataDir(join(root, 'apps/cli/node_modules/.cache/chatgpt-explained/run-1.mjs'))).toBe(repo);
  });

  it('a workspace of the user without data/ of its own: the package’s', () => {
    const root = mkdtempSync(join(tmpdir(), 'data-dir-'));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    const data = dataAt(root, 'node_modules/@chatgpt-explained/cli');
    expect(dataDir(join(root, 'node_modules/@chatgpt-explained/cli/dist/bin.js'))).toBe(data);
  });

  it('throws naming the marker when there is none', () => {
    const root = mkdtempSync(join(tmpdir(), 'data-dir-'));
    expect(() => dataDir(join(root, 'a/b/c.js'))).toThrow(
      /cannot find the CLI's data folder \(data\/corpus\/README\.md\)/,
    );
  });
});
