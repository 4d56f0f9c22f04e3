/**
 * What the `parens` commands share: the transformer of `--model` (a shipped name or a folder with
 * `config.json` and `model.safetensors`) and the check of a prefix typed on the command line.
 */
import { loadParensModel, type ShippedParensModel } from '@chatgpt-explained/essay';
import type { Gpt2Model } from '@chatgpt-explained/gpt2';
import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { resolve } from 'node:path';
import { dataDir } from '../../data-dir';
import { readParensModel } from '../../essay-data';
import type { CommandContext } from '../../main';
import { UsageError } from '../../usage-error';

/** The shipped models `--model` takes by name; the first is the default. */
export const SHIPPED_PARENS_MODELS: readonly ShippedParensModel[] = ['parens-2block', 'parens-1block'];

/** The model of `--model NAME|DIR` (default the shipped 2-block model); the caller disposes it. */
export async function loadParensCommandModel(
  context: CommandContext,
  compute: ComputeContext,
  model: string | undefined,
): Promise<{ model: Gpt2Model; name: string }> {
  const name = model ?? SHIPPED_PARENS_MODELS[0]!;
  const shipped = (SHIPPED_PARENS_MODELS as readonly string[]).includes(name);
  const folder = shipped ? resolve(dataDir(), 'models', name) : resolve(context.io.cwd, name);
  let files: Record<string, Uint8Array>;
  try {
    files = await readParensModel(folder);
  } catch (error) {
    throw new UsageError(
      `--model: '${name}' is not ${SHIPPED_PARENS_MODELS.join(' or ')}, nor a folder with config.json and model.safetensors (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return { model: await loadParensModel(compute, files), name };
}

/** Checks a prefix typed on the command line: only `(` and `)`, at most `maxLength` of them. */
export function checkPrefixArgument(prefix: string, maxLength: number): string {
  const bad = [...prefix].findIndex((c) => c !== '(' && c !== ')');
  if (bad >= 0) {
    throw new UsageError(
      `PREFIX may hold only '(' and ')'; got ${JSON.stringify(prefix)} with ${JSON.stringify([...prefix][bad])} at position ${bad + 1}`,
    );
  }
  if (prefix.length > maxLength) {
    throw new UsageError(`PREFIX has ${prefix.length} characters; this model reads at most ${maxLength}`);
  }
  return prefix;
}
