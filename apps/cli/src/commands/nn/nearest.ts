import {
  DEFAULT_NEAREST_HIDDEN,
  nearestPointExperiment,
  type NearestPointResult,
  type PlanePoint,
} from '@chatgpt-explained/essay';
import { InvalidArgumentError, type Command } from 'commander';
import { checkFigurePath } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerAtLeast, integerFromTo } from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { createProgressBar } from '../../progress';
import { startCompute, writeFigures } from './training-run';

interface NearestOptions {
  readonly points: PlanePoint[];
  readonly hidden?: number[];
  readonly steps: number;
  readonly seed: number;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `nn nearest --json` prints: `agreement` first, then the net, the box and a few losses. */
export type NnNearestReport = Omit<NearestPointResult, 'figures'>;

const finite = (text: string) => (text.trim() === '' ? NaN : Number(text));

/** Parses `--points "x,y;x,y;x,y"`: exactly three distinct points of two finite numbers each. */
export function parseNearestPoints(value: string): PlanePoint[] {
  const groups = value.split(';').map((g) => g.trim());
  if (groups.length !== 3) {
    throw new InvalidArgumentError(`Expected three points "x,y;x,y;x,y", got ${groups.length}.`);
  }
  const points = groups.map((group) => {
    const parts = group.split(',').map(finite);
    if (parts.length !== 2 || !parts.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e9)) {
      throw new InvalidArgumentError(`Expected "x,y" (two numbers of magnitude ≤ 1e9) for each point; got "${group}".`);
    }
    return { x: parts[0]!, y: parts[1]! };
  });
  points.forEach((p, i) => {
    if (points.slice(0, i).some((q) => q.x === p.x && q.y === p.y)) {
      throw new InvalidArgumentError(`Expected three distinct points; (${p.x}, ${p.y}) appears twice.`);
    }
  });
  return points;
}

/**
 * Parses `--hidden 16,16`: 0 to 4 hidden-layer widths from 1 to 256. `none` (or an empty value)
 * means no hidden layer: a softmax-linear classifier, which can draw a Voronoi diagram exactly.
 */
export function parseNearestHidden(value: string): number[] {
  const text = value.trim();
  if (text === '' || text === 'none') return [];
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > 4 || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 256)) {
    throw new InvalidArgumentError(
      `Expected "none" or 1 to 4 comma-separated layer widths from 1 to 256; got "${value}".`,
    );
  }
  return parts.map(Number);
}

const percent = (v: number) => `${(100 * v).toFixed(2)}%`;
const interval = ([a, b]: readonly [number, number]) => `[${Number(a.toPrecision(6))}, ${Number(b.toPrecision(6))}]`;

/**
 * Registers `nn nearest` (essay 5.2): a net learns which of three points is nearest to each point
 * of the plane (their Voronoi diagram); reports the share of a 200 × 200 grid over the padded box
 * where it is right.
 */
export function registerNnNearestCommand(nn: Command, context: CommandContext): void {
  const { io } = context;
  nn.command('nearest')
    .description('train a net to tell which of three points is nearest, against the true Voronoi regions (essay 5.2)')
    .requiredOption('--points <list>', 'three distinct points "x,y;x,y;x,y"', parseNearestPoints)
    .option(
      '--hidden <list>',
      `hidden ReLU layer widths, comma-separated (1 … 256 each, up to 4 layers; "none" for no hidden layer; default ${DEFAULT_NEAREST_HIDDEN.join(',')}; the essay's small net is 4,3, fragile and seed-dependent)`,
      parseNearestHidden,
    )
    .option('--steps <n>', 'full-batch Adam steps (1 … 20000)', integerFromTo(1, 20_000), 300)
    .option('--seed <s>', 'seed of the training points and the initial weights', integerAtLeast(0), 0)
    .option(
      '--out <file>',
      "draw the net's regions to this .svg or .png file and the true Voronoi regions to <file>-voronoi",
    )
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: NearestOptions, command: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const compute = await startCompute(command, context);
      const bar = createProgressBar(io.stderr, { label: 'nn nearest' });
      const result = await nearestPointExperiment(
        {
          points: options.points,
          steps: options.steps,
          seed: options.seed,
          ...(options.hidden === undefined ? {} : { hidden: options.hidden }),
        },
        {
          compute,
          signal: context.signal,
          onProgress: (p) =>
            bar.update(p.step / p.totalSteps, `step ${p.step}/${p.totalSteps}, loss ${p.loss.toFixed(4)}`),
        },
      );
      bar.finish(`loss ${result.losses.at(-1)!.loss.toFixed(4)}`);
      if (out !== undefined) {
        const [voronoi, net] = result.figures;
        await writeFigures(context, out, [
          { figure: net!, suffix: undefined },
          { figure: voronoi!, suffix: 'voronoi' },
        ]);
      }
      const { figures: _figures, ...report } = result;
      if (options.json) {
        writeJson(io, report satisfies NnNearestReport);
        return;
      }
      const r = result;
      io.stdout.write(
        [
          `points ${r.points.map((p) => `(${p.x}, ${p.y})`).join(', ')}; padded box ${interval(r.box.x)} × ${interval(r.box.y)}`,
          `net ${r.layers.join('→')} (${r.parameters} weights), ${r.steps} Adam steps on ${r.samples} points, seed ${r.seed}: final loss ${r.losses.at(-1)!.loss.toFixed(4)}`,
          `agreement with the true nearest point: ${percent(r.agreement)} of a ${r.grid}×${r.grid} grid (${percent(r.trainingAgreement)} of the training points)`,
        ].join('\n') + '\n',
      );
    });
}
