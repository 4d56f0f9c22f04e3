import { WORD_LAYOUT_GROUPS, wordLayoutExperiment, type LaidOutWord } from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataDir } from '../../data-dir';
import { checkFigurePath, writeFigure } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast } from '../../number-options';
import { jsonOption } from '../../options';
import { createProgressBar } from '../../progress';
import { UsageError } from '../../usage-error';
import { loadWordVectors, modelOption, normaliseWord } from './model';
import { EMBEDDING_TRAINING_FILES } from './recipe';

interface PlotOptions {
  readonly method: 'pca' | 'umap';
  readonly seed: number;
  readonly out?: string;
  readonly model?: string;
  readonly json?: boolean;
}

/** What `embed plot --json` prints: each word with its group, corpus count and 2-D position. */
export interface EmbedPlotReport {
  readonly method: 'pca' | 'umap';
  readonly words: readonly { word: string; group: string; count: number; x: number; y: number }[];
  readonly missing: readonly { word: string; count: number }[];
  /** Share of variance on the two principal components (PCA). */
  readonly explainedVariance: readonly [number, number];
}

/**
 * Registers `embed plot [WORD…]` (essay 8.1): words laid out in 2-D (PCA or UMAP of their unit
 * vectors); without words, the essay's groups (animals, food and drink, family, colours, numbers).
 */
export function registerEmbedPlotCommand(embed: Command, context: CommandContext): void {
  const { io } = context;
  embed
    .command('plot')
    .description("lay words out in 2-D by their vectors (essay 8.1); default: the essay's five groups of words")
    .argument('[words...]', 'words to lay out (at least 3; default: the essay 8.1 groups)')
    .addOption(new Option('--method <name>', 'projection').choices(['pca', 'umap']).default('pca'))
    .option('--seed <s>', 'UMAP seed', integerAtLeast(0), 1)
    .option('--out <file>', 'draw the layout to this .svg or .png file')
    .addOption(modelOption())
    .addOption(jsonOption())
    .action(async (words: string[], options: PlotOptions) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      if (words.length > 0 && words.length < 3) throw new UsageError('embed plot needs at least 3 words');
      const vectors = await loadWordVectors(io, options.model);
      const groups = words.length > 0 ? { words: [...new Set(words.map(normaliseWord))] } : WORD_LAYOUT_GROUPS;
      const known = Object.values(groups)
        .flat()
        .filter((w) => vectors.has(w));
      if (known.length < 3) {
        throw new UsageError(`embed plot: only ${known.length} of the words are in the vocabulary; need at least 3`);
      }
      const data = dataDir();
      const corpus = await Promise.all(EMBEDDING_TRAINING_FILES.map((file) => readFile(join(data, file), 'utf8')));
      const bar = options.method === 'umap' ? createProgressBar(io.stderr, { label: 'embed plot (UMAP)' }) : undefined;
      const result = await wordLayoutExperiment(vectors, corpus, {
        groups,
        umap: options.method === 'umap',
        seed: options.seed,
        signal: context.signal,
        ...(bar === undefined ? {} : { onProgress: (f: number) => bar.update(f) }),
      });
      bar?.finish();
      const position = (w: LaidOutWord): readonly [number, number] => (options.method === 'umap' ? w.umap! : w.pca);
      if (out !== undefined) {
        const figure = result.figures.find((f) => f.name.endsWith(options.method))!;
        await writeFigure(figure.spec, out);
        io.stderr.write(`wrote ${out}\n`);
      }
      const report: EmbedPlotReport = {
        method: options.method,
        words: result.words.map((w) => ({
          word: w.word,
          group: w.group,
          count: w.count,
          x: position(w)[0],
          y: position(w)[1],
        })),
        missing: result.missing,
        explainedVariance: result.explainedVariance,
      };
      if (options.json) {
        writeJson(io, report);
        return;
      }
      io.stdout.write(
        report.words
          .map(
            (w) =>
              `${w.word.padEnd(12)} ${w.group.padEnd(16)} ${String(w.count).padStart(6)}  ${w.x.toFixed(3).padStart(7)} ${w.y.toFixed(3).padStart(7)}`,
          )
          .join('\n') + '\n',
      );
      if (report.missing.length > 0)
        io.stdout.write(`not in the vocabulary: ${report.missing.map((m) => m.word).join(', ')}\n`);
    });
}
