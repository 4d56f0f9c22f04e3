import {
  learnFunctionExperiment,
  learnFunctionLines,
  learningCurveLines,
  QUICK_LEARN,
  type LearnFunctionResult,
} from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { checkFigurePath } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast, integerFromTo, positiveNumber } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { integerListOption, startCompute, withProgress, writeFigures } from './training-run';

interface LearnOptions {
  readonly steps?: number;
  readonly examples?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly hidden?: number[];
  readonly snapshots?: number[];
  readonly randomNets?: number;
  readonly seed: number;
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `nn learn --json` prints: the curves of the untrained and training net, and every step's loss. */
export type NnLearnReport = Omit<LearnFunctionResult, 'figures'>;

/**
 * Registers `nn learn` (essay 6.1–6.2): a 1-input, 1-output ReLU net learns a wiggly function:
 * untrained nets, the fit after more and more examples, and the learning curve.
 */
export function registerNnLearnCommand(nn: Command, context: CommandContext): void {
  const { io } = context;
  nn.command('learn')
    .description('a 1-input, 1-output net learns a wiggly function: random nets, fits, learning curve (essay 6.1–6.2)')
    .option('--steps <n>', 'training steps (1 … 100000; default 3000)', integerFromTo(1, 100_000))
    .option('--examples <n>', 'training examples on [-1, 1] (16 … 100000; default 512)', integerFromTo(16, 100_000))
    .option('--batch-size <n>', 'examples per step (1 … 1024; default 32)', integerFromTo(1, 1024))
    .option('--learning-rate <r>', "Adam's starting learning rate, cosine-decayed (default 0.01)", positiveNumber)
    .option(
      '--hidden <list>',
      'hidden layer sizes, comma-separated (1 … 256 each, 1 to 4 layers; default 32,32)',
      integerListOption(1, 256, 4),
    )
    .option(
      '--snapshots <list>',
      'steps after which to draw the net, comma-separated (default 0,30,100,300,1000 and the last)',
      integerListOption(0, 100_000, 12),
    )
    .option('--random-nets <n>', 'untrained nets to draw (1 … 8; default 4)', integerFromTo(1, 8))
    .option('--seed <s>', 'seed of the weights, the examples and the batch order', integerAtLeast(0), 1)
    .addOption(new Option('--quick', `${QUICK_LEARN.steps} steps (about a second)`))
    .option(
      '--out <file>',
      'draw the fits to this .svg or .png file, the untrained nets to <file>-random, the learning curve to <file>-curve',
    )
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: LearnOptions, command: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const steps = options.steps ?? (options.quick ? QUICK_LEARN.steps : undefined) ?? 3000;
      const late = options.snapshots?.find((s) => s > steps);
      if (late !== undefined) throw new UsageError(`--snapshots: step ${late} is beyond --steps ${steps}`);
      const compute = await startCompute(command, context);
      const result = await withProgress(context, 'nn learn', (onProgress) =>
        learnFunctionExperiment(compute, {
          ...(options.quick ? QUICK_LEARN : {}),
          steps,
          ...(options.examples === undefined ? {} : { examples: options.examples }),
          ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
          ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
          ...(options.hidden === undefined ? {} : { hidden: options.hidden }),
          ...(options.snapshots === undefined ? {} : { snapshots: options.snapshots }),
          ...(options.randomNets === undefined ? {} : { randomNets: options.randomNets }),
          seed: options.seed,
          signal: context.signal,
          onProgress: (p) =>
            onProgress({
              fraction: p.step / p.totalSteps,
              message: `step ${p.step}/${p.totalSteps}, loss ${p.loss.toPrecision(3)}`,
            }),
        }),
      );
      const { figures, ...report } = result;
      if (out !== undefined) {
        await writeFigures(context, out, [
          { figure: figures[1]!, suffix: undefined },
          { figure: figures[0]!, suffix: 'random' },
          { figure: figures[2]!, suffix: 'curve' },
        ]);
      }
      if (options.json) {
        writeJson(io, report satisfies NnLearnReport);
        return;
      }
      io.stdout.write(`${[...learnFunctionLines(report), ...learningCurveLines(report)].join('\n')}\n`);
    });
}
