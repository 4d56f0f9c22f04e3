/** A stream the CLI writes to: `process.stdout` or a test's buffer. */
export interface OutputStream {
  write(text: string): unknown;
  /** Progress bars redraw in place only on a terminal. */
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  /** Results: plain text, or JSON with `--json`. */
  readonly stdout: OutputStream;
  /** Progress, messages and errors. */
  readonly stderr: OutputStream;
  /** Environment variables (`CHATGPT_EXPLAINED_BACKEND`, `CHATGPT_EXPLAINED_QUICK`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

/** The real process's streams, environment and directory. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Writes a JSON document and a newline: the whole of stdout under `--json`. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
