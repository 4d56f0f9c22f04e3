import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness';

/** What a child process gave: the JSON document of its last stdout line, or why there is none. */
export type ChildResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly missing?: boolean };

/**
 * Runs `command args` from the repository root and parses the JSON document it printed as its last
 * stdout line (harness.ts's `runWorker`, but asynchronous, so a smoke run can start several at once).
 * `missing` is set when the command itself does not exist.
 */
export function runJson<T>(
  command: string,
  args: readonly string[],
  options: {
    readonly timeoutMs?: number;
    readonly env?: NodeJS.ProcessEnv;
    /** Also copy the child's stderr (its progress lines) to ours as it comes. */
    readonly echo?: boolean;
  } = {},
): Promise<ChildResult<T>> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Our own timer, not spawn's `timeout`: that one keeps the process alive when the command is missing.
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 1_800_000);
    timer.unref();
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (options.echo === true) process.stderr.write(d);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, error: `${command}: ${error.message}`, missing: error.code === 'ENOENT' });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (status === 0 && last.startsWith('{')) {
        resolve({ ok: true, value: JSON.parse(last) as T });
        return;
      }
      // An uncaught error's message, not Node's version line printed after its stack.
      const lines = stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('Warning: '));
      const why = lines.findLast((l) => /^\w*Error\b/.test(l)) ?? lines.at(-1);
      resolve({ ok: false, error: why || `exited with ${String(status ?? signal)}` });
    });
  });
}

/** Runs a TypeScript entry of this repo through the source runner (one fresh process). */
export function runTsWorker<T>(entry: string, args: readonly string[], echo = false): Promise<ChildResult<T>> {
  return runJson<T>(process.execPath, [join(ROOT, 'scripts/run-ts.mjs'), entry, ...args], { echo });
}

/** A process a benchmark runs, by the name its log and load lines show. */
export interface ChildJob<T> {
  readonly name: string;
  readonly run: () => Promise<ChildResult<T>>;
}

/**
 * Runs the jobs' processes one at a time, noting the 1-minute load average before and after each
 * (other work on the cores skews timings), or, for a smoke run (whose timings mean nothing), all at
 * once to stay within seconds. Results come in the jobs' order.
 */
export async function runChildren<T>(
  jobs: ReadonlyArray<ChildJob<T>>,
  smoke: boolean,
  log: (line: string) => void,
): Promise<{ outcomes: Array<ChildResult<T>>; loads: string[] }> {
  const loads: string[] = [];
  if (smoke) {
    log(`${jobs.map((j) => j.name).join(', ')}, each in its own process, at once…`);
    return { outcomes: await Promise.all(jobs.map((j) => j.run())), loads };
  }
  const outcomes: Array<ChildResult<T>> = [];
  for (const job of jobs) {
    log(`${job.name}, in its own process…`);
    const before = loadavg()[0]!;
    outcomes.push(await job.run());
    loads.push(`${job.name} ${before.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`);
  }
  return { outcomes, loads };
}
