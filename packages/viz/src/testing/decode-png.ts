import { unzlibSync } from 'fflate';

/** A decoded PNG: its header fields and, for 8-bit indexed images, palette and indices. */
export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** Chunk types in file order. */
  chunks: string[];
  /** `[r, g, b, a]` per palette entry (alpha from tRNS, else 255). */
  palette: [number, number, number, number][];
  /** Unfiltered scanline bytes, `height` rows of `width * bytesPerPixel`. */
  pixels: Uint8Array;
}

/**
 * Decodes 8-bit PNGs (tests only): indexed ones this package writes, RGB and RGBA ones from resvg.
 * Checks the signature, inflates IDAT with fflate and undoes the scanline filters.
 */
export function decodePng(png: Uint8Array): DecodedPng {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = 0;
  let palette: [number, number, number, number][] = [];
  for (let offset = 8; offset < png.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    chunks.push(type);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      bitDepth = data[8]!;
      colorType = data[9]!;
    } else if (type === 'PLTE') {
      palette = Array.from({ length: length / 3 }, (_, i) => [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!, 255]);
    } else if (type === 'tRNS') {
      data.forEach((a, i) => (palette[i]![3] = a));
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const compressed = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  let at = 0;
  for (const d of idat) {
    compressed.set(d, at);
    at += d.length;
  }
  const raw = unzlibSync(compressed);
  const bytesPerPixel = colorType === 3 ? 1 : colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  const stride = width * bytesPerPixel;
  const pixels = new Uint8Array(height * stride);
  // Undo the scanline filters (None, Sub, Up, Average, Paeth) of 8-bit images.
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bytesPerPixel ? pixels[y * stride + i - bytesPerPixel]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= bytesPerPixel ? pixels[(y - 1) * stride + i - bytesPerPixel]! : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      if (predictor === undefined) throw new Error(`row ${y} uses unknown filter ${filter}`);
      pixels[y * stride + i] = (line[i]! + predictor) & 255;
    }
  }
  return { width, height, bitDepth, colorType, chunks, palette, pixels };
}

/** The `[r, g, b, a]` at pixel (x, y) of a decoded indexed or RGBA PNG. */
export function pixelAt(png: DecodedPng, x: number, y: number): [number, number, number, number] {
  if (png.colorType === 3) return png.palette[png.pixels[y * png.width + x]!]!;
  const i = (y * png.width + x) * 4;
  return [png.pixels[i]!, png.pixels[i + 1]!, png.pixels[i + 2]!, png.pixels[i + 3]!];
}

/** The PNG image embedded as a data URL in an SVG's `<image>`, decoded. */
export function embeddedImage(svg: string): DecodedPng {
  const match = /href="data:image\/png;base64,([^"]+)"/.exec(svg);
  if (!match) throw new Error('no embedded PNG');
  return decodePng(new Uint8Array(Buffer.from(match[1]!, 'base64')));
}
