import { dense, type ComputeContext } from '@chatgpt-explained/nn-core';
import type { Figure } from '../figure';
import { EssayError } from '../errors';
import { finiteNumber, integerIn, positiveNumber } from './checks';

/** The weights of one two-input neuron: it computes `ReLU(w1·x₁ + w2·x₂ + b)`. */
export interface NeuronWeights {
  readonly w1: number;
  readonly w2: number;
  readonly b: number;
}

/** Default settings of {@link neuronExperiment}: ramps along x₁, along the diagonal, and two tilted, shifted ones. */
export const DEFAULT_NEURON_WEIGHTS: readonly NeuronWeights[] = [
  { w1: 1, w2: 0, b: 0 },
  { w1: 1, w2: 1, b: 0 },
  { w1: 2, w2: -1, b: 0.5 },
  { w1: -1, w2: -2, b: -0.5 },
];

/** Options of {@link neuronExperiment}, with their defaults. */
export interface NeuronOptions {
  /** The settings to evaluate, 1 to 16. Default {@link DEFAULT_NEURON_WEIGHTS}. */
  readonly weights?: readonly NeuronWeights[];
  /** Grid points along each axis, 2 to 512. Default 64. */
  readonly grid?: number;
  /** The square `[-extent, extent]²` evaluated; finite and > 0. Default 1. */
  readonly extent?: number;
  /** Stops between settings. */
  readonly signal?: AbortSignal;
}

/** What one setting computes over the grid. */
export interface NeuronMap {
  readonly weights: NeuronWeights;
  /** `values[row][column]`: the output at `x₁ = axis[column]`, `x₂ = axis[row]` (row 0 at the lowest x₂). */
  readonly values: readonly (readonly number[])[];
  readonly min: number;
  readonly max: number;
  /** Share of the grid where the output is exactly 0 (the ramp is off). */
  readonly zeroFraction: number;
}

/** Result of {@link neuronExperiment}. */
export interface NeuronResult {
  /** The backend it ran on. */
  readonly backend: string;
  /** The grid coordinates along x₁ and along x₂ (the same). */
  readonly axis: readonly number[];
  readonly maps: readonly NeuronMap[];
  /** One heatmap per setting, `5.1-neuron-1`…, on a shared colour scale. */
  readonly figures: readonly Figure[];
}

/** `ReLU(1·x₁ − 2·x₂ + 0.5)`: a setting written out. */
export function neuronFormula({ w1, w2, b }: NeuronWeights): string {
  const term = (w: number, x: string, first: boolean) =>
    first ? `${w < 0 ? '−' : ''}${Math.abs(w)}·${x}` : `${w < 0 ? '−' : '+'} ${Math.abs(w)}·${x}`;
  const bias = b === 0 ? '' : ` ${b < 0 ? '−' : '+'} ${Math.abs(b)}`;
  return `ReLU(${term(w1, 'x₁', true)} ${term(w2, 'x₂', false)}${bias})`;
}

/**
 * Essay 5.1: what one neuron with two inputs and a Ramp (ReLU) activation computes,
 * `ReLU(w1·x₁ + w2·x₂ + b)`, for several weights. Runs nn-core's `dense({ inputs: 2, units: 1,
 * activation: 'relu' })` with its weights set to each setting, on a grid over `[-extent, extent]²`,
 * on the backend in `compute`. Disposes every tensor it makes.
 */
export async function neuronExperiment(compute: ComputeContext, options: NeuronOptions = {}): Promise<NeuronResult> {
  const op = 'neuronExperiment';
  const settings = options.weights ?? DEFAULT_NEURON_WEIGHTS;
  if (settings.length < 1 || settings.length > 16) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: weights must hold 1 to 16 settings, got ${settings.length}`, {
      argument: 'weights',
      value: settings.length,
      expected: '1 to 16 settings',
    });
  }
  settings.forEach((s, i) => {
    for (const key of ['w1', 'w2', 'b'] as const) finiteNumber(op, `weights[${i}].${key}`, s[key]);
  });
  const grid = integerIn(op, 'grid', options.grid ?? 64, 2, 512);
  const extent = positiveNumber(op, 'extent', options.extent ?? 1);

  const { tf } = compute;
  const axis = Array.from({ length: grid }, (_, i) => -extent + (2 * extent * i) / (grid - 1));
  // Grid points row by row (x₂ outer, x₁ inner), so output k is values[k / grid][k % grid].
  const points = new Float32Array(grid * grid * 2);
  for (let r = 0; r < grid; r++) {
    for (let c = 0; c < grid; c++) {
      points[2 * (r * grid + c)] = axis[c]!;
      points[2 * (r * grid + c) + 1] = axis[r]!;
    }
  }
  const neuron = dense({ inputs: 2, units: 1, activation: 'relu' });
  // Created inside tidy, so no intermediate tensor of initialisation outlives it (tidy keeps the variables).
  tf.tidy(() => {
    neuron.initialize({ seed: 0 });
  });
  const input = tf.tensor2d(points, [grid * grid, 2]); // [G·G, 2]
  const maps: NeuronMap[] = [];
  try {
    for (const weights of settings) {
      options.signal?.throwIfAborted();
      neuron.setWeights({ weight: [weights.w1, weights.w2], bias: [weights.b] }); // weight [2, 1], bias [1]
      const output = neuron.apply(input); // [G·G, 1]
      let flat: Float32Array;
      try {
        flat = (await output.data()) as Float32Array;
      } finally {
        output.dispose();
      }
      const values = Array.from({ length: grid }, (_, r) => Array.from(flat.subarray(r * grid, (r + 1) * grid)));
      let min = Infinity;
      let max = -Infinity;
      let zeros = 0;
      for (const v of flat) {
        if (v < min) min = v;
        if (v > max) max = v;
        if (v === 0) zeros++;
      }
      maps.push({ weights, values, min, max, zeroFraction: zeros / flat.length });
    }
  } finally {
    input.dispose();
    neuron.dispose();
  }

  // One colour scale for all settings, so the same colour is the same output everywhere.
  const top = Math.max(...maps.map((m) => m.max)) || 1;
  const figures: Figure[] = maps.map((m, i) => ({
    name: `5.1-neuron-${i + 1}`,
    spec: {
      kind: 'heatmap',
      title: neuronFormula(m.weights),
      subtitle: `One neuron with two inputs and Ramp (ReLU); 0 on ${Math.round(100 * m.zeroFraction)}% of the square`,
      values: m.values,
      extent: { x: [-extent, extent], y: [-extent, extent] },
      xLabel: 'x₁',
      yLabel: 'x₂',
      color: { scheme: 'viridis', domain: [0, top], label: 'output' },
      width: 300,
      height: 300,
    },
  }));
  return { backend: compute.backend, axis, maps, figures };
}
