// `pnpm check:packages`: builds every publishable package, packs it as pnpm would publish it
// (workspace: ranges replaced), and runs publint --strict and @arethetypeswrong/cli on each tarball.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

function run(command: string, args: string[], cwd: string): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Publishable projects: every package.json under packages/ and apps/ not marked private. */
function publishable(): Array<{ dir: string; name: string }> {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group))
      .map((name) => join(root, group, name))
      .flatMap((dir) => {
        try {
          const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
            name: string;
            private?: boolean;
          };
          return manifest.private ? [] : [{ dir, name: manifest.name }];
        } catch {
          return [];
        }
      }),
  );
}

const build = run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], root);
if (!build.ok) {
  process.stderr.write(`${build.output}\nbuild failed\n`);
  process.exit(1);
}

const packDir = mkdtempSync(join(tmpdir(), 'check-packages-'));
let failures = 0;
try {
  for (const { dir, name } of publishable()) {
    const before = new Set(readdirSync(packDir));
    const pack = run('pnpm', ['pack', '--pack-destination', packDir], dir);
    const tarball = readdirSync(packDir).find((f) => !before.has(f) && f.endsWith('.tgz'));
    if (!pack.ok || tarball === undefined) {
      process.stderr.write(`✗ ${name}: pnpm pack failed\n${pack.output}\n`);
      failures += 1;
      continue;
    }
    const path = join(packDir, tarball);
    const publint = run('pnpm', ['exec', 'publint', 'run', path, '--strict'], root);
    const attw = run(
      'pnpm',
      ['exec', 'attw', path, '--profile', 'esm-only', '--format', 'table-flipped', '--no-emoji'],
      root,
    );
    const ok = publint.ok && attw.ok;
    if (!ok) failures += 1;
    process.stdout.write(`${ok ? '✓' : '✗'} ${name} (${tarball})\n`);
    if (!publint.ok) process.stdout.write(`  publint --strict:\n${publint.output.replace(/^/gm, '    ')}\n`);
    if (!attw.ok) process.stdout.write(`  attw:\n${attw.output.replace(/^/gm, '    ')}\n`);
  }
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
if (failures > 0) {
  process.stderr.write(`${failures} package(s) failed publint or attw\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('all packages pass publint --strict and attw (esm-only)\n');
}
