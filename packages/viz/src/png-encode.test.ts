import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64, crc32, encodeIndexedPng, pngDataUrl } from './png-encode';
import { decodePng, pixelAt } from './testing/decode-png';

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('base64', () => {
  it("agrees with Node's Buffer for any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40_000 }), (bytes) => {
        expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('encodeIndexedPng', () => {
  it('writes a valid indexed PNG whose pixels decode back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer(),
        (width, height, colors, seed) => {
          const palette = Array.from(
            { length: colors },
            (_, i) => [i, (i * 7) & 255, (i * 13) & 255, i % 3 === 0 ? 128 : 255] as const,
          );
          const indices = new Uint8Array(width * height).map((_, i) => Math.abs(seed + i * 31) % colors);
          const png = decodePng(encodeIndexedPng({ width, height, indices, palette }));
          expect(png).toMatchObject({ width, height, bitDepth: 8, colorType: 3 });
          expect(png.chunks[0]).toBe('IHDR');
          expect(png.chunks.at(-1)).toBe('IEND');
          expect(png.pixels).toEqual(indices);
          expect(png.palette.map((c) => c.join())).toEqual(palette.map((c) => c.join()));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('checks every chunk CRC', () => {
    const png = encodeIndexedPng({
      width: 2,
      height: 1,
      indices: new Uint8Array([0, 1]),
      palette: [
        [255, 0, 0, 255],
        [0, 0, 255, 255],
      ],
    });
    const view = new DataView(png.buffer);
    for (let offset = 8; offset < png.length;) {
      const length = view.getUint32(offset);
      expect(view.getUint32(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      offset += 12 + length;
    }
    expect(decodePng(png).chunks).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']); // all opaque: no tRNS
    expect(pixelAt(decodePng(png), 1, 0)).toEqual([0, 0, 255, 255]);
    expect(pngDataUrl(png).startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
  });
});
