/** A stream the CLI writes to: `process.stdout` or a test's buffer. */
export interface OutputStream {
  write(text: string): unknown;
  /** Progress bars redraw in place only on a terminal. */
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

/** A stream the CLI reads from: `process.stdin` or a test's text. */
export interface InputStream extends AsyncIterable<Uint8Array | string> {
  /** True when it is a terminal (someone typing), not a pipe or a file. */
  readonly isTTY?: boolean;
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
  /** Standard input, which commands read for the file name `-`; absent where there is none. */
  readonly stdin?: InputStream;
}

/** The real process's streams, environment and directory. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), stdin: process.stdin };
}

/** Writes a JSON document and a newline: the whole of stdout under `--json`. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
