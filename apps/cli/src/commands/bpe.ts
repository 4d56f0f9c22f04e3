import { formatHuggingFaceVocab, trainBpe } from '@chatgpt-explained/tokenizer';
import { InvalidArgumentError, type Command } from 'commander';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { writeJson } from '../io';
import type { CommandContext } from '../main';
import { integerAtLeast } from '../number-options';
import { jsonOption } from '../options';
import { readTextInput } from '../read-input';
import { createProgressBar } from '../progress';
import { UsageError } from '../usage-error';

/** The special token a trained vocabulary gets when `--special` is not given. */
const DEFAULT_SPECIAL = '<|endoftext|>';

interface BpeTrainOptions {
  readonly vocabSize: number;
  readonly out: string;
  readonly special?: readonly string[];
  readonly minFrequency?: number;
  readonly json?: boolean;
}

/** What `bpe train` did, as printed by `--json`. */
export interface BpeTrainReport {
  /** Ids in the vocabulary written: 256 bytes + merges + special tokens. */
  readonly vocabSize: number;
  /** Merges learned (fewer than asked when no pair was frequent enough any more). */
  readonly merges: number;
  /** The output directory, absolute. */
  readonly out: string;
  /** The files written, absolute: `vocab.json` and `merges.txt`. */
  readonly files: readonly string[];
}

function collect(value: string, previous: readonly string[] | undefined): string[] {
  if (value === '') throw new InvalidArgumentError('A special token cannot be empty.');
  return [...(previous ?? []), value];
}

/**
 * Registers `bpe train`: learns byte-level BPE merges from a text with GPT-2's pre-tokenizer and
 * writes Hugging Face's `vocab.json` and `merges.txt` to `--out`. `-` reads stdin (`io.stdin`).
 */
export function registerBpeCommand(program: Command, context: CommandContext): void {
  const { io } = context;
  const bpe = program.command('bpe').description('byte-level BPE vocabularies: train one on your own text');
  bpe
    .command('train')
    .description(
      "learn byte-level BPE merges from a UTF-8 text (GPT-2's pre-tokenizer) and write vocab.json and merges.txt",
    )
    .argument('<file>', 'the text to learn from, or - for stdin')
    .requiredOption('--vocab-size <n>', 'ids wanted, special tokens included (at least 257)', integerAtLeast(257))
    .requiredOption('--out <dir>', 'directory for vocab.json and merges.txt (created if needed)')
    .option(
      '--special <token>',
      `a special token, given the last ids; repeat for several (default: ${DEFAULT_SPECIAL})`,
      collect,
    )
    .option('--min-frequency <n>', 'stop early when no pair occurs this often (default: 2)', integerAtLeast(1))
    .addOption(jsonOption())
    .action(async (file: string, options: BpeTrainOptions) => {
      const specialTokens = options.special ?? [DEFAULT_SPECIAL];
      if (new Set(specialTokens).size !== specialTokens.length) {
        throw new UsageError(`option '--special <token>' is given the same token twice`);
      }
      const least = 256 + specialTokens.length;
      if (options.vocabSize < least) {
        throw new UsageError(
          `option '--vocab-size <n>' argument '${options.vocabSize}' is too small: 256 bytes + ${specialTokens.length} special tokens need at least ${least}`,
        );
      }
      const outDir = resolve(io.cwd, options.out);
      const text = await readTextInput(io, file, { signal: context.signal });

      const started = Date.now();
      const bar = createProgressBar(io.stderr, { label: 'bpe train' });
      const def = await trainBpe(text, {
        vocabSize: options.vocabSize,
        specialTokens,
        ...(options.minFrequency === undefined ? {} : { minFrequency: options.minFrequency }),
        signal: context.signal,
        onProgress: (e) =>
          bar.update(e.totalMerges === 0 ? 1 : e.merges / e.totalMerges, `${e.merges}/${e.totalMerges} merges`),
      });
      const merges = def.merges?.length ?? 0;
      bar.finish(`${merges} merges`);

      const { vocabJson, mergesTxt } = formatHuggingFaceVocab(def);
      context.signal.throwIfAborted();
      const files = [resolve(outDir, 'vocab.json'), resolve(outDir, 'merges.txt')];
      await writeFileAtomic(files[0]!, vocabJson);
      await writeFileAtomic(files[1]!, mergesTxt);

      const report: BpeTrainReport = {
        vocabSize: def.tokens.length + Object.keys(def.specialTokens).length,
        merges,
        out: outDir,
        files,
      };
      if (options.json) {
        writeJson(io, report);
        return;
      }
      const wanted = options.vocabSize - least;
      const early =
        merges < wanted
          ? ` (stopped early: no pair occurs ${options.minFrequency ?? 2} times; ${wanted} merges were wanted)`
          : '';
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.stdout.write(
        `Learned ${merges} merges from ${text.length.toLocaleString('en-US')} characters in ${seconds} s${early}.\n` +
          `Vocabulary of ${report.vocabSize} ids (256 bytes, ${merges} merges, ${specialTokens.length} special) written to ${outDir}: vocab.json, merges.txt\n`,
      );
    });
}
