import { nextTokens } from '@chatgpt-explained/gpt2';
import type { Command } from 'commander';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { modelOptions, type ModelOptions } from '../../model-source';
import { integerFromTo } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { allowSpecialOption, checkSpecialTokens, showToken, textArgument, withModel } from './setup';

interface NextOptions extends ModelOptions {
  readonly top: number;
  readonly allowSpecial?: boolean;
  readonly json?: boolean;
}

/** What `gpt2 next --json` prints: the most likely next tokens, most likely first. */
export interface Gpt2NextReport {
  readonly tokens: { readonly id: number; readonly text: string; readonly probability: number }[];
}

/** Registers `gpt2 next` (essay 1.1): the most likely next tokens after a prompt, with probabilities. */
export function registerGpt2NextCommand(gpt2: Command, context: CommandContext): void {
  const { io } = context;
  const command = gpt2
    .command('next')
    .description('the most likely next tokens after PROMPT, with their probabilities (essay 1.1)')
    .argument('<prompt>', "the text to continue ('-' reads standard input; '' starts a new document)")
    .option('--top <k>', 'how many tokens to list (1 … 1000)', integerFromTo(1, 1000), 10);
  for (const option of modelOptions()) command.addOption(option);
  command
    .addOption(allowSpecialOption())
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (prompt: string, options: NextOptions, cmd: Command) => {
      const text = await textArgument(context, prompt);
      await withModel(cmd, context, options, async (gpt) => {
        if (options.top > gpt.config.vocabSize) {
          throw new UsageError(
            `option '--top <k>' argument '${options.top}' is more than the model's ${gpt.config.vocabSize} tokens`,
          );
        }
        checkSpecialTokens(gpt, text, options.allowSpecial);
        const result = await nextTokens(gpt, text, { top: options.top, allowSpecial: options.allowSpecial === true });
        const tokens = result.tokens.map((t) => ({ id: t.id, text: t.text, probability: t.probability }));
        if (options.json) {
          writeJson(io, { tokens } satisfies Gpt2NextReport);
          return;
        }
        const width = String(tokens.length).length;
        io.stdout.write(
          tokens
            .map(
              (t, i) =>
                `${String(i + 1).padStart(width)}  ${`${(100 * t.probability).toFixed(2)}%`.padStart(7)}  ${showToken(t.text)}`,
            )
            .join('\n') + '\n',
        );
      });
    });
}
