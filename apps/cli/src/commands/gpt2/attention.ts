import { gpt2AttentionExperiment, type Gpt2AttentionResult } from '@chatgpt-explained/essay';
import type { Command } from 'commander';
import { checkFigurePath, writeFigure } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { modelOptions, type ModelOptions } from '../../model-source';
import { integerAtLeast } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { siblingFigurePath } from '../nn/figure-paths';
import { allowSpecialOption, checkSpecialTokens, showToken, textArgument, withModel } from './setup';

interface AttentionOptions extends ModelOptions {
  readonly block: number;
  readonly allowSpecial?: boolean;
  readonly head?: number;
  readonly out?: string;
  readonly json?: boolean;
}

/** What `gpt2 attention --json` prints: the tokens and every head's attention weights. */
export type Gpt2AttentionReport = Omit<Gpt2AttentionResult, 'figures'>;

/**
 * Registers `gpt2 attention` (essay 9.3): the attention weights of every head of one block for a
 * text, as heatmaps (`--out`), JSON, or each token's strongest link per head.
 */
export function registerGpt2AttentionCommand(gpt2: Command, context: CommandContext): void {
  const { io } = context;
  const command = gpt2
    .command('attention')
    .description('the attention weights of each head of one block for TEXT, drawn as heatmaps (essay 9.3)')
    .argument('<text>', "the text, e.g. 'hello, bye' ('-' reads standard input)")
    .option('--block <n>', 'the block, counting from 0', integerAtLeast(0), 0)
    .option('--head <h>', 'only this head, counting from 0 (default: every head)', integerAtLeast(0))
    .option('--out <file>', 'draw to this .svg or .png file (every head: <file>-head0, <file>-head1, …)');
  for (const option of modelOptions()) command.addOption(option);
  command
    .addOption(allowSpecialOption())
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (value: string, options: AttentionOptions, cmd: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const text = await textArgument(context, value);
      if (text === '') throw new UsageError('the text is empty');
      await withModel(cmd, context, options, async (gpt) => {
        const { layers, heads } = gpt.config;
        if (options.block >= layers) {
          throw new UsageError(
            `option '--block <n>' argument '${options.block}' is not a block: the model has ${layers} (0 … ${layers - 1})`,
          );
        }
        if (options.head !== undefined && options.head >= heads) {
          throw new UsageError(
            `option '--head <h>' argument '${options.head}' is not a head: the model has ${heads} (0 … ${heads - 1})`,
          );
        }
        checkSpecialTokens(gpt, text, options.allowSpecial);
        const tokens = gpt.encoding.encode(text, options.allowSpecial === true ? { allowedSpecial: 'all' } : {}).length;
        if (tokens > gpt.config.contextLength) {
          throw new UsageError(
            `the text is ${tokens} tokens, more than the model's context of ${gpt.config.contextLength}`,
          );
        }
        const { figures, ...result } = await gpt2AttentionExperiment(gpt, {
          text,
          block: options.block,
          allowSpecial: options.allowSpecial === true,
        });
        const chosen =
          options.head === undefined
            ? figures.map((f, h) => ({ f, h }))
            : [{ f: figures[options.head]!, h: options.head }];
        if (out !== undefined) {
          const paths = chosen.map(({ h }) => (chosen.length === 1 ? out : siblingFigurePath(out, `head${h}`)));
          for (const [i, { f }] of chosen.entries()) await writeFigure(f.spec, paths[i]!);
          io.stderr.write(`attention heatmaps written to ${paths.join(', ')}\n`);
        }
        if (options.json) {
          const report: Gpt2AttentionReport =
            options.head === undefined
              ? result
              : { ...result, heads: [result.heads[options.head]!], lastFocus: [result.lastFocus[options.head]!] };
          writeJson(io, report);
          return;
        }
        const lines = chosen.map(({ h }) => {
          const links = result.heads[h]!.map((row, i) => {
            const j = row.indexOf(Math.max(...row));
            return `${showToken(result.tokens[i]!.text)} → ${showToken(result.tokens[j]!.text)} ${(100 * row[j]!).toFixed(0)}%`;
          });
          return `block ${result.block}, head ${h}: ${links.join(', ')}`;
        });
        io.stdout.write(
          `${lines.join('\n')}\n${out === undefined ? '--out draws the heatmaps; --json gives every weight\n' : ''}`,
        );
      });
    });
}
