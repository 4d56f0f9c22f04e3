import type { Command } from 'commander';
import type { CommandContext } from '../../main';
import { registerEmbedAnalogyCommand } from './analogy';
import { registerEmbedNeighborsCommand } from './neighbors';
import { registerEmbedPlotCommand } from './plot';
import { registerEmbedTrainCommand } from './train';
import { registerEmbedVectorsCommand } from './vectors';

/**
 * Registers the `embed` group: word embeddings (essay 8.1): train word2vec, nearest neighbours,
 * analogies, 2-D layouts and raw vectors, from the shipped embedding or `--model`.
 */
export function registerEmbedCommand(program: Command, context: CommandContext): void {
  const embed = program
    .command('embed')
    .description('word embeddings (essay 8.1): train, neighbors, analogy, plot, vectors');
  registerEmbedTrainCommand(embed, context);
  registerEmbedNeighborsCommand(embed, context);
  registerEmbedAnalogyCommand(embed, context);
  registerEmbedPlotCommand(embed, context);
  registerEmbedVectorsCommand(embed, context);
}
