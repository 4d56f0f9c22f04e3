/**
 * @chatgpt-explained/cli: the `chatgpt-explained` command, also runnable in-process with
 * {@link runCli} (tests, other tools).
 */
export { runCli, createProgram, EXIT, type CommandContext } from './main';
export type { CliIo, OutputStream } from './io';
