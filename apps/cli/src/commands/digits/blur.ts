import { digitBlurExperiment, type DigitBlurResult } from '@chatgpt-explained/essay';
import { InvalidArgumentError, type Command } from 'commander';
import { checkFigurePath } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerFromTo } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { startCompute, writeFigures } from '../nn/training-run';
import { bundledDigits, loadNet } from './shared';

interface BlurOptions {
  readonly digit: number;
  readonly index?: number;
  readonly sigmas?: number[];
  readonly model?: string;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `digits blur --json` prints. */
export type DigitsBlurReport = Omit<DigitBlurResult, 'figures'>;

/** `0,0.5,1`: 1 to 20 ascending numbers from 0 to 28. */
function sigmaList(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (
    parts.length > 20 ||
    parts.some((p) => p === '') ||
    numbers.some((n, i) => !(Number.isFinite(n) && n >= 0 && n <= 28) || (i > 0 && n <= numbers[i - 1]!))
  ) {
    throw new InvalidArgumentError(`Expected 1 to 20 comma-separated ascending numbers from 0 to 28; got "${value}".`);
  }
  return numbers;
}

/** Registers `digits blur` (essay 4.1): a test "2" blurred step by step, and the digit the net reads. */
export function registerDigitsBlurCommand(digits: Command, context: CommandContext): void {
  const { io } = context;
  digits
    .command('blur')
    .description('a handwritten 2 blurred step by step, and the digit the net reads at each step (essay 4.1)')
    .option('--digit <d>', 'blur the first test image of this digit (0 … 9)', integerFromTo(0, 9), 2)
    .option('--index <n>', 'blur this test image instead (0 … 9999)', integerFromTo(0, 9999))
    .option('--sigmas <list>', 'Gaussian σ of each step in pixels, ascending (default 0,0.5,1,…,4,5)', sigmaList)
    .option('--model <file>', 'a digit net (.safetensors; default: the shipped digits-lenet)')
    .option(
      '--out <file>',
      'draw the blurred images to this .svg or .png file and the probabilities to <file>-probability',
    )
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: BlurOptions, command: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const compute = await startCompute(command, context);
      const { net } = await loadNet(context, compute, options.model);
      try {
        const test = await bundledDigits('test');
        const { figures, ...report } = await digitBlurExperiment(compute, net, test, {
          digit: options.digit,
          ...(options.index === undefined ? {} : { index: options.index }),
          ...(options.sigmas === undefined ? {} : { sigmas: options.sigmas }),
        });
        if (out !== undefined) {
          await writeFigures(context, out, [
            { figure: figures[0]!, suffix: undefined },
            { figure: figures[1]!, suffix: 'probability' },
          ]);
        }
        if (options.json) {
          writeJson(io, report satisfies DigitsBlurReport);
          return;
        }
        const lines = report.steps.map(
          (s) =>
            `σ ${String(s.sigma).padStart(4)}: reads ${s.predicted} (${(100 * s.probability).toFixed(1)}%), P(${report.label}) = ${(100 * s.probabilityOfLabel).toFixed(1)}%`,
        );
        io.stdout.write(`MNIST test image ${report.index}, a ${report.label}, blurred:\n${lines.join('\n')}\n`);
      } finally {
        net.dispose();
      }
    });
}
