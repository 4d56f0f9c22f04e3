import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function cli(
  args: string[],
  command = process.execPath,
  prefix = [join(root, 'scripts/run-ts.mjs'), 'apps/cli/src/bin.ts'],
) {
  const result = spawnSync(command, [...prefix, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const hasPnpm = spawnSync('pnpm', ['--version'], { encoding: 'utf8' }).status === 0;

describe('the chatgpt-explained process', () => {
  it('exits 0 with help on stdout', () => {
    const { code, out } = cli(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: chatgpt-explained/);
  });

  it('exits 2 with one line on stderr for an unknown flag', () => {
    const { code, out, err } = cli(['backends', '--nope']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe("error: unknown option '--nope'\n");
  });

  it('keeps stdout to the JSON document under --json', () => {
    const { code, out } = cli(['backends', '--json']);
    expect(code).toBe(0);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it.runIf(hasPnpm)('`pnpm -s cli --help` prints only the command output', () => {
    const direct = cli(['--help']);
    const viaPnpm = cli(['-s', 'cli', '--help'], 'pnpm', []);
    expect(viaPnpm.code).toBe(0);
    expect(viaPnpm.out).toBe(direct.out);
  });
});
