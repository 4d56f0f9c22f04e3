/**
 * Essay 8.2: what the digit net outputs for an image of a 4 (softmax probabilities and the
 * pre-softmax values behind them), and the penultimate layer's vectors of many test images laid
 * out in 2-D and 3-D with PCA and UMAP, coloured by digit: the net's "embedding" of images.
 */
import { pca, umap, type VectorSet } from '@chatgpt-explained/embeddings';
import type { ComputeContext, Layer } from '@chatgpt-explained/nn-core';
import type { MnistData } from '@chatgpt-explained/trainer';
import type { FigureSpec, ScatterPoint } from '@chatgpt-explained/viz';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { pickImage } from './blur-experiment';
import { predictDigits } from './predict';

/** Options of {@link digitOutputsExperiment}. */
export interface DigitOutputsOptions {
  /** The digit whose first test image is shown. Default 4 (the essay's). */
  readonly digit?: number;
  /** A test image index instead. */
  readonly index?: number;
}

/** What {@link digitOutputsExperiment} returns. */
export interface DigitOutputsResult {
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** Softmax output per digit 0–9. */
  readonly probabilities: readonly number[];
  /** Pre-softmax values (logits) per digit 0–9. */
  readonly logits: readonly number[];
  /** `8.2-digit-probabilities` and `8.2-digit-logits`. */
  readonly figures: readonly Figure[];
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The net's final outputs for one test image (a 4 by default): probabilities near 1 for one digit
 * and tiny for the rest, and the pre-softmax values whose differences set those odds.
 */
export async function digitOutputsExperiment(
  compute: ComputeContext,
  net: Layer,
  test: MnistData,
  options: DigitOutputsOptions = {},
): Promise<DigitOutputsResult> {
  const index = pickImage('digitOutputsExperiment', test, options.digit ?? 4, options.index);
  const pixels = test.rows * test.cols;
  const image = {
    count: 1,
    rows: test.rows,
    cols: test.cols,
    images: test.images.subarray(index * pixels, (index + 1) * pixels),
  };
  const p = await predictDigits(compute, net, image);
  const probabilities = Array.from(p.probabilities);
  const logits = Array.from(p.logits);
  const label = test.labels[index]!;
  const predicted = p.predicted[0]!;
  const sub = `MNIST test image ${index} (a ${label}); the net reads ${predicted}`;
  return {
    index,
    label,
    predicted,
    probabilities,
    logits,
    figures: [
      {
        name: '8.2-digit-probabilities',
        spec: {
          kind: 'bar',
          title: 'The net’s output: a probability per digit (softmax)',
          subtitle: `${sub}: ${(100 * probabilities[predicted]!).toFixed(4)}%, the others ${Math.max(...probabilities.filter((_, d) => d !== predicted)).toExponential(1)} or less`,
          categories: DIGITS,
          series: [{ name: 'probability', values: probabilities }],
          categoryLabel: 'digit',
          valueLabel: 'probability',
        },
      },
      {
        name: '8.2-digit-logits',
        spec: {
          kind: 'bar',
          title: 'Before the softmax: the pre-softmax values (logits)',
          subtitle: `${sub}; probability ∝ e^value, so a lead of 10 means odds of e^10 ≈ 22,000 : 1`,
          categories: DIGITS,
          series: [{ name: 'logit', values: logits }],
          categoryLabel: 'digit',
          valueLabel: 'pre-softmax value',
        },
      },
    ],
  };
}

/** Options of {@link digitEmbeddingExperiment}, with their defaults. */
export interface DigitEmbeddingOptions {
  /** How many test images, taken from the start of the test set. Default 2,000. */
  readonly count?: number;
  /** Which layouts. Default both. */
  readonly methods?: readonly ('pca' | 'umap')[];
  /** Seed of UMAP. Default 1. */
  readonly seed?: number;
  /** UMAP's optimisation epochs. Default: umap-js's choice for the size. */
  readonly umapEpochs?: number;
  /** Stops UMAP between epochs. */
  readonly signal?: AbortSignal;
  /** Fraction done, 0 … 1. */
  readonly onProgress?: (fraction: number) => void;
}

/** One layout of the penultimate vectors. */
export interface DigitLayout {
  readonly method: 'pca' | 'umap';
  readonly dimensions: 2 | 3;
  /** Row-major coordinates, `count × dimensions`. */
  readonly points: readonly number[];
  /** PCA: fraction of the variance along each component. */
  readonly explainedVariance?: readonly number[];
}

/** What {@link digitEmbeddingExperiment} returns. */
export interface DigitEmbeddingResult {
  readonly count: number;
  /** The width of a penultimate vector. */
  readonly width: number;
  /** The label of each image. */
  readonly labels: readonly number[];
  readonly layouts: readonly DigitLayout[];
  /** `8.2-digit-<method>-<2d|3d>` scatter plots, coloured by digit. */
  readonly figures: readonly Figure[];
}

/**
 * The penultimate-layer vectors of the first `count` test images, projected to 2-D and 3-D with PCA
 * and UMAP (`@chatgpt-explained/embeddings`); images of one digit gather in one region.
 */
export async function digitEmbeddingExperiment(
  compute: ComputeContext,
  net: Layer,
  test: MnistData,
  options: DigitEmbeddingOptions = {},
): Promise<DigitEmbeddingResult> {
  const op = 'digitEmbeddingExperiment';
  const count = options.count ?? 2000;
  if (!(Number.isSafeInteger(count) && count >= 10 && count <= test.count)) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: count must be an integer in [10, ${test.count}], got ${count}`, {
      argument: 'count',
      value: count,
      expected: `an integer in [10, ${test.count}]`,
    });
  }
  const methods = options.methods ?? ['pca', 'umap'];
  const pixels = test.rows * test.cols;
  const labels = Array.from(test.labels.subarray(0, count));
  const p = await predictDigits(
    compute,
    net,
    {
      count,
      rows: test.rows,
      cols: test.cols,
      images: test.images.subarray(0, count * pixels),
    },
    { ...(options.signal === undefined ? {} : { signal: options.signal }) },
  );
  options.onProgress?.(0.1);
  const vectors: VectorSet = { data: p.penultimate, rows: count, cols: p.penultimateWidth };
  const layouts: DigitLayout[] = [];
  const jobs = methods.flatMap((method) => ([2, 3] as const).map((dimensions) => ({ method, dimensions })));
  for (const [j, { method, dimensions }] of jobs.entries()) {
    const done = (fraction: number) => options.onProgress?.(0.1 + (0.9 * (j + fraction)) / jobs.length);
    if (method === 'pca') {
      const r = pca(vectors, { components: dimensions });
      layouts.push({ method, dimensions, points: Array.from(r.points.data), explainedVariance: r.explainedVariance });
    } else {
      const r = await umap(vectors, {
        components: dimensions,
        seed: options.seed ?? 1,
        ...(options.umapEpochs === undefined ? {} : { epochs: options.umapEpochs }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onProgress: done,
      });
      layouts.push({ method, dimensions, points: Array.from(r.points.data) });
    }
    done(1);
  }
  return {
    count,
    width: p.penultimateWidth,
    labels,
    layouts,
    figures: layouts.map((l) => ({
      name: `8.2-digit-${l.method}-${l.dimensions}d`,
      spec: layoutSpec(l, labels, p.penultimateWidth),
    })),
  };
}

/**
 * A scatter plot of a layout, coloured by digit. A 3-D layout is drawn in an oblique view: the
 * third coordinate shifts points down and to the right (x + z·cos 30° / 2, y − z·sin 30° / 2 after
 * scaling each axis to unit spread), so depth shows as a slant.
 */
function layoutSpec(layout: DigitLayout, labels: readonly number[], width: number): FigureSpec {
  const d = layout.dimensions;
  const n = labels.length;
  const coord = (i: number, c: number) => layout.points[i * d + c]!;
  const spread = Array.from({ length: d }, (_, c) => {
    let s = 0;
    let m = 0;
    for (let i = 0; i < n; i++) m += coord(i, c) / n;
    for (let i = 0; i < n; i++) s += (coord(i, c) - m) ** 2 / n;
    return Math.sqrt(s) || 1;
  });
  const name = layout.method === 'pca' ? 'PCA' : 'UMAP';
  const axis = layout.method === 'pca' ? 'principal component' : 'UMAP coordinate';
  const all: ScatterPoint[] = labels.map((label, i) => {
    if (d === 2) return { x: coord(i, 0), y: coord(i, 1), group: String(label) };
    const [x, y, z] = [0, 1, 2].map((c) => coord(i, c) / spread[c]!) as [number, number, number];
    return { x: x + 0.5 * z * Math.cos(Math.PI / 6), y: y - 0.5 * z * Math.sin(Math.PI / 6), group: String(label) };
  });
  // The legend lists groups in order of first appearance: one point of each digit first, 0 to 9,
  // then the rest in the test set's order (so no digit is drawn entirely on top of the others).
  const firsts = DIGITS.map((g) => all.findIndex((p) => p.group === g)).filter((i) => i >= 0);
  const points = [...firsts.map((i) => all[i]!), ...all.filter((_, i) => !firsts.includes(i))];
  const variance = layout.explainedVariance
    ? `; ${layout.explainedVariance.map((v) => `${(100 * v).toFixed(0)}%`).join(' + ')} of the variance`
    : '';
  return {
    kind: 'scatter',
    title: `${n.toLocaleString('en')} test digits by the net’s penultimate layer: ${name}, ${d}-D`,
    subtitle:
      d === 2
        ? `${width} numbers per image projected to 2-D${variance}`
        : `${width} numbers per image projected to 3-D${variance}; oblique view (depth slants down-right), axes scaled to unit spread`,
    points,
    xLabel: d === 2 ? `${axis} 1` : `${axis} 1 + depth (${axis} 3)`,
    yLabel: d === 2 ? `${axis} 2` : `${axis} 2 − depth (${axis} 3)`,
    legendTitle: 'digit',
    width: 520,
    height: 420,
  };
}
