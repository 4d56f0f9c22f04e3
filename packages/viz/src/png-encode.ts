import { zlibSync } from 'fflate';

/** An 8-bit indexed-colour image: one palette index per pixel, row by row from the top. */
export interface IndexedImage {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** `width * height` palette indices. */
  readonly indices: Uint8Array;
  /** Up to 256 colours as `[r, g, b, a]`, each 0–255. */
  readonly palette: readonly (readonly [number, number, number, number])[];
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as PNG uses) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes an indexed-colour image as PNG (colour type 3, 8 bits, with a `tRNS` chunk when a palette
 * colour is not opaque). Platform-neutral: typed arrays and fflate's zlib, no Node APIs.
 */
export function encodeIndexedPng(image: IndexedImage): Uint8Array {
  const { width, height, indices, palette } = image;
  if (palette.length === 0 || palette.length > 256) throw new RangeError('palette must have 1 to 256 colours');
  if (indices.length !== width * height) throw new RangeError('indices must have width * height entries');

  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8); // bit depth 8, indexed colour, deflate, filter method 0, no interlace

  const plte = new Uint8Array(palette.length * 3);
  let lastTranslucent = -1;
  palette.forEach(([r, g, b, a], i) => {
    plte.set([r, g, b], i * 3);
    if (a !== 255) lastTranslucent = i;
  });
  const trns = new Uint8Array(lastTranslucent + 1);
  for (let i = 0; i < trns.length; i++) trns[i] = palette[i]![3];

  // Each row starts with its filter type, 0 (none): the PNG spec's advice for indexed images.
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) raw.set(indices.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);

  const parts = [
    new Uint8Array(SIGNATURE),
    chunk('IHDR', header),
    chunk('PLTE', plte),
    ...(trns.length > 0 ? [chunk('tRNS', trns)] : []),
    chunk('IDAT', zlibSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) of `bytes`, without Node's Buffer or the browser's btoa. */
export function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    let s = '';
    for (let i = start; i < end; i += 3) {
      const a = bytes[i]!;
      const b = i + 1 < end ? bytes[i + 1]! : 0;
      const c = i + 2 < end ? bytes[i + 2]! : 0;
      const n = (a << 16) | (b << 8) | c;
      s += BASE64[n >>> 18]! + BASE64[(n >>> 12) & 63]!;
      s += i + 1 < end ? BASE64[(n >>> 6) & 63]! : '=';
      s += i + 2 < end ? BASE64[n & 63]! : '=';
    }
    parts.push(s);
  }
  return parts.join('');
}

/** A `data:image/png;base64,…` URL of PNG bytes. */
export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${base64(png)}`;
}
