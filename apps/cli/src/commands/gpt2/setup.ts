import { gpt2ParameterCount, type Gpt2 } from '@chatgpt-explained/gpt2';
import { initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { Option, type Command } from 'commander';
import type { CommandContext } from '../../main';
import { resolveModel, type ModelOptions } from '../../model-source';
import { nodeBackendRegistry } from '../../node-backends';
import { backendRequest } from '../../options';
import { readTextInput } from '../../read-input';
import { UsageError } from '../../usage-error';

/**
 * Starts the backend, loads the model of `--model` (see `resolveModel`), says which on stderr, runs
 * `body` and frees the model whatever happens.
 */
export async function withModel<T>(
  command: Command,
  context: CommandContext,
  options: ModelOptions,
  body: (gpt: Gpt2, compute: ComputeContext) => Promise<T>,
): Promise<T> {
  const { io, signal } = context;
  const compute = await initBackend(nodeBackendRegistry(), backendRequest(command, io), { signal });
  io.stderr.write(`backend: ${compute.backend} (${compute.reason})\n`);
  const { gpt, label } = await resolveModel(io, options, signal);
  try {
    const { layers, embedDim, contextLength } = gpt.config;
    const parameters = gpt2ParameterCount(gpt.config);
    const weights = gpt.weightBits === 32 ? '' : `, ${gpt.weightBits}-bit weights`;
    io.stderr.write(
      `model: ${label} (${(parameters / 1e6).toFixed(1)}M parameters${weights}, ${layers} layers, ${embedDim} dims, context ${contextLength})\n`,
    );
    signal.throwIfAborted();
    return await body(gpt, compute);
  } finally {
    gpt.dispose();
  }
}

/** `--allow-special`: read `<|endoftext|>` written in the text as the special token. */
export function allowSpecialOption(): Option {
  return new Option(
    '--allow-special',
    'read special tokens written in the text (<|endoftext|>) as themselves, one token each (default: refuse them)',
  );
}

/**
 * A usage error when `text` holds a special token of the model's and `--allow-special` was not
 * given (the library would refuse it; the command line says how to opt in).
 */
export function checkSpecialTokens(gpt: Gpt2, text: string, allowSpecial: boolean | undefined): void {
  if (allowSpecial === true) return;
  const found = Object.keys(gpt.encoding.specialTokens).find((token) => text.includes(token));
  if (found !== undefined) {
    throw new UsageError(`the text contains the special token ${found}; add --allow-special to read it as one token`);
  }
}

/** The text of a PROMPT or TEXT argument: as given, or standard input for `-`. */
export async function textArgument(context: CommandContext, value: string): Promise<string> {
  return value === '-' ? readTextInput(context.io, '-', { signal: context.signal }) : value;
}

/** A token's text for a terminal: in double quotes with JSON escapes, so spaces and newlines show. */
export function showToken(text: string): string {
  return JSON.stringify(text);
}
