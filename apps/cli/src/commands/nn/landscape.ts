import {
  landscapeLines,
  lossLandscapeExperiment,
  QUICK_LANDSCAPE,
  type LossLandscapeResult,
} from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { checkFigurePath } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast, integerFromTo, positiveNumber } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { rangeOption, weightPointsOption } from './pair-options';
import { startCompute, withProgress, writeFigures } from './training-run';

interface LandscapeOptions {
  readonly grid?: number;
  readonly steps?: number;
  readonly learningRate?: number;
  readonly start?: Array<{ w1: number; w2: number }>;
  readonly randomStarts?: number;
  readonly seed?: number;
  readonly w1Range?: [number, number];
  readonly w2Range?: [number, number];
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `nn landscape --json` prints: the loss on the grid and every gradient-descent path. */
export type NnLandscapeReport = Omit<LossLandscapeResult, 'figures'>;

/**
 * Registers `nn landscape` (essay 6.3): the loss of a tiny net over two of its weights, with
 * plain gradient descent drawn on it.
 */
export function registerNnLandscapeCommand(nn: Command, context: CommandContext): void {
  const { io } = context;
  nn.command('landscape')
    .description('the loss over two weights w1, w2 of a tiny net, with gradient-descent paths (essay 6.3)')
    .option('--grid <n>', 'grid cells along each axis (8 … 512; default 101)', integerFromTo(8, 512))
    .option('--steps <n>', 'gradient-descent steps from each start (1 … 10000; default 300)', integerFromTo(1, 10_000))
    .option('--learning-rate <r>', 'step size of plain gradient descent (default 0.5)', positiveNumber)
    .option('--start <points>', 'starts "w1,w2;w1,w2;…", 1 to 8 (default: -1,2;1,-2.5)', weightPointsOption(8))
    .option('--random-starts <n>', 'instead of --start: this many random starts (1 … 8)', integerFromTo(1, 8))
    .option('--seed <s>', 'seed of the --random-starts draws (default 1)', integerAtLeast(0))
    .option('--w1-range <from,to>', 'range of w1 drawn (default -4,4)', rangeOption)
    .option('--w2-range <from,to>', 'range of w2 drawn (default -3,3)', rangeOption)
    .addOption(
      new Option(
        '--quick',
        `a ${QUICK_LANDSCAPE.grid}×${QUICK_LANDSCAPE.grid} grid and ${QUICK_LANDSCAPE.steps} steps`,
      ),
    )
    .option('--out <file>', 'draw the landscape and the paths to this .svg or .png file')
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: LandscapeOptions, command: Command) => {
      if (options.start !== undefined && options.randomStarts !== undefined) {
        throw new UsageError('--start and --random-starts cannot be used together');
      }
      if (options.seed !== undefined && options.randomStarts === undefined) {
        throw new UsageError('--seed only seeds --random-starts; give --random-starts <n> with it');
      }
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const compute = await startCompute(command, context);
      const result = await withProgress(context, 'nn landscape', (onProgress) =>
        lossLandscapeExperiment(compute, {
          ...(options.quick ? QUICK_LANDSCAPE : {}),
          ...(options.grid === undefined ? {} : { grid: options.grid }),
          ...(options.steps === undefined ? {} : { steps: options.steps }),
          ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
          ...(options.start === undefined ? {} : { starts: options.start }),
          ...(options.randomStarts === undefined
            ? {}
            : { randomStarts: options.randomStarts, seed: options.seed ?? 1 }),
          ...(options.w1Range === undefined ? {} : { w1Range: options.w1Range }),
          ...(options.w2Range === undefined ? {} : { w2Range: options.w2Range }),
          signal: context.signal,
          onProgress: (p) =>
            onProgress({
              fraction: p.step / p.totalSteps,
              message: `step ${p.step}/${p.totalSteps}, loss ${p.loss.toPrecision(3)}`,
            }),
        }),
      );
      const { figures, ...report } = result;
      if (out !== undefined) await writeFigures(context, out, [{ figure: figures[0]!, suffix: undefined }]);
      if (options.json) {
        writeJson(io, report satisfies NnLandscapeReport);
        return;
      }
      io.stdout.write(`${landscapeLines(report).join('\n')}\n`);
    });
}
