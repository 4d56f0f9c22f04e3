/**
 * The essay's digit recogniser (section 4.1, 5.3): a LeNet-style convolutional net in the spirit of
 * LeCun et al.'s 1998 LeNet-5, built from nn-core layers.
 */
import { conv2d, dense, flatten, maxPool2d, relu, sequential, type Sequential } from '@chatgpt-explained/nn-core';
import { EssayError } from '../errors';

/** The shape of a digit net. Defaults: LeNet-5's widths (6 and 16 filters, 120 and 84 units). */
export interface DigitNetConfig {
  /** Image side in pixels (MNIST: 28). */
  readonly imageSize: number;
  /** Filters of the first 5×5 convolution ('same' padding). LeNet-5: 6. */
  readonly conv1Filters: number;
  /** Filters of the second 5×5 convolution ('valid' padding). LeNet-5: 16. */
  readonly conv2Filters: number;
  /** Units of the first dense layer. LeNet-5: 120. */
  readonly hidden1: number;
  /** Units of the second dense layer, the penultimate layer whose outputs are the image's "embedding" (8.2). LeNet-5: 84. */
  readonly hidden2: number;
  /** Output classes (digits: 10). */
  readonly classes: number;
}

/** LeNet-5's layer widths on 28×28 MNIST images. */
export const LENET5: DigitNetConfig = {
  imageSize: 28,
  conv1Filters: 6,
  conv2Filters: 16,
  hidden1: 120,
  hidden2: 84,
  classes: 10,
};

/** The capture path of the penultimate layer's output (after its ReLU): `[B, hidden2]`. */
export const PENULTIMATE_PATH = 'relu4';
/** The capture path of the pre-softmax outputs: `[B, classes]`. */
export const LOGITS_PATH = 'logits';

const KEYS: readonly (keyof DigitNetConfig)[] = [
  'imageSize',
  'conv1Filters',
  'conv2Filters',
  'hidden1',
  'hidden2',
  'classes',
];

/** A full config from a partial one, every field checked (a positive integer; image side ≥ 12). */
export function digitNetConfig(partial: Partial<DigitNetConfig> = {}): DigitNetConfig {
  for (const key of Object.keys(partial)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new EssayError('INVALID_ARGUMENT', `digitNetConfig: unknown option "${key}"`, {
        argument: key,
        value: (partial as Record<string, unknown>)[key],
        expected: KEYS.join(', '),
      });
    }
  }
  const config = { ...LENET5, ...partial };
  for (const key of KEYS) {
    const v = config[key];
    const min = key === 'imageSize' ? 12 : key === 'classes' ? 2 : 1;
    if (!(Number.isSafeInteger(v) && v >= min)) {
      throw new EssayError('INVALID_ARGUMENT', `digitNetConfig: ${key} must be an integer ≥ ${min}, got ${String(v)}`, {
        argument: key,
        value: v,
        expected: `an integer ≥ ${min}`,
      });
    }
  }
  return config;
}

/** Side of the feature map after the second pooling: ((S / 2) − 4) / 2, rounded down as the layers do. */
function finalSide(imageSize: number): number {
  return Math.floor((Math.floor(imageSize / 2) - 4) / 2);
}

/**
 * Builds the net (weights not yet initialised):
 *
 * ```
 * [B, 28, 28, 1] conv1 5×5 same → relu → pool 2×2 → [B, 14, 14, c1]
 *                conv2 5×5 valid → relu → pool 2×2 → [B, 5, 5, c2] → flatten [B, 25·c2]
 *                dense h1 → relu → dense h2 → relu (penultimate) → dense 10 (logits)
 * ```
 *
 * Layers are named (`conv1`, `pool1`, …, `fc1`, `relu4`, `logits`), so weights are `conv1.weight`
 * and capture can read the penultimate layer ({@link PENULTIMATE_PATH}).
 */
export function createDigitNet(config: DigitNetConfig = LENET5): Sequential {
  const c = digitNetConfig(config);
  const side = finalSide(c.imageSize);
  return sequential({
    conv1: conv2d({ inChannels: 1, filters: c.conv1Filters, kernelSize: 5, padding: 'same' }), // [B, S, S, c1]
    relu1: relu(),
    pool1: maxPool2d({ poolSize: 2 }), // [B, S/2, S/2, c1]
    conv2: conv2d({ inChannels: c.conv1Filters, filters: c.conv2Filters, kernelSize: 5 }), // [B, S/2−4, S/2−4, c2]
    relu2: relu(),
    pool2: maxPool2d({ poolSize: 2 }), // [B, side, side, c2]
    flatten: flatten(), // [B, side²·c2]
    fc1: dense({ inputs: side * side * c.conv2Filters, units: c.hidden1 }), // [B, h1]
    relu3: relu(),
    fc2: dense({ inputs: c.hidden1, units: c.hidden2 }), // [B, h2]
    relu4: relu(),
    logits: dense({ inputs: c.hidden2, units: c.classes }), // [B, classes]
  });
}
