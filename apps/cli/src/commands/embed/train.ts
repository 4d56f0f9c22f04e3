import {
  evaluateWordSimilarity,
  toWord2VecBinary,
  trainWord2Vec,
  type Word2VecOptions,
  type Word2VecProgress,
} from '@chatgpt-explained/embeddings';
import { trainWord2VecParallel } from '@chatgpt-explained/embeddings/node';
import type { LineChartSpec } from '@chatgpt-explained/viz';
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../atomic-write';
import { dataDir } from '../../data-dir';
import { checkFigurePath, writeFigure } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerFromTo, nonNegativeNumber, positiveInteger } from '../../number-options';
import { jsonOption } from '../../options';
import { createProgressBar } from '../../progress';
import { UsageError } from '../../usage-error';
import { DEFAULT_EMBEDDING_RECIPE, EMBEDDING_TRAINING_FILES } from './recipe';

interface TrainOptions {
  readonly corpus?: string[];
  readonly save: string;
  readonly out?: string;
  readonly dimensions: number;
  readonly window: number;
  readonly negative: number;
  readonly minCount: number;
  readonly sample: number;
  readonly epochs: number;
  readonly seed: number;
  readonly workers: number;
  readonly json?: boolean;
}

/** What `embed train --json` prints. */
export interface EmbedTrainReport {
  readonly save: string;
  readonly vocabulary: number;
  readonly corpusWords: number;
  readonly settings: Word2VecOptions & { readonly workers: number };
  readonly seconds: number;
  readonly wordsPerSecond: number;
  /** Mean SGNS loss of the first and the last progress interval. */
  readonly loss: { readonly first: number; readonly last: number };
  /** WordSim-353 Spearman on the pairs the new vectors cover. */
  readonly wordSimilarity: { readonly spearman: number | null; readonly covered: number; readonly total: number };
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * Registers `embed train`: word2vec skip-gram with negative sampling on the bundled corpus (or
 * `--corpus` files), saved in the word2vec binary format; defaults are the shipped embedding's recipe.
 */
export function registerEmbedTrainCommand(embed: Command, context: CommandContext): void {
  const { io } = context;
  const r = DEFAULT_EMBEDDING_RECIPE;
  embed
    .command('train')
    .description('train word2vec (skip-gram, negative sampling) on the bundled corpus or --corpus files')
    .requiredOption('--save <file>', 'write the vectors here (word2vec binary format, as gensim reads it)')
    .option(
      '--corpus <file>',
      'a text file to train on, one document (repeat for more; default: the bundled corpus)',
      collect,
    )
    .option('--out <file>', 'draw the loss curve to this .svg or .png file')
    .option('--dimensions <n>', 'vector length (1 … 1000)', integerFromTo(1, 1000), r.dimensions)
    .option('--window <n>', 'maximum context distance (1 … 100)', integerFromTo(1, 100), r.window)
    .option('--negative <n>', 'negative samples per pair (1 … 100)', integerFromTo(1, 100), r.negative)
    .option('--min-count <n>', 'ignore words seen fewer times', positiveInteger, r.minCount)
    .option('--sample <t>', 'subsampling threshold (0: off)', nonNegativeNumber, r.sample)
    .option('--epochs <n>', 'passes over the corpus (1 … 1000)', integerFromTo(1, 1000), r.epochs)
    .option(
      '--seed <s>',
      'seed (single-thread training is exactly reproducible)',
      integerFromTo(0, 2 ** 32 - 1),
      r.seed,
    )
    .option(
      '--workers <n>',
      'worker threads (1: deterministic single thread; more: faster, Hogwild like gensim)',
      integerFromTo(1, 64),
      1,
    )
    .addOption(jsonOption())
    .action(async (options: TrainOptions) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const save = resolve(io.cwd, options.save);
      if (options.sample > 1)
        throw new UsageError(`option '--sample <t>' argument '${options.sample}' must be at most 1`);
      const files =
        options.corpus?.map((f) => resolve(io.cwd, f)) ?? EMBEDDING_TRAINING_FILES.map((f) => join(dataDir(), f));
      const texts = await Promise.all(
        files.map((file) =>
          readFile(file, 'utf8').catch(() => {
            throw new UsageError(`option '--corpus <file>' argument '${file}': cannot read it`);
          }),
        ),
      );
      const settings: Word2VecOptions = {
        dimensions: options.dimensions,
        window: options.window,
        negative: options.negative,
        minCount: options.minCount,
        sample: options.sample,
        epochs: options.epochs,
        seed: options.seed,
        alpha: r.alpha,
        minAlpha: r.minAlpha,
      };
      const bar = createProgressBar(io.stderr, { label: 'embed train' });
      const losses: Word2VecProgress[] = [];
      const onProgress = (p: Word2VecProgress): void => {
        losses.push(p);
        bar.update(
          p.fraction,
          `epoch ${p.epoch + 1}/${options.epochs}, loss ${p.loss.toFixed(3)}, ${Math.round(p.wordsPerSecond)} words/s`,
        );
      };
      const started = performance.now();
      const common = { ...settings, signal: context.signal, onProgress };
      const vectors =
        options.workers === 1
          ? await trainWord2Vec(texts, common)
          : await trainWord2VecParallel(texts, { ...common, workers: options.workers });
      const seconds = (performance.now() - started) / 1000;
      const last = losses.at(-1)!;
      bar.finish(`loss ${last.loss.toFixed(3)}`);
      await writeFileAtomic(save, toWord2VecBinary(vectors));
      if (out !== undefined) {
        const spec: LineChartSpec = {
          kind: 'line',
          title: 'word2vec training loss',
          subtitle: `mean SGNS loss per (context, centre) pair, every ${(r.progressInterval / 1000).toFixed(0)}k words`,
          xLabel: 'corpus words × epochs',
          yLabel: 'loss',
          series: [{ name: 'loss', x: losses.map((p) => p.wordsDone), y: losses.map((p) => p.loss) }],
        };
        await writeFigure(spec, out);
      }
      const csv = await readFile(join(dataDir(), 'wordsim353/combined.csv'), 'utf8');
      const score = evaluateWordSimilarity(vectors, csv);
      const report: EmbedTrainReport = {
        save,
        vocabulary: vectors.size,
        corpusWords: last.wordsDone / options.epochs,
        settings: { ...settings, workers: options.workers },
        seconds,
        wordsPerSecond: last.wordsPerSecond,
        loss: { first: losses[0]!.loss, last: last.loss },
        wordSimilarity: {
          spearman: Number.isFinite(score.spearman) ? score.spearman : null,
          covered: score.covered,
          total: score.total,
        },
      };
      if (options.json) {
        writeJson(io, report);
        return;
      }
      io.stdout.write(
        [
          `trained ${vectors.size} words × ${options.dimensions} dimensions on ${report.corpusWords} corpus words, ${options.epochs} epochs, in ${seconds.toFixed(1)} s (${Math.round(report.wordsPerSecond)} words/s)`,
          `loss ${report.loss.first.toFixed(3)} → ${report.loss.last.toFixed(3)}`,
          `WordSim-353 Spearman ${report.wordSimilarity.spearman?.toFixed(3) ?? 'n/a'} on ${score.covered} of ${score.total} pairs`,
          `saved ${save}`,
        ].join('\n') + '\n',
      );
    });
}
