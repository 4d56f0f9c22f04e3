/**
 * Essay 4.1: a handwritten "2" blurred step by step, and what the digit net reads at each step.
 */
import type { ComputeContext, Layer } from '@chatgpt-explained/nn-core';
import type { MnistData } from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { gaussianBlur } from './blur';
import { predictDigits } from './predict';

/** The blur widths (Gaussian σ in pixels) of the experiment by default. */
export const DEFAULT_BLUR_SIGMAS: readonly number[] = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5];

/** Options of {@link digitBlurExperiment}, with their defaults. */
export interface DigitBlurOptions {
  /** The digit to blur. Default 2 (the essay's). */
  readonly digit?: number;
  /** Which test image: the first of that digit by default; an index into the set when given. */
  readonly index?: number;
  /** Blur widths σ in pixels, ascending. Default {@link DEFAULT_BLUR_SIGMAS}. */
  readonly sigmas?: readonly number[];
}

/** One blur step. */
export interface DigitBlurStep {
  /** Gaussian σ in pixels (0: the original). */
  readonly sigma: number;
  /** The digit the net reads. */
  readonly predicted: number;
  /** The net's probability for that digit. */
  readonly probability: number;
  /** The net's probability for the image's true digit. */
  readonly probabilityOfLabel: number;
}

/** What {@link digitBlurExperiment} returns. */
export interface DigitBlurResult {
  /** The test image's index and its label. */
  readonly index: number;
  readonly label: number;
  readonly steps: readonly DigitBlurStep[];
  /** The largest σ at which the net still reads the label (every step up to it included). */
  readonly lastRecognisedSigma: number | null;
  /** `4.1-blurred-digit` (the images) and `4.1-blur-probability` (the probabilities). */
  readonly figures: readonly Figure[];
}

/**
 * Blurs one test image with Gaussians of growing σ and asks the net for its digit at each step: the
 * essay's "at some point the net stops recognising it as a 2".
 */
export async function digitBlurExperiment(
  compute: ComputeContext,
  net: Layer,
  test: MnistData,
  options: DigitBlurOptions = {},
): Promise<DigitBlurResult> {
  const op = 'digitBlurExperiment';
  const sigmas = options.sigmas ?? DEFAULT_BLUR_SIGMAS;
  if (
    !Array.isArray(sigmas) ||
    sigmas.length === 0 ||
    sigmas.some((s, i) => !(s >= 0) || (i > 0 && s <= sigmas[i - 1]!))
  ) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: sigmas must be ascending numbers ≥ 0, got ${JSON.stringify(sigmas)}`,
      {
        argument: 'sigmas',
        value: sigmas,
        expected: 'a non-empty ascending list of numbers ≥ 0',
      },
    );
  }
  const index = pickImage(op, test, options.digit ?? 2, options.index);
  const label = test.labels[index]!;
  const { rows, cols } = test;
  const pixels = rows * cols;
  const original = Float32Array.from(test.images.subarray(index * pixels, (index + 1) * pixels), (v) => v / 255);
  const blurred = new Float32Array(sigmas.length * pixels);
  sigmas.forEach((sigma, i) => blurred.set(gaussianBlur(original, rows, cols, sigma), i * pixels));
  const p = await predictDigits(compute, net, { count: sigmas.length, rows, cols, images: blurred });
  const steps = sigmas.map((sigma, i) => ({
    sigma,
    predicted: p.predicted[i]!,
    probability: p.probabilities[i * p.classes + p.predicted[i]!]!,
    probabilityOfLabel: p.probabilities[i * p.classes + label]!,
  }));
  let lastRecognisedSigma: number | null = null;
  for (const s of steps) {
    if (s.predicted !== label) break;
    lastRecognisedSigma = s.sigma;
  }
  return { index, label, steps, lastRecognisedSigma, figures: blurFigures(blurred, rows, cols, steps, index, label) };
}

/** The index of the chosen image: `index` if given (checked), else the first image of `digit`. */
export function pickImage(op: string, set: MnistData, digit: number, index: number | undefined): number {
  if (index !== undefined) {
    if (!(Number.isSafeInteger(index) && index >= 0 && index < set.count)) {
      throw new EssayError('INVALID_ARGUMENT', `${op}: index must be an integer in [0, ${set.count}), got ${index}`, {
        argument: 'index',
        value: index,
        expected: `an integer in [0, ${set.count})`,
      });
    }
    return index;
  }
  const found = Number.isInteger(digit) ? set.labels.indexOf(digit) : -1;
  if (found < 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: the set has no image of digit ${digit}`, {
      argument: 'digit',
      value: digit,
      expected: 'a digit 0–9 that occurs in the set',
    });
  }
  return found;
}

const percent = (p: number) => `${(100 * p).toFixed(p > 0.999 ? 2 : 1)}%`;

function blurFigures(
  blurred: Float32Array,
  rows: number,
  cols: number,
  steps: readonly DigitBlurStep[],
  index: number,
  label: number,
): Figure[] {
  const gap = 3;
  const k = steps.length;
  const width = k * cols + (k - 1) * gap;
  // With an extent, row 0 is drawn at the bottom: put the image's last row first.
  const values: (number | null)[][] = [];
  for (let y = rows - 1; y >= 0; y--) {
    const row: (number | null)[] = [];
    for (let i = 0; i < k; i++) {
      if (i > 0) for (let g = 0; g < gap; g++) row.push(null);
      for (let x = 0; x < cols; x++) row.push(blurred[i * rows * cols + y * cols + x]!);
    }
    values.push(row);
  }
  const reads = steps.map((s) => `σ ${s.sigma}: ${s.predicted} (${percent(s.probability)})`).join(', ');
  // x in units of one image slot (image + gap), shifted so image i is centred on x = i.
  const x0 = -cols / (2 * (cols + gap));
  return [
    {
      name: '4.1-blurred-digit',
      spec: {
        kind: 'heatmap',
        title: `A handwritten ${label}, blurred step by step, and what the net reads`,
        subtitle: reads,
        values,
        extent: { x: [x0, x0 + width / (cols + gap)], y: [0, rows] },
        xLabel: `blur step (Gaussian σ = ${steps.map((s) => s.sigma).join(', ')} pixels); MNIST test image ${index}`,
        yLabel: 'pixels',
        color: { scheme: 'greys', domain: [0, 1], label: 'ink' },
        width: Math.min(1100, 3.5 * width),
        height: 3.5 * rows,
      },
    },
    {
      name: '4.1-blur-probability',
      spec: {
        kind: 'line',
        title: `How sure the net is that the blurred image is a ${label}`,
        subtitle: `MNIST test image ${index}; the marks are the blur steps`,
        xLabel: 'Gaussian blur σ (pixels)',
        yLabel: 'probability',
        yDomain: [0, 1],
        legendTitle: 'probability of',
        series: [
          {
            name: `the true digit ${label}`,
            x: steps.map((s) => s.sigma),
            y: steps.map((s) => s.probabilityOfLabel),
            style: 'line+points',
          },
          {
            name: 'the digit it reads',
            x: steps.map((s) => s.sigma),
            y: steps.map((s) => s.probability),
            style: 'points',
          },
        ],
      },
    },
  ];
}
