import type { Command } from 'commander';
import type { CommandContext } from '../../main';
import { registerNnExtrapolateCommand } from './extrapolate';
import { registerNnFitCommand } from './fit';
import { registerNnLandscapeCommand } from './landscape';
import { registerNnLearnCommand } from './learn';
import { registerNnNearestCommand } from './nearest';
import { registerNnNeuronCommand } from './neuron';
import { registerNnPracticeCommand } from './practice';
import { registerNnQuantizeCommand } from './quantize';
import { registerNnSizesCommand } from './sizes';

/**
 * Registers the `nn` group: models and small neural nets of the essay, one subcommand per
 * experiment: fit (3.1), neuron (5.1), nearest (5.2), learn (6.1–6.2), landscape (6.3),
 * extrapolate (6.4), sizes (7.1), practice (7.2), quantize (7.3).
 */
export function registerNnCommand(program: Command, context: CommandContext): void {
  const nn = program
    .command('nn')
    .description(
      'models and small neural nets (essay 3, 5–7): fit, neuron, nearest, learn, landscape, extrapolate, sizes, practice, quantize',
    );
  registerNnFitCommand(nn, context);
  registerNnNeuronCommand(nn, context);
  registerNnNearestCommand(nn, context);
  registerNnLearnCommand(nn, context);
  registerNnLandscapeCommand(nn, context);
  registerNnExtrapolateCommand(nn, context);
  registerNnSizesCommand(nn, context);
  registerNnPracticeCommand(nn, context);
  registerNnQuantizeCommand(nn, context);
}
