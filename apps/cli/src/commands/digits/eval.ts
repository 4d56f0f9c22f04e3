import { evaluateDigitNet, type DigitAccuracy } from '@chatgpt-explained/essay';
import type { Command } from 'commander';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { backendOption, jsonOption } from '../../options';
import { startCompute, withProgress } from '../nn/training-run';
import { bundledDigits, loadNet } from './shared';

interface EvalOptions {
  readonly model?: string;
  readonly json?: boolean;
}

/** What `digits eval --json` prints. */
export interface DigitsEvalReport extends DigitAccuracy {
  /** `--model`, or the shipped model's name. */
  readonly model: string;
}

/** Registers `digits eval`: the net's accuracy on the 10,000 MNIST test images. */
export function registerDigitsEvalCommand(digits: Command, context: CommandContext): void {
  const { io } = context;
  digits
    .command('eval')
    .description('accuracy of the digit net on the 10,000 MNIST test images')
    .option('--model <file>', 'a digit net (.safetensors from `digits train`; default: the shipped digits-lenet)')
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: EvalOptions, command: Command) => {
      const compute = await startCompute(command, context);
      const { net } = await loadNet(context, compute, options.model);
      try {
        const test = await bundledDigits('test');
        const result = await withProgress(context, 'digits eval', (onProgress) =>
          evaluateDigitNet(compute, net, test, {
            signal: context.signal,
            onProgress: (fraction) => onProgress({ fraction, message: `${Math.round(fraction * test.count)} images` }),
          }),
        );
        const report: DigitsEvalReport = { ...result, model: options.model ?? 'digits-lenet' };
        if (options.json) {
          writeJson(io, report);
          return;
        }
        io.stdout.write(
          `accuracy ${(100 * result.accuracy).toFixed(2)}% (${result.correct} of ${result.count} MNIST test images), model ${report.model}\n`,
        );
      } finally {
        net.dispose();
      }
    });
}
