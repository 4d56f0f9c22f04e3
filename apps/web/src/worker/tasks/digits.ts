/** Tasks of essay section 4.1 (and 8.2): the shipped digit net reads a digit the reader drew. */
import { centreDigit, loadDigitNet, predictDigits, type LoadedDigitNet } from '@chatgpt-explained/essay';
import { task, type TaskContext } from '../task';
import { integerIn } from '../task-input';

/** The shipped digit net (LeNet-5 trained on MNIST), under the site root. */
export const DIGIT_NET_FILE = 'data/models/digits-lenet/model.safetensors';

/** Largest drawing side accepted (the canvas is 280 px). */
const MAX_SIDE = 2048;

/** A drawing: `width × height` ink values 0–255 (0 = no ink), row-major. */
export interface DrawnDigit {
  readonly width: number;
  readonly height: number;
  readonly ink: Uint8Array | Uint8ClampedArray;
}

/** What the net made of a drawing. */
export interface DigitReading {
  /** False when nothing was drawn (no probabilities then). */
  readonly hasInk: boolean;
  /** Softmax probability of each digit 0–9 (empty without ink). */
  readonly probabilities: number[];
  /** The most probable digit, or -1 without ink. */
  readonly predicted: number;
  /** The 28 × 28 input the net read (0–1, row-major), after MNIST-style centring. */
  readonly centred: Float32Array;
}

function checkDrawing(input: DrawnDigit): void {
  const { width, height, ink } = input ?? {};
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    integerIn('digits.classify', name, v, 1, MAX_SIDE);
  }
  if (!(ink instanceof Uint8Array || ink instanceof Uint8ClampedArray) || ink.length !== width * height)
    throw new Error(
      `digits.classify: ink must hold width × height = ${width * height} bytes, got ${String((ink as { length?: number } | undefined)?.length)}`,
    );
}

function loadNet(ctx: TaskContext): Promise<LoadedDigitNet> {
  return ctx.memo('digits:lenet', async () => loadDigitNet(ctx.compute, await ctx.files.bytes(DIGIT_NET_FILE)));
}

export const digitTasks = {
  /**
   * Reads a drawn digit: centres it as MNIST's digits were (`centreDigit`: ink box into 20 × 20, centre
   * of mass to the middle of 28 × 28), runs the shipped net, returns the ten probabilities.
   */
  'digits.classify': task(async (input: DrawnDigit, ctx): Promise<DigitReading> => {
    checkDrawing(input);
    const centred = centreDigit({ width: input.width, height: input.height, data: input.ink });
    if (!centred.hasInk) return { hasInk: false, probabilities: [], predicted: -1, centred: centred.pixels };
    const { net } = await loadNet(ctx);
    ctx.signal.throwIfAborted();
    const result = await predictDigits(ctx.compute, net, {
      count: 1,
      rows: 28,
      cols: 28,
      images: centred.pixels,
    });
    return {
      hasInk: true,
      probabilities: Array.from(result.probabilities),
      predicted: result.predicted[0]!,
      centred: centred.pixels,
    };
  }),
};
