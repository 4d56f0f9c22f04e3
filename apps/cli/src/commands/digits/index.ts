import type { Command } from 'commander';
import type { CommandContext } from '../../main';
import { registerDigitsBlurCommand } from './blur';
import { registerDigitsEmbedCommand } from './embed';
import { registerDigitsEvalCommand } from './eval';
import { registerDigitsTrainCommand } from './train';

/**
 * Registers the `digits` group: the LeNet-style digit net on MNIST (essay 4.1, 5.3, 8.2): train,
 * eval (accuracy on the 10,000 test images), blur (4.1) and embed (8.2).
 */
export function registerDigitsCommand(program: Command, context: CommandContext): void {
  const digits = program
    .command('digits')
    .description('the LeNet-style digit net on MNIST (essay 4.1, 5.3, 8.2): train, eval, blur, embed');
  registerDigitsTrainCommand(digits, context);
  registerDigitsEvalCommand(digits, context);
  registerDigitsBlurCommand(digits, context);
  registerDigitsEmbedCommand(digits, context);
}
