import { DIGIT_TRAINING_DEFAULTS, evaluateDigitNet, saveDigitNet, trainDigitNet } from '@chatgpt-explained/essay';
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../atomic-write';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast, integerFromTo, positiveNumber } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { startCompute, withProgress } from '../nn/training-run';
import { bundledDigits } from './shared';

interface TrainOptions {
  readonly out: string;
  readonly epochs?: number;
  readonly steps?: number;
  readonly seed: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly json?: boolean;
}

/** What `digits train --json` prints. */
export interface DigitsTrainReport {
  readonly out: string;
  readonly steps: number;
  readonly seed: number;
  readonly batchSize: number;
  readonly finalLoss: number;
  readonly trainingSeconds: number;
  /** On the 10,000 test images (never trained on). */
  readonly accuracy: number;
}

/** Registers `digits train`: trains a LeNet-style net on the 60,000 MNIST training images. */
export function registerDigitsTrainCommand(digits: Command, context: CommandContext): void {
  const { io } = context;
  digits
    .command('train')
    .description(
      'train a LeNet-style digit net on the 60,000 MNIST training images, then measure it on the test images',
    )
    .requiredOption('--out <file>', 'where to write the trained net (.safetensors; written atomically)')
    .option(
      '--epochs <n>',
      `passes over the training images (1 … 100; default ${DIGIT_TRAINING_DEFAULTS.epochs})`,
      integerFromTo(1, 100),
    )
    .option('--steps <n>', 'stop after this many steps instead of whole epochs', integerFromTo(1, 10_000_000))
    .option(
      '--seed <s>',
      'seed of the initial weights and the batch order',
      integerAtLeast(0),
      DIGIT_TRAINING_DEFAULTS.seed,
    )
    .option(
      '--batch-size <n>',
      `examples per step (1 … 4096; default ${DIGIT_TRAINING_DEFAULTS.batchSize})`,
      integerFromTo(1, 4096),
    )
    .option(
      '--learning-rate <r>',
      `Adam's peak learning rate, cosine-decayed (default ${DIGIT_TRAINING_DEFAULTS.learningRate})`,
      positiveNumber,
    )
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: TrainOptions, command: Command) => {
      if (options.epochs !== undefined && options.steps !== undefined)
        throw new UsageError('give --epochs or --steps, not both');
      const out = resolve(io.cwd, options.out);
      if (!out.endsWith('.safetensors'))
        throw new UsageError(`option '--out <file>' argument '${options.out}' must end in .safetensors`);
      const compute = await startCompute(command, context);
      const [train, test] = await Promise.all([bundledDigits('train'), bundledDigits('test')]);
      const batchSize = options.batchSize ?? DIGIT_TRAINING_DEFAULTS.batchSize;
      const result = await withProgress(context, 'digits train', (onProgress) =>
        trainDigitNet(compute, train, {
          seed: options.seed,
          batchSize,
          ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
          ...(options.steps === undefined ? {} : { steps: options.steps }),
          ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
          signal: context.signal,
          onProgress: (p) =>
            onProgress({
              fraction: p.step / p.totalSteps,
              message: `step ${p.step}/${p.totalSteps} epoch ${p.epoch}, loss ${p.loss.toFixed(4)}`,
            }),
        }),
      );
      try {
        const accuracy = await evaluateDigitNet(compute, result.net, test, { signal: context.signal });
        const bytes = await saveDigitNet(result.net, result.config, {
          seed: String(options.seed),
          steps: String(result.steps),
          batch_size: String(batchSize),
          test_accuracy: String(accuracy.accuracy),
        });
        await writeFileAtomic(out, bytes);
        const report: DigitsTrainReport = {
          out,
          steps: result.steps,
          seed: options.seed,
          batchSize,
          finalLoss: result.losses.at(-1)!,
          trainingSeconds: result.elapsedMs / 1000,
          accuracy: accuracy.accuracy,
        };
        if (options.json) {
          writeJson(io, report);
          return;
        }
        io.stdout.write(
          `trained ${result.steps} steps in ${report.trainingSeconds.toFixed(1)} s, final loss ${report.finalLoss.toFixed(4)}; test accuracy ${(100 * accuracy.accuracy).toFixed(2)}%; wrote ${out}\n`,
        );
      } finally {
        result.net.dispose();
      }
    });
}
