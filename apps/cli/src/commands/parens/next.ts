import { isBalanced, parensNext, type ParensToken } from '@chatgpt-explained/essay';
import type { Command } from 'commander';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { backendOption, jsonOption } from '../../options';
import { startCompute } from '../nn/training-run';
import { SHIPPED_PARENS_MODELS, checkPrefixArgument, loadParensCommandModel } from './shared';

interface NextOptions {
  readonly model?: string;
  readonly json?: boolean;
}

/** What `parens next --json` prints. */
export interface ParensNextReport {
  /** `(`, `)` and End with their probabilities, in that order. */
  readonly tokens: readonly { readonly text: ParensToken; readonly probability: number }[];
  readonly prefix: string;
  /** Whether the prefix is non-empty and balanced, i.e. End is a right answer (the language has no empty string). */
  readonly balanced: boolean;
  readonly model: string;
}

/** Registers `parens next PREFIX`: the model's next-token probabilities after a prefix. */
export function registerParensNextCommand(parens: Command, context: CommandContext): void {
  const { io } = context;
  parens
    .command('next')
    .description('the probabilities of "(", ")" and End after a prefix of parentheses (essay 11.1)')
    .argument('<prefix>', "a string of '(' and ')' (quote it in the shell); '' for the empty prefix")
    .option(
      '--model <name|dir>',
      `${SHIPPED_PARENS_MODELS.join(' or ')} (shipped), or a folder written by \`parens train\` (default ${SHIPPED_PARENS_MODELS[0]})`,
    )
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (prefix: string, options: NextOptions, command: Command) => {
      const compute = await startCompute(command, context);
      const { model, name } = await loadParensCommandModel(context, compute, options.model);
      try {
        checkPrefixArgument(prefix, model.config.contextLength - 1);
        const next = await parensNext(compute, model, prefix);
        const balanced = prefix.length > 0 && isBalanced(prefix);
        const report: ParensNextReport = { tokens: next.tokens, prefix, balanced, model: name };
        if (options.json) {
          writeJson(io, report);
          return;
        }
        io.stdout.write(
          `after ${JSON.stringify(prefix)} (${report.balanced ? 'balanced: End is right' : 'not balanced: End is wrong'}), model ${name}:\n`,
        );
        for (const t of next.tokens)
          io.stdout.write(`  ${t.text.padEnd(3)} ${(100 * t.probability).toFixed(2).padStart(6)}%\n`);
      } finally {
        model.dispose();
      }
    });
}
