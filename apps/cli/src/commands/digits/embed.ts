import {
  digitEmbeddingExperiment,
  digitOutputsExperiment,
  type DigitEmbeddingResult,
  type DigitOutputsResult,
} from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { checkFigurePath } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast, integerFromTo } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { startCompute, withProgress, writeFigures } from '../nn/training-run';
import { bundledDigits, loadNet } from './shared';

interface EmbedOptions {
  readonly count: number;
  readonly method: 'pca' | 'umap' | 'both';
  readonly digit: number;
  readonly seed: number;
  readonly umapEpochs?: number;
  readonly model?: string;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `digits embed --json` prints: the outputs for one image, and the layouts (row-major points). */
export interface DigitsEmbedReport {
  readonly outputs: Omit<DigitOutputsResult, 'figures'>;
  readonly embedding: Omit<DigitEmbeddingResult, 'figures'>;
}

/**
 * Registers `digits embed` (essay 8.2): the net's softmax and pre-softmax outputs for a 4, and its
 * penultimate-layer vectors of many test images laid out in 2-D and 3-D by PCA and UMAP.
 */
export function registerDigitsEmbedCommand(digits: Command, context: CommandContext): void {
  const { io } = context;
  digits
    .command('embed')
    .description(
      "the net's outputs for a 4, and its penultimate-layer vectors of test images in 2-D and 3-D (essay 8.2)",
    )
    .option('--count <n>', 'test images to lay out (10 … 10000)', integerFromTo(10, 10_000), 2000)
    .addOption(new Option('--method <m>', 'layouts to compute').choices(['pca', 'umap', 'both']).default('both'))
    .option('--digit <d>', 'show the outputs for the first test image of this digit', integerFromTo(0, 9), 4)
    .option('--seed <s>', 'seed of UMAP', integerAtLeast(0), 1)
    .option('--umap-epochs <n>', "UMAP's optimisation epochs (default: umap-js's choice)", integerFromTo(1, 5000))
    .option('--model <file>', 'a digit net (.safetensors; default: the shipped digits-lenet)')
    .option(
      '--out <file>',
      'draw the layouts to this .svg or .png file and its siblings <file>-pca-3d, …, and the outputs to <file>-probabilities and <file>-logits',
    )
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: EmbedOptions, command: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const compute = await startCompute(command, context);
      const { net } = await loadNet(context, compute, options.model);
      try {
        const test = await bundledDigits('test');
        const outputs = await digitOutputsExperiment(compute, net, test, { digit: options.digit });
        const embedding = await withProgress(context, 'digits embed', (onProgress) =>
          digitEmbeddingExperiment(compute, net, test, {
            count: options.count,
            methods: options.method === 'both' ? ['pca', 'umap'] : [options.method],
            seed: options.seed,
            ...(options.umapEpochs === undefined ? {} : { umapEpochs: options.umapEpochs }),
            signal: context.signal,
            onProgress: (fraction) => onProgress({ fraction, message: 'layouts' }),
          }),
        );
        const { figures: outputFigures, ...outputReport } = outputs;
        const { figures: layoutFigures, ...layoutReport } = embedding;
        if (out !== undefined) {
          await writeFigures(context, out, [
            ...layoutFigures.map((figure, i) => ({
              figure,
              suffix: i === 0 ? undefined : figure.name.replace(/^8\.2-digit-/, ''),
            })),
            { figure: outputFigures[0]!, suffix: 'probabilities' },
            { figure: outputFigures[1]!, suffix: 'logits' },
          ]);
        }
        if (options.json) {
          writeJson(io, { outputs: outputReport, embedding: layoutReport } satisfies DigitsEmbedReport);
          return;
        }
        const o = outputReport;
        io.stdout.write(
          [
            `MNIST test image ${o.index} (a ${o.label}); the net reads ${o.predicted}`,
            `digit  probability  pre-softmax`,
            ...o.probabilities.map(
              (p, d) =>
                `${String(d).padStart(5)}  ${p.toExponential(3).padStart(11)}  ${o.logits[d]!.toFixed(3).padStart(11)}`,
            ),
            `${layoutReport.count} penultimate vectors (${layoutReport.width} numbers each) laid out by ${layoutReport.layouts.map((l) => `${l.method.toUpperCase()} ${l.dimensions}-D${l.explainedVariance ? ` (variance ${l.explainedVariance.map((v) => `${(100 * v).toFixed(1)}%`).join(' + ')})` : ''}`).join(', ')}`,
          ].join('\n') + '\n',
        );
      } finally {
        net.dispose();
      }
    });
}
