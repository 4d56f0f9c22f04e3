import type { Command } from 'commander';
import type { CommandContext } from '../../main';
import { registerGpt2AttentionCommand } from './attention';
import { registerGpt2GenerateCommand } from './generate';
import { registerGpt2NextCommand } from './next';
import { registerGpt2ScoreCommand } from './score';
import { registerGpt2WeightsCommand } from './weights';

/**
 * Registers the `gpt2` group: a real GPT-2 (the bundled small model, a checkpoint directory, or a
 * Hugging Face model id): next (1.1), generate (1.2–1.3), score, attention (9.3), weights (9.4).
 */
export function registerGpt2Command(program: Command, context: CommandContext): void {
  const gpt2 = program
    .command('gpt2')
    .description('GPT-2 itself (essay 1, 9): next, generate, score, attention, weights; --model ID|DIR');
  registerGpt2NextCommand(gpt2, context);
  registerGpt2GenerateCommand(gpt2, context);
  registerGpt2ScoreCommand(gpt2, context);
  registerGpt2AttentionCommand(gpt2, context);
  registerGpt2WeightsCommand(gpt2, context);
}
