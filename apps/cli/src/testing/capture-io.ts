import type { CliIo, InputStream } from '../io';

/** An in-memory {@link CliIo} for running the CLI in tests. */
export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/**
 * `stdin`: what the command reads for `-`, as one chunk or several (strings or bytes); without it
 * the io has no stdin.
 */
export function captureIo(
  options: {
    env?: Record<string, string>;
    cwd?: string;
    stdin?: string | Uint8Array | readonly (string | Uint8Array)[];
  } = {},
): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    ...(options.stdin === undefined ? {} : { stdin: inputOf(options.stdin) }),
    out: () => out,
    err: () => err,
  };
}

function inputOf(stdin: string | Uint8Array | readonly (string | Uint8Array)[]): InputStream {
  const chunks = typeof stdin === 'string' || stdin instanceof Uint8Array ? [stdin] : stdin;
  return {
    isTTY: false,
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
  };
}
