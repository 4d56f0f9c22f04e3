import { countCharacterNgrams, countWordNgrams, generate, type NgramCounts } from '@chatgpt-explained/ngram';
import { letterPairExperiment } from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { checkFigurePath, writeFigure } from '../figure-output';
import { writeJson } from '../io';
import type { CommandContext } from '../main';
import { integerAtLeast, nonNegativeNumber, positiveInteger } from '../number-options';
import { jsonOption } from '../options';
import { readTextInput } from '../read-input';
import { UsageError } from '../usage-error';

type Unit = 'char' | 'word';

interface CountOptions {
  readonly unit: Unit;
  readonly n: number;
}

interface TopOptions extends CountOptions {
  readonly top: number;
  readonly json?: boolean;
}

interface GenerateOptions extends CountOptions {
  readonly length: number;
  readonly start?: string;
  readonly temperature: number;
  readonly seed: number;
  readonly json?: boolean;
}

interface MatrixOptions {
  readonly out?: string;
  readonly json?: boolean;
}

/** What `ngram --json` prints: the most frequent n-grams, in descending count. */
export interface NgramTopReport {
  readonly ngrams: readonly { readonly gram: readonly string[]; readonly count: number }[];
}

const unitOption = () =>
  new Option('--unit <unit>', 'count characters or words').choices(['char', 'word']).default('word');
const orderOption = () => new Option('--n <n>', 'n-gram order (1 … 16)').argParser(integerAtLeast(1)).default(2);

function count(text: string, { unit, n }: CountOptions): NgramCounts {
  if (n > 16) throw new UsageError(`option '--n <n>' argument '${n}' is too large (at most 16)`);
  return unit === 'word' ? countWordNgrams(text, n) : countCharacterNgrams(text, n);
}

const show = (gram: readonly string[], unit: Unit) =>
  unit === 'word' ? gram.join(' ') : JSON.stringify(gram.join('')).slice(1, -1);

/**
 * Registers `ngram` (the most frequent n-grams of a text, the default), `ngram generate` (text
 * drawn from them, essay 2.4–2.5 and the temperature demo) and `ngram matrix` (the letter-pair
 * matrix, essay 2.3).
 */
export function registerNgramCommand(program: Command, context: CommandContext): void {
  const { io } = context;
  const ngram = program
    .command('ngram')
    .description('n-grams of a text: the most frequent (default), generate from them, the letter-pair matrix');

  ngram
    .command('top', { isDefault: true })
    .description('the most frequent n-grams of a text (the default of ngram)')
    .argument('[file]', 'the text, or - (or nothing) for stdin')
    .addOption(unitOption())
    .addOption(orderOption())
    .option('--top <k>', 'how many to show', positiveInteger, 20)
    .addOption(jsonOption())
    .action(async (file: string | undefined, options: TopOptions) => {
      const counts = count(await readTextInput(io, file, { signal: context.signal }), options);
      const top = counts.top(options.top);
      if (options.json) {
        writeJson(io, { ngrams: top.map(({ gram, count }) => ({ gram, count })) } satisfies NgramTopReport);
        return;
      }
      const width = String(top[0]?.count ?? 0).length;
      io.stdout.write(
        top.map((t) => `${String(t.count).padStart(width)}  ${show(t.gram, options.unit)}`).join('\n') +
          `\n${counts.total().toLocaleString('en-US')} ${options.unit} ${options.n}-grams, ${counts.distinct().toLocaleString('en-US')} distinct\n`,
      );
    });

  ngram
    .command('generate')
    .description('generate text from the n-grams of a text (seeded; essay 2.4–2.5)')
    .argument('[file]', 'the text to learn from, or - (or nothing) for stdin')
    .addOption(unitOption())
    .addOption(orderOption())
    .option('--length <k>', 'how many words or characters to generate', positiveInteger, 30)
    .option('--start <text>', 'what the generated text follows (words, or characters with --unit char), e.g. "cat"')
    .option('--temperature <t>', '0: always the most frequent; 1: as counted', nonNegativeNumber, 1)
    .option('--seed <s>', 'seed of the random draws: the same seed gives the same text', integerAtLeast(0), 1)
    .addOption(jsonOption())
    .action(async (file: string | undefined, options: GenerateOptions) => {
      const counts = count(await readTextInput(io, file, { signal: context.signal }), options);
      const start =
        options.start === undefined
          ? []
          : options.unit === 'word'
            ? options.start.toLowerCase().split(/\s+/).filter(Boolean)
            : [...options.start];
      const tokens = generate(counts, {
        length: options.length,
        start: start.slice(-(options.n - 1) || start.length),
        temperature: options.temperature,
        seed: options.seed,
      });
      const text = [...start, ...tokens].join(options.unit === 'word' ? ' ' : '');
      if (options.json) {
        writeJson(io, { text, tokens });
        return;
      }
      io.stdout.write(`${text}\n`);
    });

  ngram
    .command('matrix')
    .description('the letter-pair (2-gram) probability matrix of a text, as a heatmap (essay 2.3)')
    .argument('[file]', 'the text, or - (or nothing) for stdin')
    .option('--out <file>', 'draw the heatmap to this .svg or .png file')
    .addOption(jsonOption())
    .action(async (file: string | undefined, options: MatrixOptions) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const result = letterPairExperiment(await readTextInput(io, file, { signal: context.signal }));
      if (out !== undefined) {
        await writeFigure(result.figures[0]!.spec, out);
        io.stderr.write(`heatmap written to ${out}\n`);
      }
      if (options.json) {
        writeJson(io, { letters: result.letters, conditional: result.conditional });
        return;
      }
      const rows = result.letters.map((first, i) => {
        const next = result.letters
          .map((second, j) => ({ second, p: result.conditional[i]![j]! }))
          .filter((e) => e.p > 0)
          .sort((a, b) => b.p - a.p)
          .slice(0, 5);
        return `${first} → ${next.map((e) => `${e.second} ${(100 * e.p).toFixed(1)}%`).join(', ')}`;
      });
      io.stdout.write(`${rows.join('\n')}\n`);
    });
}
