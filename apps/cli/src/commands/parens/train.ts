import {
  PARENS_MODEL_SHAPE,
  PARENS_SPLIT,
  PARENS_TRAINING,
  evaluateParens,
  heldOutParensStrings,
  saveParensModel,
  trainParensModel,
} from '@chatgpt-explained/essay';
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../atomic-write';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast, integerFromTo, positiveNumber } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { startCompute, withProgress } from '../nn/training-run';

interface TrainOptions {
  readonly blocks: number;
  readonly heads: number;
  readonly dim: number;
  readonly seed: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly out?: string;
  readonly json?: boolean;
}

/** One group of held-out prefixes in `parens train --json`. */
export interface ParensHeldOutScore {
  readonly prefixes: number;
  /** Share with End > 0.5 after balanced and < 0.05 after unbalanced prefixes. */
  readonly accuracy: number;
  readonly balancedAccuracy: number;
  readonly unbalancedAccuracy: number;
}

/** What `parens train --json` prints. */
export interface ParensTrainReport {
  readonly out: string;
  readonly blocks: number;
  readonly heads: number;
  readonly dim: number;
  readonly seed: number;
  readonly steps: number;
  readonly parameters: number;
  readonly finalLoss: number;
  readonly trainingSeconds: number;
  /** Prefixes of 1–12 characters of held-out strings (never trained on). */
  readonly heldOutShort: ParensHeldOutScore;
  /** Prefixes of 13–24 characters. */
  readonly heldOutLong: ParensHeldOutScore;
}

/** Registers `parens train`: trains a parentheses transformer and saves it in the Hugging Face layout. */
export function registerParensTrainCommand(parens: Command, context: CommandContext): void {
  const { io } = context;
  parens
    .command('train')
    .description('train a transformer on balanced parentheses (essay 11.1), judge it on held-out strings, and save it')
    .option('--blocks <n>', 'attention blocks (1 … 12)', integerFromTo(1, 12), PARENS_MODEL_SHAPE.blocks)
    .option(
      '--heads <n>',
      'attention heads per block (1 … 64; must divide --dim)',
      integerFromTo(1, 64),
      PARENS_MODEL_SHAPE.heads,
    )
    .option('--dim <n>', 'length of the feature vectors (1 … 1024)', integerFromTo(1, 1024), PARENS_MODEL_SHAPE.dim)
    .option(
      '--seed <s>',
      'seed of the weights, the training strings and their order',
      integerAtLeast(0),
      PARENS_TRAINING.seed,
    )
    .option('--steps <n>', 'optimizer steps (1 … 1,000,000)', integerFromTo(1, 1_000_000), PARENS_TRAINING.steps)
    .option('--batch-size <n>', 'strings per step (1 … 4096)', integerFromTo(1, 4096), PARENS_TRAINING.batchSize)
    .option(
      '--learning-rate <r>',
      'peak learning rate, then a cosine decay',
      positiveNumber,
      PARENS_TRAINING.learningRate,
    )
    .option('--out <dir>', 'folder for config.json and model.safetensors (default parens-<blocks>x<dim>)')
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: TrainOptions, command: Command) => {
      if (options.dim % options.heads !== 0)
        throw new UsageError(`--heads ${options.heads} must divide --dim ${options.dim}`);
      const out = resolve(io.cwd, options.out ?? `parens-${options.blocks}x${options.dim}`);
      const compute = await startCompute(command, context);
      const trained = await withProgress(context, 'parens train', (onProgress) =>
        trainParensModel(compute, {
          model: { blocks: options.blocks, heads: options.heads, dim: options.dim },
          seed: options.seed,
          steps: options.steps,
          batchSize: options.batchSize,
          learningRate: options.learningRate,
          signal: context.signal,
          onProgress: (p) =>
            onProgress({
              fraction: p.step / p.totalSteps,
              message: `step ${p.step}/${p.totalSteps}, loss ${p.loss.toFixed(4)}`,
            }),
        }),
      );
      const { model } = trained;
      try {
        const heldOut = heldOutParensStrings(trained.split, { maxLength: trained.process.maxLength });
        const evaluation = await evaluateParens(compute, model, heldOut, { signal: context.signal });
        const files = await saveParensModel(model, {
          metadata: { seed: String(options.seed), steps: String(trained.steps) },
        });
        // config.json last: a folder is a whole model only once it is there.
        await writeFileAtomic(join(out, 'model.safetensors'), files['model.safetensors']!);
        await writeFileAtomic(join(out, 'config.json'), files['config.json']!);
        const score = (t: typeof evaluation.short): ParensHeldOutScore => ({
          prefixes: t.prefixes,
          accuracy: t.thresholdAccuracy,
          balancedAccuracy: t.balancedAccuracy,
          unbalancedAccuracy: t.unbalancedAccuracy,
        });
        const report: ParensTrainReport = {
          out,
          blocks: options.blocks,
          heads: options.heads,
          dim: options.dim,
          seed: options.seed,
          steps: trained.steps,
          parameters: model.parameterCount(),
          finalLoss: trained.losses.at(-1)!,
          trainingSeconds: trained.elapsedMs / 1000,
          heldOutShort: score(evaluation.short),
          heldOutLong: score(evaluation.long),
        };
        if (options.json) {
          writeJson(io, report);
          return;
        }
        const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
        io.stdout.write(
          `trained ${report.steps} steps in ${report.trainingSeconds.toFixed(1)} s (${report.parameters} parameters), final loss ${report.finalLoss.toFixed(4)}\n` +
            `held-out prefixes (split seed ${PARENS_SPLIT.seed}), End > 0.5 when balanced and < 0.05 when not:\n` +
            `  1–12 characters:  ${pct(report.heldOutShort.accuracy)} of ${report.heldOutShort.prefixes}\n` +
            `  13–24 characters: ${pct(report.heldOutLong.accuracy)} of ${report.heldOutLong.prefixes}\n` +
            `wrote ${out}\n`,
        );
      } finally {
        model.dispose();
      }
    });
}
