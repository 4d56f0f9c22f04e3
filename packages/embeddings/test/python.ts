import { spawnSync } from 'node:child_process';

/**
 * `$PYTHON`, else the first of `python3` on the PATH and Debian's `/usr/bin/python3` that can import
 * every module in `modules`; `unavailable` says why not (the test skips, saying so on stderr).
 */
export function findPython(modules: readonly string[]): { python: string; unavailable?: string } {
  const candidates = process.env['PYTHON'] ? [process.env['PYTHON']] : ['/usr/bin/python3', 'python3'];
  const code = modules.map((m) => `import ${m}`).join('; ');
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', code], { encoding: 'utf8' });
    if (!probe.error && probe.status === 0) return { python };
  }
  return { python: 'python3', unavailable: `no ${modules.join(' + ')} in ${candidates.join(' or ')}` };
}

/** Runs `code` with `input` on stdin and parses stdout as JSON. */
export function runPython<T>(python: string, code: string, input = ''): T {
  const r = spawnSync(python, ['-c', code], { encoding: 'utf8', input, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
