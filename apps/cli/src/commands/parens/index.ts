import type { Command } from 'commander';
import type { CommandContext } from '../../main';
import { registerParensNextCommand } from './next';
import { registerParensTrainCommand } from './train';

/** Registers the `parens` group: transformers on the balanced-parentheses language (essay 11.1). */
export function registerParensCommand(program: Command, context: CommandContext): void {
  const parens = program
    .command('parens')
    .description('a transformer that learns balanced parentheses (essay 11.1): train, next');
  registerParensTrainCommand(parens, context);
  registerParensNextCommand(parens, context);
}
