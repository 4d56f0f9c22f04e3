/**
 * Gradient checks: tfjs's gradients of `loss = Σ layer(x) ⊙ r` (r a fixed random tensor, so every
 * output matters differently) against central finite differences of a float64 reference forward,
 * at a few sampled entries of every weight.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Layer } from '../layers/layer';
import { randomValues, seededRandom } from './reference-ops';

/** One compared entry. */
export interface GradEntry {
  readonly weight: string;
  readonly index: number;
  /** tfjs's gradient (float32). */
  readonly analytic: number;
  /** Central difference of the float64 reference. */
  readonly numeric: number;
}

/** What {@link checkGradients} found. */
export interface GradCheck {
  readonly entries: readonly GradEntry[];
  /** Largest |analytic − numeric| / (|numeric| + floor). */
  readonly worst: number;
  /** Largest |numeric|: shows the check was not comparing zeros. */
  readonly largest: number;
  /** Weights tfjs returned no gradient for. */
  readonly missing: readonly string[];
}

/** Options of {@link checkGradients}. */
export interface GradCheckOptions {
  /** Entries sampled per weight. Default 4. */
  readonly perWeight?: number;
  /** Finite-difference step (float64). Default 1e-6. */
  readonly step?: number;
  /** Added to |numeric| in the relative error. Default 1e-2. */
  readonly floor?: number;
  /** Seed of r and of the sampled entries. Default 7. */
  readonly seed?: number;
}

/** Distinct indices of [0, n), `count` of them (all when n ≤ count), chosen by `seed`. */
export function sampleIndices(n: number, count: number, seed: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  const next = seededRandom(seed);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(next() * n));
  return [...chosen].sort((a, b) => a - b);
}

/**
 * Sets `weights` on `layer`, computes tfjs's gradients of Σ layer(x) ⊙ r for every trainable weight,
 * and compares sampled entries with central differences of `reference(weights)` (the float64 output,
 * row-major, same size as the layer's). Disposes everything it made.
 */
export async function checkGradients(
  layer: Layer,
  x: tf.Tensor,
  weights: Readonly<Record<string, Float64Array>>,
  reference: (weights: Readonly<Record<string, Float64Array>>) => Float64Array,
  options: GradCheckOptions = {},
): Promise<GradCheck> {
  const { perWeight = 4, step = 1e-6, floor = 1e-2, seed = 7 } = options;
  layer.setWeights(weights);
  const base = reference(weights);
  const r = randomValues(base.length, seed);
  const loss = (w: Readonly<Record<string, Float64Array>>): number => {
    const y = reference(w);
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]! * r[i]!;
    return s;
  };
  const named = layer.namedWeights().filter((w) => w.trainable);
  const probe = layer.apply(x);
  const rTensor = tf.tensor(Float32Array.from(r), probe.shape); // the output's shape
  if (probe !== x) probe.dispose();
  const { value, grads } = tf.variableGrads(
    () => tf.sum(tf.mul(layer.apply(x), rTensor)) as tf.Scalar, // []
    named.map((w) => w.variable),
  );
  const entries: GradEntry[] = [];
  const missing: string[] = [];
  let worst = 0;
  let largest = 0;
  for (const [k, { name, variable }] of named.entries()) {
    const grad = grads[variable.name];
    const own = weights[name];
    if (!grad || !own) {
      missing.push(name);
      continue;
    }
    const analytic = await grad.data();
    for (const index of sampleIndices(own.length, perWeight, seed + k + 1)) {
      const p = Float64Array.from(own);
      p[index] = own[index]! + step;
      const up = loss({ ...weights, [name]: p });
      p[index] = own[index]! - step;
      const down = loss({ ...weights, [name]: p });
      const numeric = (up - down) / (2 * step);
      entries.push({ weight: name, index, analytic: analytic[index]!, numeric });
      worst = Math.max(worst, Math.abs(analytic[index]! - numeric) / (Math.abs(numeric) + floor));
      largest = Math.max(largest, Math.abs(numeric));
    }
  }
  tf.dispose([value, rTensor, ...Object.values(grads)]);
  return { entries, worst, largest, missing };
}
