import { encodeIndexedPng, pngDataUrl } from './png-encode';

/** A raster ready to place as a Vega `image` mark. */
export interface Raster {
  /** `data:image/png;base64,…` */
  readonly url: string;
  /** Pixel width of the PNG. */
  readonly width: number;
  /** Pixel height of the PNG. */
  readonly height: number;
}

/** Small matrices are enlarged by whole pixels per cell to about this many pixels a side, so cells stay crisp when scaled. */
const TARGET_SIDE = 512;

/**
 * Averages a `rows × columns` matrix down in blocks until neither side exceeds `maxSide`; `null`
 * cells are left out of the mean (a block of only `null` stays `null`). Returns the input unchanged
 * when it already fits.
 */
export function downsample(
  values: readonly (readonly (number | null)[])[],
  columns: number,
  maxSide: number,
): { values: readonly (readonly (number | null)[])[]; columns: number } {
  const rows = values.length;
  const fr = Math.ceil(rows / maxSide);
  const fc = Math.ceil(columns / maxSide);
  if (fr === 1 && fc === 1) return { values, columns };
  const outRows = Math.ceil(rows / fr);
  const outColumns = Math.ceil(columns / fc);
  const out: (number | null)[][] = [];
  for (let r = 0; r < outRows; r++) {
    const sums = new Float64Array(outColumns);
    const counts = new Uint32Array(outColumns);
    for (let rr = r * fr; rr < Math.min(rows, (r + 1) * fr); rr++) {
      const row = values[rr]!;
      for (let c = 0; c < columns; c++) {
        const v = row[c];
        if (v === null || v === undefined) continue;
        const oc = Math.floor(c / fc);
        sums[oc] = sums[oc]! + v;
        counts[oc] = counts[oc]! + 1;
      }
    }
    out.push(Array.from(sums, (s, i) => (counts[i] === 0 ? null : s / counts[i]!)));
  }
  return { values: out, columns: outColumns };
}

/**
 * Draws a matrix of palette indices (`index(row, column)`) as an indexed PNG, top row first,
 * enlarging small matrices by whole pixels per cell.
 */
export function rasterize(
  rows: number,
  columns: number,
  index: (row: number, column: number) => number,
  palette: readonly (readonly [number, number, number, number])[],
): Raster {
  const kx = Math.max(1, Math.ceil(TARGET_SIDE / columns));
  const ky = Math.max(1, Math.ceil(TARGET_SIDE / rows));
  const width = columns * kx;
  const height = rows * ky;
  const indices = new Uint8Array(width * height);
  for (let r = 0; r < rows; r++) {
    const line = indices.subarray(r * ky * width, (r * ky + 1) * width);
    for (let c = 0; c < columns; c++) line.fill(index(r, c), c * kx, (c + 1) * kx);
    for (let k = 1; k < ky; k++) indices.copyWithin((r * ky + k) * width, r * ky * width, (r * ky + 1) * width);
  }
  return { url: pngDataUrl(encodeIndexedPng({ width, height, indices, palette })), width, height };
}
