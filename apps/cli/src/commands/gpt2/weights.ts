import { gpt2WeightsExperiment, type Gpt2WeightsResult } from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { checkFigurePath, writeFigure } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { modelOptions, type ModelOptions } from '../../model-source';
import { integerAtLeast, integerFromTo } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { siblingFigurePath } from '../nn/figure-paths';
import { withModel } from './setup';

/** The weight matrices of a block `--matrix` chooses from. */
const MATRICES = ['attn.c_proj', 'attn.c_attn', 'mlp.c_fc', 'mlp.c_proj'] as const;

interface WeightsOptions extends ModelOptions {
  readonly block: number;
  readonly matrix: (typeof MATRICES)[number];
  readonly window?: number;
  readonly bins: number;
  readonly out?: string;
  readonly json?: boolean;
}

/** What `gpt2 weights --json` prints: the matrix, its moving average and each block's weights, summarised. */
export type Gpt2WeightsReport = Omit<Gpt2WeightsResult, 'figures'>;

/**
 * Registers `gpt2 weights` (essay 9.4): one weight matrix of a block as a heatmap, its moving
 * average, and the histograms of every block's weights.
 */
export function registerGpt2WeightsCommand(gpt2: Command, context: CommandContext): void {
  const { io } = context;
  const command = gpt2
    .command('weights')
    .description("a block's weight matrix, its moving average, and every block's weight histogram (essay 9.4)")
    .option('--block <n>', 'the block of the matrix, counting from 0', integerAtLeast(0), 0)
    .addOption(new Option('--matrix <name>', 'which matrix of the block').choices(MATRICES).default('attn.c_proj'))
    .option('--window <w>', 'side of the moving-average window (default: C / 12, 64 for GPT-2)', integerAtLeast(1))
    .option('--bins <n>', 'bins of the histograms (5 … 500)', integerFromTo(5, 500), 80)
    .option(
      '--out <file>',
      'draw the matrix to this .svg or .png file, and <file>-average, <file>-histograms beside it',
    );
  // No --bits: the figures show the float weights (quantised matrices are not kept as floats).
  for (const option of modelOptions().filter((o) => o.long !== '--bits')) command.addOption(option);
  command
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: WeightsOptions, cmd: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      await withModel(cmd, context, options, async (gpt) => {
        const { layers } = gpt.config;
        if (options.block >= layers) {
          throw new UsageError(
            `option '--block <n>' argument '${options.block}' is not a block: the model has ${layers} (0 … ${layers - 1})`,
          );
        }
        const matrix = `h.${options.block}.${options.matrix}.weight`;
        const [rows, columns] = gpt.model.weight(matrix).shape as [number, number];
        if (options.window !== undefined && options.window > Math.min(rows, columns)) {
          throw new UsageError(
            `option '--window <w>' argument '${options.window}' is larger than the ${rows}×${columns} matrix ${matrix}`,
          );
        }
        const { figures, ...result } = gpt2WeightsExperiment(gpt, {
          matrix,
          bins: options.bins,
          ...(options.window === undefined ? {} : { window: options.window }),
        });
        if (out !== undefined) {
          const paths = [out, siblingFigurePath(out, 'average'), siblingFigurePath(out, 'histograms')];
          for (const [i, figure] of figures.entries()) await writeFigure(figure.spec, paths[i]!);
          io.stderr.write(`figures written to ${paths.join(', ')}\n`);
        }
        if (options.json) {
          writeJson(io, result satisfies Gpt2WeightsReport);
          return;
        }
        const m = result.matrix;
        const a = result.movingAverage;
        io.stdout.write(
          [
            `${m.name} [${m.shape.join(' × ')}]: mean ${m.mean.toFixed(4)}, std ${m.std.toFixed(4)}, ${m.min.toFixed(3)} … ${m.max.toFixed(3)}`,
            `${a.window}×${a.window} moving average [${a.shape.join(' × ')}]: std ${a.std.toFixed(4)}`,
            ...result.blocks.map(
              (b) =>
                `block ${b.block}: ${b.count.toLocaleString('en-US')} weights, mean ${b.mean.toFixed(4)}, std ${b.std.toFixed(4)}`,
            ),
          ].join('\n') +
            `\n${out === undefined ? '--out draws the matrix, its moving average and the histograms\n' : ''}`,
        );
      });
    });
}
