import { neuronExperiment, neuronFormula, type NeuronResult, type NeuronWeights } from '@chatgpt-explained/essay';
import { integerFromTo, positiveNumber } from '../../number-options';
import { initBackend } from '@chatgpt-explained/nn-core';
import { InvalidArgumentError, type Command } from 'commander';
import { checkFigurePath, writeFigure } from '../../figure-output';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { nodeBackendRegistry } from '../../node-backends';
import { backendOption, backendRequest, jsonOption } from '../../options';
import { siblingFigurePath } from './figure-paths';

interface NeuronOptions {
  readonly weights?: readonly NeuronWeights[];
  readonly grid: number;
  readonly extent: number;
  readonly json?: boolean;
  readonly out?: string;
}

/** What `nn neuron --json` prints: the grid axis and each setting's outputs over the grid. */
export type NnNeuronReport = Omit<NeuronResult, 'figures'>;

/** Parses `--weights "w1,w2,b;w1,w2,b"`: 1 to 16 settings of three finite numbers each. */
export function parseNeuronWeights(value: string): NeuronWeights[] {
  const groups = value.split(';').map((g) => g.trim());
  if (groups.length > 16) throw new InvalidArgumentError(`Expected at most 16 settings, got ${groups.length}.`);
  return groups.map((group) => {
    const parts = group.split(',').map((p) => p.trim());
    const numbers = parts.map(Number);
    if (parts.length !== 3 || parts.some((p) => p === '') || !numbers.every(Number.isFinite)) {
      throw new InvalidArgumentError(`Expected "w1,w2,b" (three numbers) for each setting; got "${group}".`);
    }
    const [w1, w2, b] = numbers as [number, number, number];
    return { w1, w2, b };
  });
}

/**
 * Registers `nn neuron` (essay 5.1): what one neuron with two inputs and Ramp (ReLU) computes,
 * `ReLU(w1·x₁ + w2·x₂ + b)`, over a grid of the plane, for several weights, on a compute backend.
 */
export function registerNnNeuronCommand(nn: Command, context: CommandContext): void {
  const { io } = context;
  nn.command('neuron')
    .description('what one two-input ReLU neuron computes over the plane, for several weights (essay 5.1)')
    .option('--weights <list>', 'settings "w1,w2,b;w1,w2,b;…" (default: four examples)', parseNeuronWeights)
    .option('--grid <n>', 'grid points along each axis (2 … 512)', integerFromTo(2, 512), 64)
    .option('--extent <r>', 'evaluate over the square [-r, r]²', positiveNumber, 1)
    .option('--out <file>', 'draw the heatmap to this .svg or .png file (several settings: <file>-1, <file>-2, …)')
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (options: NeuronOptions, command: Command) => {
      const out = options.out === undefined ? undefined : checkFigurePath(io.cwd, options.out);
      const compute = await initBackend(nodeBackendRegistry(), backendRequest(command, io), { signal: context.signal });
      io.stderr.write(`backend: ${compute.backend} (${compute.reason})\n`);
      const result = await neuronExperiment(compute, {
        grid: options.grid,
        extent: options.extent,
        signal: context.signal,
        ...(options.weights === undefined ? {} : { weights: options.weights }),
      });
      if (out !== undefined) {
        const paths = result.figures.map((_, i) =>
          result.figures.length === 1 ? out : siblingFigurePath(out, String(i + 1)),
        );
        for (const [i, figure] of result.figures.entries()) await writeFigure(figure.spec, paths[i]!);
        io.stderr.write(`heatmaps written to ${paths.join(', ')}\n`);
      }
      const { figures: _figures, ...report } = result;
      if (options.json) {
        writeJson(io, report satisfies NnNeuronReport);
        return;
      }
      const r = options.extent;
      io.stdout.write(
        result.maps
          .map(
            (m) =>
              `${neuronFormula(m.weights)} on [${-r}, ${r}]²: ${Number(m.min.toPrecision(3))} … ${Number(m.max.toPrecision(3))}, 0 on ${Math.round(100 * m.zeroFraction)}% of the square`,
          )
          .join('\n') + `\n${options.grid}×${options.grid} grid; --json for the values, --out for heatmaps\n`,
      );
    });
}
