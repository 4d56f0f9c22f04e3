import {
  extrapolationExperiment,
  extrapolationLines,
  QUICK_EXTRAPOLATION,
  type ExtrapolationResult,
} from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { checkFigurePath } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast, integerFromTo, positiveNumber } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { rangeOption } from './pair-options';
import { integerListOption, startCompute, withProgress, writeFigures } from './training-run';

interface ExtrapolateOptions {
  readonly nets?: number;
  readonly steps?: number;
  readonly examples?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly hidden?: number[];
  readonly trainRange?: [number, number];
  readonly showRange?: [number, number];
  readonly seed: number;
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `nn extrapolate --json` prints: every net's curve and training loss, and their spreads. */
export type NnExtrapolateReport = Omit<ExtrapolationResult, 'figures'>;

/**
 * Registers `nn extrapolate` (essay 6.4): several nets trained alike from different random starts
 * agree on the training range and disagree beyond it.
 */
export function registerNnExtrapolateCommand(nn: Command, context: CommandContext): void {
  const { io } = context;
  nn.command('extrapolate')
    .description('equally good nets from different random starts agree on the training range, not beyond (essay 6.4)')
    .option('--nets <n>', 'how many nets (2 … 8; default 5)', integerFromTo(2, 8))
    .option('--steps <n>', 'training steps of every net (1 … 100000; default 2000)', integerFromTo(1, 100_000))
    .option('--examples <n>', 'training examples (16 … 100000; default 512)', integerFromTo(16, 100_000))
    .option('--batch-size <n>', 'examples per step (1 … 1024; default 32)', integerFromTo(1, 1024))
    .option('--learning-rate <r>', "Adam's starting learning rate, cosine-decayed (default 0.02)", positiveNumber)
    .option(
      '--hidden <list>',
      'hidden layer sizes, comma-separated (1 … 256 each, 1 to 4 layers; default 32,32)',
      integerListOption(1, 256, 4),
    )
    .option('--train-range <from,to>', 'where the training examples come from (default -1,1)', rangeOption)
    .option('--show-range <from,to>', 'where the nets are drawn and compared (default -3,3)', rangeOption)
    .option('--seed <s>', 'seed of the random starts, the examples and the batch order', integerAtLeast(0), 1)
    .addOption(
      new Option('--quick', `${QUICK_EXTRAPOLATION.nets} nets, ${QUICK_EXTRAPOLATION.steps} steps (a few seconds)`),
    )
    .option('--out <file>', 'draw the nets to this .svg or .png file')
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: ExtrapolateOptions, command: Command) => {
      const train = options.trainRange ?? [-1, 1];
      const show = options.showRange ?? [-3, 3];
      if (!(show[0] <= train[0] && show[1] >= train[1]) || (show[0] === train[0] && show[1] === train[1])) {
        throw new UsageError(
          `--show-range ${show.join(',')} must contain --train-range ${train.join(',')} and reach beyond it`,
        );
      }
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const compute = await startCompute(command, context);
      const result = await withProgress(context, 'nn extrapolate', (onProgress) =>
        extrapolationExperiment(compute, {
          ...(options.quick ? QUICK_EXTRAPOLATION : {}),
          ...(options.nets === undefined ? {} : { nets: options.nets }),
          ...(options.steps === undefined ? {} : { steps: options.steps }),
          ...(options.examples === undefined ? {} : { examples: options.examples }),
          ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
          ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
          ...(options.hidden === undefined ? {} : { hidden: options.hidden }),
          trainRange: train,
          showRange: show,
          seed: options.seed,
          signal: context.signal,
          onProgress: (p) =>
            onProgress({
              fraction: p.step / p.totalSteps,
              message: `step ${p.step}/${p.totalSteps}, loss per net ${p.loss.toPrecision(3)}`,
            }),
        }),
      );
      const { figures, ...report } = result;
      if (out !== undefined) await writeFigures(context, out, [{ figure: figures[0]!, suffix: undefined }]);
      if (options.json) {
        writeJson(io, report satisfies NnExtrapolateReport);
        return;
      }
      io.stdout.write(`${extrapolationLines(report).join('\n')}\n`);
    });
}
