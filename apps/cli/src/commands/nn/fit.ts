import { fallTimesExperiment, type FallTimesResult } from '@chatgpt-explained/essay';
import { integerFromTo, positiveNumber } from '../../number-options';
import type { Command } from 'commander';
import { checkFigurePath, writeFigure } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { jsonOption } from '../../options';
import { siblingFigurePath } from './figure-paths';

interface FitOptions {
  readonly floors: number;
  readonly storeyHeight: number;
  readonly g: number;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `nn fit --json` prints: the data and each model's coefficients and errors. */
export type NnFitReport = Omit<FallTimesResult, 'figures'>;

const seconds = (s: number, digits = 3) => s.toFixed(digits);

/**
 * Registers `nn fit` (essay 3.1): idealised fall times from each floor of a tower, `t = √(2h/g)`,
 * fitted with a line, a quadratic, and the poor basis `a + b/x + c sin x`.
 */
export function registerNnFitCommand(nn: Command, context: CommandContext): void {
  const { io } = context;
  nn.command('fit')
    .description('fit fall times from each floor of a tower with a line, a quadratic and a poor basis (essay 3.1)')
    .option('--floors <n>', 'floors 1…n of the tower (4 … 1000)', integerFromTo(4, 1000), 10)
    .option('--storey-height <m>', 'height of one storey in metres', positiveNumber, 3)
    .option('--g <m/s²>', 'gravitational acceleration', positiveNumber, 9.81)
    .option('--out <file>', 'draw the data and fits to this .svg or .png file, and the errors to <file>-errors')
    .addOption(jsonOption())
    .action(async (options: FitOptions) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const result = fallTimesExperiment({ floors: options.floors, storeyHeight: options.storeyHeight, g: options.g });
      if (out !== undefined) {
        const [fits, errors] = result.figures;
        await writeFigure(fits!.spec, out);
        const errorsPath = siblingFigurePath(out, 'errors');
        await writeFigure(errors!.spec, errorsPath);
        io.stderr.write(`fits written to ${out}, errors to ${errorsPath}\n`);
      }
      const { figures: _figures, ...report } = result;
      if (options.json) {
        writeJson(io, report satisfies NnFitReport);
        return;
      }
      const header = ['floor', 'height (m)', 'time (s)', ...result.fits.map((f) => f.formula)];
      const rows = result.data.map((d, i) => [
        String(d.floor),
        d.height.toFixed(1),
        seconds(d.time),
        ...result.fits.map((f) => seconds(f.predicted[i]!)),
      ]);
      const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
      const line = (cells: readonly string[]) => cells.map((c, j) => c.padStart(widths[j]!)).join('  ');
      const summary = result.fits.map(
        (f) =>
          `${f.formula}: ${Object.entries(f.coefficients)
            .map(([k, v]) => `${k} = ${v.toPrecision(4)}`)
            .join(', ')}; RMS error ${seconds(f.rmsError, 4)} s, max ${seconds(f.maxError, 4)} s`,
      );
      io.stdout.write(
        [
          `t = √(2h/g): storey ${result.storeyHeight} m, g = ${result.g} m/s²`,
          line(header),
          ...rows.map(line),
          '',
          ...summary,
        ].join('\n') + '\n',
      );
    });
}
