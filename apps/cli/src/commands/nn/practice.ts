import {
  PRACTICE_PARTS,
  practiceExperiment,
  practiceLines,
  QUICK_PRACTICE,
  type PracticePart,
  type PracticeResult,
} from '@chatgpt-explained/essay';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { checkFigurePath } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { startCompute, withProgress, writeFigures } from './training-run';

interface PracticeCommandOptions {
  readonly only?: PracticePart[];
  readonly seed: number;
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `nn practice --json` prints: the data of each part run. */
export type NnPracticeReport = Omit<PracticeResult, 'figures'>;

/** Parses `--only epochs,loss`: some of the parts of essay 7.2, each once. */
export function parsePracticeParts(value: string): PracticePart[] {
  const parts = value.split(',').map((p) => p.trim());
  for (const part of parts) {
    if (!(PRACTICE_PARTS as readonly string[]).includes(part)) {
      throw new InvalidArgumentError(`Expected some of ${PRACTICE_PARTS.join(', ')} (comma-separated); got "${part}".`);
    }
  }
  if (new Set(parts).size !== parts.length) throw new InvalidArgumentError(`Expected each part once; got "${value}".`);
  return parts as PracticePart[];
}

/**
 * Registers `nn practice` (essay 7.2): small side-by-sides of what epochs, batch size, the loss
 * (L1 against L2) and data augmentation change.
 */
export function registerNnPracticeCommand(nn: Command, context: CommandContext): void {
  const { io } = context;
  nn.command('practice')
    .description('what epochs, batch size, L1 vs L2 loss and data augmentation change, side by side (essay 7.2)')
    .option('--only <parts>', `run only these parts, comma-separated: ${PRACTICE_PARTS.join(', ')}`, parsePracticeParts)
    .option('--seed <s>', 'seed of the weights, the data noise and the order of examples', integerAtLeast(0), 1)
    .addOption(new Option('--quick', 'fewer epochs in the batch-size comparison (a few seconds)'))
    .option('--out <file>', 'draw each part to <file>-<part> (.svg or .png); one part: to <file>')
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: PracticeCommandOptions, command: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const compute = await startCompute(command, context);
      const result = await withProgress(context, 'nn practice', (onProgress) =>
        practiceExperiment(compute, {
          ...(options.quick ? QUICK_PRACTICE : {}),
          ...(options.only === undefined ? {} : { only: options.only }),
          seed: options.seed,
          signal: context.signal,
          onProgress,
        }),
      );
      const { figures, ...report } = result;
      if (out !== undefined) {
        // One figure per part, in PRACTICE_PARTS order.
        const ran = PRACTICE_PARTS.filter((p) => report[p] !== undefined);
        await writeFigures(
          context,
          out,
          figures.map((figure, i) => ({ figure, suffix: figures.length === 1 ? undefined : ran[i] })),
        );
      }
      if (options.json) {
        writeJson(io, report satisfies NnPracticeReport);
        return;
      }
      io.stdout.write(`${practiceLines(report).join('\n')}\n`);
    });
}
