/**
 * What the training commands of `nn` share (`nn sizes`, `nn practice`, `nn quantize`): starting the
 * backend, a progress bar with the live loss, writing several figures beside `--out`, and list options.
 */
import type { Figure, PracticeProgress } from '@chatgpt-explained/essay';
import { initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { InvalidArgumentError, type Command } from 'commander';
import { writeFigure } from '../../figure-output';
import type { CommandContext } from '../../main';
import { nodeBackendRegistry } from '../../node-backends';
import { backendRequest } from '../../options';
import { createProgressBar } from '../../progress';
import { siblingFigurePath } from './figure-paths';

/** Starts the backend `--backend` (or the environment) asks for and says which on stderr. */
export async function startCompute(command: Command, context: CommandContext): Promise<ComputeContext> {
  const compute = await initBackend(nodeBackendRegistry(), backendRequest(command, context.io), {
    signal: context.signal,
  });
  context.io.stderr.write(`backend: ${compute.backend} (${compute.reason})\n`);
  return compute;
}

/** Runs `work` with a progress bar on stderr showing its live loss; the bar ends when it does. */
export async function withProgress<T>(
  context: CommandContext,
  label: string,
  work: (onProgress: (p: PracticeProgress) => void) => Promise<T>,
): Promise<T> {
  const bar = createProgressBar(context.io.stderr, { label });
  const result = await work((p) => bar.update(p.fraction, p.message));
  bar.finish();
  return result;
}

/**
 * Writes `figures` to `out` and its siblings: the figure whose suffix is `undefined` to `out`
 * itself, the others to `out-<suffix>`. Says where on stderr.
 */
export async function writeFigures(
  context: CommandContext,
  out: string,
  figures: ReadonlyArray<{ readonly figure: Figure; readonly suffix: string | undefined }>,
): Promise<void> {
  const paths: string[] = [];
  for (const { figure, suffix } of figures) {
    const path = suffix === undefined ? out : siblingFigurePath(out, suffix);
    await writeFigure(figure.spec, path);
    paths.push(path);
  }
  context.io.stderr.write(`figures written to ${paths.join(', ')}\n`);
}

/** Parses a comma-separated list of 1 to `most` whole numbers from `min` to `max` (a usage error otherwise). */
export function integerListOption(min: number, max: number, most: number): (value: string) => number[] {
  return (value) => {
    const parts = value.split(',').map((p) => p.trim());
    if (parts.length > most || parts.some((p) => !/^\d+$/.test(p) || Number(p) < min || Number(p) > max)) {
      throw new InvalidArgumentError(
        `Expected 1 to ${most} comma-separated integers from ${min} to ${max}; got "${value}".`,
      );
    }
    return parts.map(Number);
  };
}
