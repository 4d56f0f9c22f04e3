/**
 * Running the digit net: probabilities, pre-softmax values and penultimate-layer vectors of images,
 * and accuracy on a labelled set.
 */
import { runWithCapture, type ComputeContext, type Layer } from '@chatgpt-explained/nn-core';
import type { MnistData } from '@chatgpt-explained/trainer';
import { EssayError } from '../errors';
import { PENULTIMATE_PATH } from './lenet';

/** Images to classify: `count` images of `rows × cols` pixels, 0–255 (MNIST's bytes) or 0–1 floats. */
export interface DigitImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /**
   * Pixels, image after image, row-major. A Uint8Array holds 0–255 (divided by 255 here); a
   * Float32Array holds values already scaled to [0, 1] (a blurred image, say).
   */
  readonly images: Uint8Array | Float32Array;
}

/** What {@link predictDigits} returns, row-major over the images. */
export interface DigitPredictions {
  readonly count: number;
  readonly classes: number;
  /** Softmax probabilities, `[count, classes]`. */
  readonly probabilities: Float32Array;
  /** The pre-softmax values (logits), `[count, classes]`. */
  readonly logits: Float32Array;
  /** The penultimate layer's outputs (after its ReLU), `[count, width]`: the images' "embedding". */
  readonly penultimate: Float32Array;
  /** The width of a penultimate vector. */
  readonly penultimateWidth: number;
  /** The most probable digit of each image. */
  readonly predicted: Uint8Array;
}

/** Options of {@link predictDigits}. */
export interface PredictDigitsOptions {
  /** Images per forward pass. Default 500. */
  readonly batchSize?: number;
  /** Checked between batches. */
  readonly signal?: AbortSignal;
  /** Called after each batch with the fraction done. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Runs the net on `images` in batches and reads back, for every image, its probabilities, its
 * pre-softmax values, its penultimate-layer vector and its predicted digit. Leaves no tensors.
 */
export async function predictDigits(
  compute: ComputeContext,
  net: Layer,
  images: DigitImages,
  options: PredictDigitsOptions = {},
): Promise<DigitPredictions> {
  const { tf } = compute;
  const op = 'predictDigits';
  const pixels = images.rows * images.cols;
  if (
    !(images.images instanceof Uint8Array || images.images instanceof Float32Array) ||
    images.images.length !== images.count * pixels ||
    images.count < 1
  ) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: images must hold count × rows × cols = ${images.count} × ${images.rows} × ${images.cols} pixels (at least one image), got ${images.images?.length}`,
      { argument: 'images', value: images.images?.length, expected: `${images.count * pixels} pixels` },
    );
  }
  const batchSize = options.batchSize ?? 500;
  const scale = images.images instanceof Uint8Array ? 1 / 255 : 1;
  let classes = 0;
  let width = 0;
  const parts: Array<{ logits: Float32Array; probabilities: Float32Array; penultimate: Float32Array }> = [];
  for (let from = 0; from < images.count; from += batchSize) {
    options.signal?.throwIfAborted();
    const n = Math.min(batchSize, images.count - from);
    const x = new Float32Array(n * pixels);
    const source = images.images.subarray(from * pixels, (from + n) * pixels);
    for (let i = 0; i < x.length; i++) x[i] = source[i]! * scale;
    const input = tf.tensor4d(x, [n, images.rows, images.cols, 1]); // [n, H, W, 1]
    try {
      const { output, activations } = runWithCapture(net, input, { capture: [PENULTIMATE_PATH] });
      const hidden = activations[PENULTIMATE_PATH]!; // [n, width]
      const probs = tf.softmax(output); // [n, classes]
      try {
        classes = output.shape[1]!;
        width = hidden.shape[1]!;
        parts.push({
          logits: (await output.data()) as Float32Array,
          probabilities: (await probs.data()) as Float32Array,
          penultimate: (await hidden.data()) as Float32Array,
        });
      } finally {
        tf.dispose([output, hidden, probs]);
      }
    } finally {
      input.dispose();
    }
    options.onProgress?.((from + n) / images.count);
  }
  const join = (key: 'logits' | 'probabilities' | 'penultimate', size: number) => {
    const out = new Float32Array(images.count * size);
    let at = 0;
    for (const part of parts) {
      out.set(part[key], at);
      at += part[key].length;
    }
    return out;
  };
  const logits = join('logits', classes);
  const predicted = new Uint8Array(images.count);
  for (let i = 0; i < images.count; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[i * classes + c]! > logits[i * classes + best]!) best = c;
    predicted[i] = best;
  }
  return {
    count: images.count,
    classes,
    probabilities: join('probabilities', classes),
    logits,
    penultimate: join('penultimate', width),
    penultimateWidth: width,
    predicted,
  };
}

/** Accuracy of a net on a labelled set. */
export interface DigitAccuracy {
  /** Fraction of images whose most probable digit is the label. */
  readonly accuracy: number;
  readonly correct: number;
  readonly count: number;
  /** `confusion[label][predicted]`: how often each digit was read as each other. */
  readonly confusion: number[][];
}

/** Classifies every image of `set` and compares with its labels. Leaves no tensors. */
export async function evaluateDigitNet(
  compute: ComputeContext,
  net: Layer,
  set: MnistData,
  options: PredictDigitsOptions = {},
): Promise<DigitAccuracy> {
  const { predicted, classes } = await predictDigits(compute, net, set, options);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let i = 0; i < set.count; i++) {
    const label = set.labels[i]!;
    confusion[label]![predicted[i]!]!++;
    if (predicted[i] === label) correct++;
  }
  return { accuracy: correct / set.count, correct, count: set.count, confusion };
}
