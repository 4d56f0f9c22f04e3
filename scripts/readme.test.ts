/**
 * The README's two fresh-machine commands are what CI runs verbatim (.ci/run reads them from under
 * the <!-- ci:… --> markers), so they must exist, be one line each, and pin the pnpm of
 * package.json's packageManager.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const packageManager = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string })
  .packageManager;

/** The first line of the first ```sh block after the marker, as .ci/run reads it. */
function command(tag: string): string | undefined {
  const after = readme.split(`<!-- ci:${tag} -->`)[1];
  return after?.split('```sh\n')[1]?.split('\n')[0];
}

describe('the README quick start', () => {
  const pinned = /^pnpm@(\d+\.\d+\.\d+)\+sha512\.[0-9a-f]{128}$/.exec(packageManager)?.[1];

  it('pins pnpm with its sha512 in packageManager', () => {
    expect(pinned).toBeDefined();
  });

  it.each([
    ['tour', 'tour'],
    ['test', 'test:all'],
  ])('has the %s command: install from the lockfile, then `pnpm %s`, with the pinned pnpm', (tag, script) => {
    const line = command(tag);
    expect(line).toBe(`npx --yes pnpm@${pinned} install --frozen-lockfile && npx --yes pnpm@${pinned} ${script}`);
  });

  it('has exactly the two marked commands', () => {
    expect(readme.match(/<!-- ci:[a-z]+ -->/g)).toEqual(['<!-- ci:tour -->', '<!-- ci:test -->']);
  });
});
