/**
 * Gaussian blur of a grey image (essay 4.1: how far can a "2" be blurred before the net stops
 * seeing a 2?). Separable: a 1-D kernel along rows, then along columns.
 */
import { EssayError } from '../errors';

/**
 * The normalised 1-D Gaussian kernel of standard deviation `sigma` (pixels): weights
 * `exp(−x² / 2σ²)` for x = −r … r with r = ⌈3σ⌉, divided by their sum. `sigma` 0 gives `[1]`.
 */
export function gaussianKernel(sigma: number): Float64Array {
  if (!(Number.isFinite(sigma) && sigma >= 0)) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `gaussianKernel: sigma must be a finite number ≥ 0, got ${String(sigma)}`,
      {
        argument: 'sigma',
        value: sigma,
        expected: 'a finite number ≥ 0',
      },
    );
  }
  if (sigma === 0) return Float64Array.of(1);
  const radius = Math.ceil(3 * sigma);
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let x = -radius; x <= radius; x++) sum += kernel[x + radius] = Math.exp(-(x * x) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  return kernel;
}

/**
 * Blurs a `rows × cols` image (row-major values, any range) with a Gaussian of standard deviation
 * `sigma` pixels. Outside the image counts as 0 (MNIST's background), so ink near the border fades
 * rather than being mirrored back. Returns a new Float32Array; `sigma` 0 returns a copy.
 */
export function gaussianBlur(image: ArrayLike<number>, rows: number, cols: number, sigma: number): Float32Array {
  if (
    !(Number.isSafeInteger(rows) && rows > 0 && Number.isSafeInteger(cols) && cols > 0) ||
    image.length !== rows * cols
  ) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `gaussianBlur: image has ${image.length} values; rows × cols = ${rows} × ${cols} needs ${rows * cols}`,
      { argument: 'image', value: image.length, expected: `${rows} × ${cols} values` },
    );
  }
  const kernel = gaussianKernel(sigma);
  const r = (kernel.length - 1) / 2;
  const across = new Float64Array(rows * cols); // blurred along each row
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) {
        const xx = x + k;
        if (xx >= 0 && xx < cols) s += kernel[k + r]! * image[y * cols + xx]!;
      }
      across[y * cols + x] = s;
    }
  }
  const out = new Float32Array(rows * cols); // then along each column
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) {
        const yy = y + k;
        if (yy >= 0 && yy < rows) s += kernel[k + r]! * across[yy * cols + x]!;
      }
      out[y * cols + x] = s;
    }
  }
  return out;
}
