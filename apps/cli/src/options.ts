import { BACKEND_NAMES, type BackendRequest } from '@chatgpt-explained/nn-core';
import { Option, type Command } from 'commander';
import type { CliIo } from './io';
import { UsageError } from './usage-error';

const BACKEND_CHOICES: readonly BackendRequest[] = ['auto', ...BACKEND_NAMES];
/** The environment variable that sets `--backend` when the flag is not given. */
export const BACKEND_ENV = 'CHATGPT_EXPLAINED_BACKEND';

/** `--backend <name>`: which compute backend to start; `auto` picks the fastest that works here. */
export function backendOption(): Option {
  return new Option(
    '--backend <name>',
    `compute backend: auto picks a hardware GPU, then wasm, then cpu (default: auto, or $${BACKEND_ENV})`,
  ).choices(BACKEND_CHOICES);
}

/**
 * The backend asked for: `--backend`, else $CHATGPT_EXPLAINED_BACKEND from the CLI's environment
 * (checked like the flag), else `auto`.
 */
export function backendRequest(command: Command, io: CliIo): BackendRequest {
  const flag = command.getOptionValue('backend') as BackendRequest | undefined;
  if (flag !== undefined) return flag;
  const fromEnv = io.env[BACKEND_ENV];
  if (fromEnv === undefined || fromEnv === '') return 'auto';
  if (!(BACKEND_CHOICES as readonly string[]).includes(fromEnv)) {
    throw new UsageError(`${BACKEND_ENV}='${fromEnv}' is invalid; allowed: ${BACKEND_CHOICES.join(', ')}`);
  }
  return fromEnv as BackendRequest;
}

/** `--json`: print one JSON document on stdout instead of text. */
export function jsonOption(): Option {
  return new Option('--json', 'print the result as JSON on stdout');
}
