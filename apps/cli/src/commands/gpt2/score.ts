import { score, type ScoreResult } from '@chatgpt-explained/gpt2';
import type { Command } from 'commander';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { modelOptions, type ModelOptions } from '../../model-source';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { allowSpecialOption, checkSpecialTokens, showToken, textArgument, withModel } from './setup';

interface ScoreOptions extends ModelOptions {
  readonly json?: boolean;
  readonly allowSpecial?: boolean;
}

/** What `gpt2 score --json` prints: every token's natural-log probability, and the totals. */
export type Gpt2ScoreReport = ScoreResult;

/**
 * Registers `gpt2 score`: how surprised the model is by a text, token by token (log-probabilities),
 * and its compression rate in bits per byte (comparable across tokenizers and with n-gram models).
 */
export function registerGpt2ScoreCommand(gpt2: Command, context: CommandContext): void {
  const { io } = context;
  const command = gpt2
    .command('score')
    .description("each token's log-probability under the model, and the text's bits per byte")
    .argument('<text>', "the text ('-' reads standard input)");
  for (const option of modelOptions()) command.addOption(option);
  command
    .addOption(allowSpecialOption())
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (value: string, options: ScoreOptions, cmd: Command) => {
      const text = await textArgument(context, value);
      if (text === '') throw new UsageError('the text to score is empty');
      await withModel(cmd, context, options, async (gpt) => {
        checkSpecialTokens(gpt, text, options.allowSpecial);
        const result = score(gpt, text, { signal: context.signal, allowSpecial: options.allowSpecial === true });
        if (options.json) {
          writeJson(io, result satisfies Gpt2ScoreReport);
          return;
        }
        io.stdout.write(
          result.tokens
            .map(
              (t) =>
                `${t.logProb.toFixed(3).padStart(9)}  ${(-t.logProb / Math.LN2).toFixed(2).padStart(6)} bits  ${showToken(t.text)}`,
            )
            .join('\n') +
            `\n${result.tokens.length} tokens, ${result.bytes} bytes: ${result.bits.toFixed(1)} bits, ${result.bitsPerByte.toFixed(3)} bits per byte (${result.lossPerToken.toFixed(3)} nats per token)\n`,
        );
      });
    });
}
