import {
  quantizationExperiment,
  quantizationLines,
  QUICK_QUANTIZATION,
  type QuantizationResult,
} from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { checkFigurePath } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast, integerFromTo } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { startCompute, withProgress, writeFigures } from './training-run';

interface QuantizeOptions {
  readonly hidden?: number;
  readonly layers?: number;
  readonly steps?: number;
  readonly seed: number;
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `nn quantize --json` prints: loss, bytes and rounding error at float32, 8 and 4 bits. */
export type NnQuantizeReport = Omit<QuantizationResult, 'figures'>;

/**
 * Registers `nn quantize` (essay 7.3): trains a small net, quantises its weights to 8 and 4 bits,
 * and reports what the loss does and how many bytes the model takes.
 */
export function registerNnQuantizeCommand(nn: Command, context: CommandContext): void {
  const { io } = context;
  nn.command('quantize')
    .description('train a net, quantise its weights to 8 and 4 bits, and measure the loss (essay 7.3)')
    .option('--hidden <n>', 'units per hidden layer (1 … 256; default 32)', integerFromTo(1, 256))
    .option('--layers <n>', 'hidden layers (1 … 3; default 2)', integerFromTo(1, 3))
    .option('--steps <n>', 'full-batch training steps (1 … 100000; default 1000)', integerFromTo(1, 100_000))
    .option('--seed <s>', 'seed of the initial weights', integerAtLeast(0), 1)
    .addOption(new Option('--quick', `${QUICK_QUANTIZATION.steps} training steps (a few seconds)`))
    .option('--out <file>', 'draw the loss per precision to this .svg or .png file, the fits to <file>-fits')
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: QuantizeOptions, command: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const compute = await startCompute(command, context);
      const result = await withProgress(context, 'nn quantize', (onProgress) =>
        quantizationExperiment(compute, {
          ...(options.quick ? QUICK_QUANTIZATION : {}),
          ...(options.hidden === undefined ? {} : { hidden: options.hidden }),
          ...(options.layers === undefined ? {} : { hiddenLayers: options.layers }),
          ...(options.steps === undefined ? {} : { steps: options.steps }),
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
        ]);
      }
      if (options.json) {
        writeJson(io, report satisfies NnQuantizeReport);
        return;
      }
      io.stdout.write(`${quantizationLines(report).join('\n')}\n`);
    });
}
