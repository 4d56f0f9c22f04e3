import { countLetters, type LetterCount } from '@chatgpt-explained/ngram';
import type { Command } from 'commander';
import { positiveInteger } from '../number-options';
import { checkFigurePath, writeFigure } from '../figure-output';
import { writeJson } from '../io';
import type { CommandContext } from '../main';
import { jsonOption } from '../options';
import { readTextInput } from '../read-input';

interface LettersOptions {
  readonly ignoreCase?: boolean;
  readonly json?: boolean;
  readonly out?: string;
  readonly top?: number;
}

/** What `letters --json` prints: every letter's count, most frequent first. */
export interface LettersReport {
  readonly counts: Record<string, number>;
}

/** The bar chart of `letters --out`: each letter's share of all letters. */
export function lettersFigure(letters: readonly LetterCount[], title: string) {
  return {
    kind: 'bar' as const,
    title,
    categories: letters.map((l) => l.letter),
    series: [{ name: 'letters', values: letters.map((l) => 100 * l.frequency) }],
    categoryLabel: 'letter',
    valueLabel: 'share of letters (%)',
    width: Math.max(360, 18 * letters.length),
    height: 300,
  };
}

/**
 * Registers `letters`: counts the Unicode letters of a text (essay 2.1), case kept unless
 * `--ignore-case`, and prints counts and percentages, or draws them with `--out`.
 */
export function registerLettersCommand(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('letters')
    .description('count the letters of a text (essay 2.1): counts, percentages and a bar chart')
    .argument('[file]', 'the text to count, or - (or nothing) for stdin')
    .option('--ignore-case', 'fold case: count "E" as "e"')
    .option('--top <k>', 'show only the k most frequent letters (text and chart)', positiveInteger)
    .option('--out <file>', 'also draw a bar chart to this .svg or .png file')
    .addOption(jsonOption())
    .action(async (file: string | undefined, options: LettersOptions) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const text = await readTextInput(io, file, { signal: context.signal });
      const letters = countLetters(text, { ignoreCase: options.ignoreCase === true });
      const shown = options.top === undefined ? letters : letters.slice(0, options.top);
      if (out !== undefined) {
        await writeFigure(
          lettersFigure(shown, `Letters of ${file === undefined || file === '-' ? 'stdin' : file}`),
          out,
        );
        io.stderr.write(`bar chart written to ${out}\n`);
      }
      if (options.json) {
        writeJson(io, { counts: Object.fromEntries(letters.map((l) => [l.letter, l.count])) } satisfies LettersReport);
        return;
      }
      const total = letters.reduce((sum, l) => sum + l.count, 0);
      const width = String(shown[0]?.count ?? 0).length;
      io.stdout.write(
        shown
          .map((l) => `${l.letter}  ${String(l.count).padStart(width)}  ${(100 * l.frequency).toFixed(2).padStart(5)}%`)
          .join('\n') + `\n${total.toLocaleString('en-US')} letters, ${letters.length} distinct\n`,
      );
    });
}
