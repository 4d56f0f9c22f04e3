import {
  DEFAULT_NET_SIZES,
  netSizeExperiment,
  netSizeLines,
  QUICK_NET_SIZE,
  type NetSizeResult,
} from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { checkFigurePath } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { backendOption, jsonOption } from '../../options';
import { integerAtLeast, integerFromTo } from '../../number-options';
import { integerListOption, startCompute, withProgress, writeFigures } from './training-run';

interface SizesOptions {
  readonly sizes?: number[];
  readonly layers?: number;
  readonly steps?: number;
  readonly points?: number;
  readonly seed: number;
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `nn sizes --json` prints: the loss and fit of each size and the perceptron's two fits. */
export type NnSizesReport = Omit<NetSizeResult, 'figures'>;

/**
 * Registers `nn sizes` (essay 7.1): nets of growing size trained on one wiggly function (too small
 * fails, big enough fits), and a perceptron that fits a line but not the wiggle.
 */
export function registerNnSizesCommand(nn: Command, context: CommandContext): void {
  const { io } = context;
  nn.command('sizes')
    .description('train nets of growing size on one function, and a perceptron (essay 7.1)')
    .option(
      '--sizes <list>',
      `units per hidden layer, comma-separated (1 … 256; default ${DEFAULT_NET_SIZES.join(',')})`,
      integerListOption(1, 256, 12),
    )
    .option('--layers <n>', 'hidden layers per net (1 … 3; default 2)', integerFromTo(1, 3))
    .option('--steps <n>', 'full-batch training steps per net (1 … 100000; default 1000)', integerFromTo(1, 100_000))
    .option('--points <n>', 'training points on [-1, 1] (8 … 2048; default 128)', integerFromTo(8, 2048))
    .option('--seed <s>', 'seed of the initial weights', integerAtLeast(0), 1)
    .addOption(
      new Option(
        '--quick',
        `sizes ${QUICK_NET_SIZE.sizes?.join(',')} and ${QUICK_NET_SIZE.steps} steps (a few seconds)`,
      ),
    )
    .option(
      '--out <file>',
      'draw loss against size to this .svg or .png file, the fits to <file>-fits, the perceptron to <file>-perceptron',
    )
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: SizesOptions, command: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const compute = await startCompute(command, context);
      const result = await withProgress(context, 'nn sizes', (onProgress) =>
        netSizeExperiment(compute, {
          ...(options.quick ? QUICK_NET_SIZE : {}),
          ...(options.sizes === undefined ? {} : { sizes: options.sizes }),
          ...(options.layers === undefined ? {} : { hiddenLayers: options.layers }),
          ...(options.steps === undefined ? {} : { steps: options.steps }),
          ...(options.points === undefined ? {} : { points: options.points }),
          seed: options.seed,
          signal: context.signal,
          onProgress,
        }),
      );
      const { figures, ...report } = result;
      if (out !== undefined) {
        await writeFigures(context, out, [
          { figure: figures[0]!, suffix: undefined },
          { figure: figures[1]!, suffix: 'fits' },
          { figure: figures[2]!, suffix: 'perceptron' },
        ]);
      }
      if (options.json) {
        writeJson(io, report satisfies NnSizesReport);
        return;
      }
      io.stdout.write(`${netSizeLines(report).join('\n')}\n`);
    });
}
