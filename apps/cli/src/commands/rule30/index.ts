import { automatonFigure, centreColumn, runAutomaton, type AutomatonBoundary } from '@chatgpt-explained/essay';
import { Option, type Command } from 'commander';
import { checkFigurePath, writeFigure } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerFromTo } from '../../number-options';
import { jsonOption } from '../../options';

interface Rule30Options {
  readonly rule: number;
  readonly steps: number;
  readonly width?: number;
  readonly start: 'single' | 'random';
  readonly seed: number;
  readonly boundary: AutomatonBoundary;
  readonly out?: string;
  readonly json?: boolean;
}

/** What `rule30 --json` prints. */
export interface Rule30Report {
  readonly rule: number;
  readonly steps: number;
  readonly width: number;
  readonly boundary: AutomatonBoundary;
  /** One string of 0s and 1s per row, the start first. */
  readonly rows: readonly string[];
  /** The middle cell of every row. */
  readonly centreColumn: readonly number[];
}

/**
 * Registers `rule30` (essay 13.1): runs an elementary cellular automaton, rule 30 unless `--rule`
 * says otherwise, and prints its rows as text (█ for a black cell), or draws them with `--out`.
 */
export function registerRule30Command(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('rule30')
    .description(
      'rule 30 (or any elementary cellular automaton) from one black cell, as text or a picture (essay 13.1)',
    )
    .option('--rule <n>', "Wolfram's rule number (0 … 255)", integerFromTo(0, 255), 30)
    .option('--steps <n>', 'steps to run (0 … 10000; the essay draws 100)', integerFromTo(0, 10_000), 31)
    .option(
      '--width <n>',
      'cells in a row (1 … 20001; default 2·steps + 1, or 64 with --start random)',
      integerFromTo(1, 20_001),
    )
    .addOption(
      new Option('--start <how>', 'one black cell in the middle, or random cells')
        .choices(['single', 'random'])
        .default('single'),
    )
    .option('--seed <n>', 'seed of a random start', integerFromTo(0, 2 ** 31), 1)
    .addOption(
      new Option('--boundary <kind>', 'beyond the ends: white cells, or the row wraps around')
        .choices(['zero', 'periodic'])
        .default('zero'),
    )
    .option('--out <file>', 'draw the rows to this .svg or .png file')
    .addOption(jsonOption())
    .action(async (options: Rule30Options) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const run = runAutomaton({
        rule: options.rule,
        steps: options.steps,
        start: options.start,
        seed: options.seed,
        boundary: options.boundary,
        ...(options.width === undefined ? {} : { width: options.width }),
      });
      if (out !== undefined) {
        await writeFigure(automatonFigure(run).spec, out);
        io.stderr.write(`picture written to ${out}\n`);
      }
      if (options.json) {
        const report: Rule30Report = {
          rule: run.rule,
          steps: run.steps,
          width: run.width,
          boundary: run.boundary,
          rows: run.rows.map((row) => row.join('')),
          centreColumn: centreColumn(run),
        };
        writeJson(io, report);
        return;
      }
      io.stdout.write(
        run.rows
          .map((row) =>
            Array.from(row, (c) => (c === 1 ? '█' : ' '))
              .join('')
              .trimEnd(),
          )
          .join('\n') + '\n',
      );
    });
}
