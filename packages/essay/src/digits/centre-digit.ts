/**
 * A drawn digit made to look like an MNIST digit before the net reads it, as MNIST's own images were
 * made (LeCun et al.): the ink's bounding box scaled, keeping its aspect ratio, to fit a 20×20 box
 * with area averaging (anti-aliased), then placed in a 28×28 field so that its centre of mass falls
 * on the field's centre.
 */
import { EssayError } from '../errors';
import { integerIn } from '../models/checks';

/** A grey image: `width × height` values row-major, 0 background … 1 full ink. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array | Uint8ClampedArray | Uint8Array;
}

/** Options of {@link centreDigit}, with their defaults. */
export interface CentreDigitOptions {
  /** Values above this count as ink for the bounding box. Default 0.05 (of the ink scale). */
  readonly threshold?: number;
  /** Side of the box the ink is scaled into. Default 20 (MNIST's). */
  readonly box?: number;
  /** Side of the output field. Default 28 (MNIST's). */
  readonly field?: number;
  /** Data of 0–255 (a canvas's bytes) rather than 0–1. Default: true for byte arrays, false for Float32Array. */
  readonly bytes?: boolean;
}

/** What {@link centreDigit} returns. */
export interface CentredDigit {
  /** `field × field` values in [0, 1], row-major, ready for `predictDigits` as a Float32Array image. */
  readonly pixels: Float32Array;
  /** False when the image held no ink (then `pixels` is all zeros). */
  readonly hasInk: boolean;
  /** The ink's bounding box in the input, `[x0, y0, x1, y1)`, or null without ink. */
  readonly box: readonly [number, number, number, number] | null;
  /** The ink's centre of mass in the output, `[x, y]` in pixel-index coordinates (aimed at {@link fieldCentre}), or null without ink. */
  readonly centreOfMass: readonly [number, number] | null;
}

/**
 * Where the centre of mass is put: `field / 2` in pixel-index coordinates (14 for 28 pixels), the
 * convention of the common re-implementations of MNIST's preprocessing (`scipy.ndimage.center_of_mass`
 * and a shift by `round(14 − c)`). MNIST's own test images have their mean centre there (a test checks).
 */
export function fieldCentre(field: number): number {
  return field / 2;
}

/**
 * Centres and scales a drawn digit the way MNIST's digits were (see the file's comment). Area
 * averaging treats each input pixel as a square of ink; the shift to the centre of mass is rounded
 * to whole pixels (as MNIST's was) and never pushes ink out of the field. Throws `INVALID_ARGUMENT`
 * naming the argument for a malformed image or option.
 */
export function centreDigit(image: GreyImage, options: CentreDigitOptions = {}): CentredDigit {
  const op = 'centreDigit';
  const width = integerIn(op, 'image.width', image?.width as number, 1, 1 << 14);
  const height = integerIn(op, 'image.height', image?.height as number, 1, 1 << 14);
  const { data } = image;
  if (
    !(data instanceof Float32Array || data instanceof Uint8Array || data instanceof Uint8ClampedArray) ||
    data.length !== width * height
  ) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `centreDigit: image.data must be a Float32Array, Uint8Array or Uint8ClampedArray of width × height = ${width * height} values`,
      {
        argument: 'image.data',
        value: (data as { length?: unknown } | undefined)?.length,
        expected: `${width * height} values`,
      },
    );
  }
  const field = integerIn(op, 'field', options.field ?? 28, 1, 1024);
  const box = integerIn(op, 'box', options.box ?? 20, 1, field);
  const threshold = options.threshold ?? 0.05;
  if (!(threshold >= 0 && threshold < 1)) {
    throw new EssayError('INVALID_ARGUMENT', `centreDigit: threshold must be in [0, 1), got ${String(threshold)}`, {
      argument: 'threshold',
      value: threshold,
      expected: 'a number in [0, 1)',
    });
  }
  const scale = (options.bytes ?? !(data instanceof Float32Array)) ? 1 / 255 : 1;
  const ink = (x: number, y: number) => Math.min(1, Math.max(0, data[y * width + x]! * scale));

  // The ink's bounding box.
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink(x, y) > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  const pixels = new Float32Array(field * field);
  if (x1 < 0) return { pixels, hasInk: false, box: null, centreOfMass: null };
  x1++;
  y1++;

  // Scale the box so its longer side is `box` pixels, by area averaging.
  const bw = x1 - x0;
  const bh = y1 - y0;
  const factor = box / Math.max(bw, bh);
  const sw = Math.max(1, Math.round(bw * factor));
  const sh = Math.max(1, Math.round(bh * factor));
  const scaled = new Float32Array(sw * sh);
  const fx = bw / sw; // input pixels per output pixel
  const fy = bh / sh;
  for (let oy = 0; oy < sh; oy++) {
    const ya = y0 + oy * fy;
    const yb = ya + fy;
    for (let ox = 0; ox < sw; ox++) {
      const xa = x0 + ox * fx;
      const xb = xa + fx;
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        if (wy <= 0) continue;
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          if (wx > 0) sum += wx * wy * ink(x, y);
        }
      }
      scaled[oy * sw + ox] = sum / (fx * fy);
    }
  }

  // Centre of mass of the scaled ink, then the whole-pixel shift that puts it at the field's centre,
  // limited so that no ink leaves the field.
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const v = scaled[y * sw + x]!;
      mass += v;
      mx += v * x;
      my += v * y;
    }
  }
  const centre = fieldCentre(field);
  const left = Math.min(field - sw, Math.max(0, Math.round(centre - mx / mass)));
  const top = Math.min(field - sh, Math.max(0, Math.round(centre - my / mass)));
  for (let y = 0; y < sh; y++) pixels.set(scaled.subarray(y * sw, (y + 1) * sw), (top + y) * field + left);
  return { pixels, hasInk: true, box: [x0, y0, x1, y1], centreOfMass: [left + mx / mass, top + my / mass] };
}
