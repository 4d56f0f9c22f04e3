import { enableProdMode } from '@tensorflow/tfjs-core';
import { Command, CommanderError } from 'commander';
import { registerBackendsCommand } from './commands/backends';
import { registerBpeCommand } from './commands/bpe';
import { registerDigitsCommand } from './commands/digits';
import { registerEmbedCommand } from './commands/embed';
import { registerGpt2Command } from './commands/gpt2';
import { registerLettersCommand } from './commands/letters';
import { registerNgramCommand } from './commands/ngram';
import { registerNnCommand } from './commands/nn';
import { registerParensCommand } from './commands/parens';
import { registerRule30Command } from './commands/rule30';
import { registerTokenizeCommand } from './commands/tokenize';
import { registerTourCommand } from './commands/tour';
import type { CliIo } from './io';
import { isLibraryError, UsageError } from './usage-error';
import { CLI_VERSION } from './version';

/** What every command receives besides its options. */
export interface CommandContext {
  readonly io: CliIo;
  /** Aborted on Ctrl-C; long work stops at the next check. */
  readonly signal: AbortSignal;
}

/**
 * Exit codes: 0 success, 1 failure at run time (library errors included: commands check their
 * command-line input themselves, so a library error is not a usage error), 2 bad command line,
 * 130 interrupted.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

function oneLine(text: string): string {
  return `${text.trim().replace(/\s*\n\s*/g, ' ')}\n`;
}

/** Builds the `chatgpt-explained` program. */
export function createProgram(context: CommandContext): Command {
  const { io } = context;
  const program = new Command('chatgpt-explained')
    .description("Every step of Wolfram's essay 'What Is ChatGPT Doing … and Why Does It Work?', runnable.")
    .version(CLI_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand(false)
    .allowExcessArguments(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(oneLine(text)),
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => io.stderr.columns ?? 100,
    });

  // Commander's own message for extra operands does not name them; this one does.
  program.hook('preAction', (_program, command) => {
    const declared = command.registeredArguments;
    const variadic = declared.at(-1)?.variadic ?? false;
    if (!variadic && command.args.length > declared.length) {
      throw new UsageError(`unexpected argument '${command.args[declared.length] ?? ''}' for '${command.name()}'`);
    }
  });

  registerTourCommand(program, context);
  registerBackendsCommand(program, context);
  registerBpeCommand(program, context);
  registerTokenizeCommand(program, context);
  registerLettersCommand(program, context);
  registerNgramCommand(program, context);
  registerNnCommand(program, context);
  registerGpt2Command(program, context);
  registerDigitsCommand(program, context);
  registerEmbedCommand(program, context);
  registerParensCommand(program, context);
  registerRule30Command(program, context);
  // Commander's own help command prints the whole help on stderr for an unknown name; this one says
  // which name in one line, like every other usage error.
  program
    .command('help [command]')
    .description('show help for a command')
    .action((name: string | undefined) => {
      if (name === undefined) return program.outputHelp();
      const command = program.commands.find((c) => c.name() === name || c.aliases().includes(name));
      if (command === undefined)
        throw new UsageError(
          `unknown command '${name}' (commands: ${program.commands.map((c) => c.name()).join(', ')})`,
        );
      command.outputHelp();
    });
  return program;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code. Results go to
 * `io.stdout`, progress, messages and errors to `io.stderr`.
 */
export async function runCli(argv: readonly string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  // tfjs prints advice on stderr ("install our node backend", which cannot install offline); the
  // CLI reports what matters itself, and nn-core's errors carry the causes tfjs would have logged.
  enableProdMode();
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const program = createProgram({ io, signal: controller.signal });
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io, controller.signal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function reportError(error: unknown, io: CliIo, signal: AbortSignal): number {
  if (error instanceof CommanderError) {
    // Commander has already written its one-line message (or the help/version text).
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
  }
  if (signal.aborted) {
    io.stderr.write('interrupted\n');
    return EXIT.interrupted;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (isLibraryError(error)) {
    io.stderr.write(oneLine(`error: ${error.message}`));
    return EXIT.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(oneLine(`error: ${message}`));
  if (io.env['CHATGPT_EXPLAINED_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.failure;
}
