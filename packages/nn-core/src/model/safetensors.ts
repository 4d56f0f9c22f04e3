/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
 * (`{ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": { string: string } }`),
 * then the raw little-endian tensor bytes. Pure functions over bytes: no tfjs, no file system.
 */
import { NnCoreError } from '../errors';

/** The dtypes this reader understands (GPT-2 checkpoints are F32; others appear in the wild). */
export type SafetensorsDtype = 'F32' | 'F16' | 'BF16' | 'F64' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

const BYTES: Readonly<Record<SafetensorsDtype, number>> = {
  F64: 8,
  I64: 8,
  F32: 4,
  I32: 4,
  F16: 2,
  BF16: 2,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

/** One tensor of a safetensors file: its dtype, shape and raw bytes (a view into the file). */
export interface SafetensorsEntry {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
}

/** A parsed file: tensors by name, and the free-form string metadata. */
export interface SafetensorsFile {
  readonly tensors: ReadonlyMap<string, SafetensorsEntry>;
  readonly metadata: Readonly<Record<string, string>>;
}

/** What {@link encodeSafetensors} writes: float32 values (or raw bytes of another dtype). */
export type SafetensorsInput =
  | { readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly dtype: SafetensorsDtype; readonly shape: readonly number[]; readonly bytes: Uint8Array };

function invalid(message: string, value?: unknown): NnCoreError {
  return new NnCoreError('FORMAT_INVALID', `safetensors: ${message}`, { argument: 'bytes', value });
}

const MAX_HEADER = 100 * 1024 * 1024;

/**
 * Parses a safetensors file. Tensor bytes are views into `bytes` (no copy). Throws `FORMAT_INVALID`
 * naming what is wrong: a short file, a header that is not JSON, an unknown dtype, a shape whose
 * size does not match its byte range, or ranges that overlap, leave gaps or run past the end.
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (!(bytes instanceof Uint8Array)) throw invalid('expected a Uint8Array', bytes);
  if (bytes.length < 8) throw invalid(`file is ${bytes.length} bytes, shorter than its 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > MAX_HEADER || 8 + headerLength > bytes.length) {
    throw invalid(`header length ${headerLength} does not fit in a ${bytes.length}-byte file`, headerLength);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw invalid(`header is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw invalid('header is not an object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  const ranges: Array<[number, number, string]> = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Object.values(raw).some((v) => typeof v !== 'string')) {
        throw invalid('__metadata__ must map strings to strings');
      }
      metadata = { ...(raw as Record<string, string>) };
      continue;
    }
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof info !== 'object' || info === null) throw invalid(`tensor "${name}" has no description`);
    const dtype = info.dtype as SafetensorsDtype;
    if (typeof dtype !== 'string' || !(dtype in BYTES))
      throw invalid(`tensor "${name}" has unknown dtype ${String(info.dtype)}`);
    const shape = info.shape;
    if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || (d as number) < 0)) {
      throw invalid(`tensor "${name}" has invalid shape ${JSON.stringify(shape)}`);
    }
    const offsets = info.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0) ||
      (offsets[0] as number) > (offsets[1] as number) ||
      (offsets[1] as number) > dataLength
    ) {
      throw invalid(
        `tensor "${name}" has data_offsets ${JSON.stringify(offsets)} outside the ${dataLength} data bytes`,
      );
    }
    const [begin, end] = offsets as [number, number];
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    if (size * BYTES[dtype] !== end - begin) {
      throw invalid(
        `tensor "${name}" of shape [${(shape as number[]).join(', ')}] ${dtype} needs ${size * BYTES[dtype]} bytes, its range has ${end - begin}`,
      );
    }
    ranges.push([begin, end, name]);
    tensors.set(name, {
      dtype,
      shape: [...(shape as number[])],
      bytes: bytes.subarray(dataStart + begin, dataStart + end),
    });
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let at = 0;
  for (const [begin, end, name] of ranges) {
    if (begin !== at)
      throw invalid(`tensor "${name}" starts at ${begin}; the previous one ended at ${at} (overlap or gap)`);
    at = end;
  }
  if (at !== dataLength) throw invalid(`tensors end at byte ${at} of ${dataLength} data bytes`);
  return { tensors, metadata };
}

/**
 * Writes tensors (float32 by default) and string metadata as a safetensors file. Tensors are laid
 * out in the given order; the header is padded with spaces to a multiple of 8 bytes, as the
 * reference implementation does.
 */
export function encodeSafetensors(
  tensors: Readonly<Record<string, SafetensorsInput>> | ReadonlyMap<string, SafetensorsInput>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const entries = tensors instanceof Map ? [...tensors] : Object.entries(tensors as Record<string, SafetensorsInput>);
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header['__metadata__'] = { ...metadata };
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === '__metadata__')
      throw new NnCoreError('INVALID_ARGUMENT', 'encodeSafetensors: "__metadata__" is reserved', {
        argument: 'tensors',
        value: name,
      });
    const size = t.shape.reduce((a: number, b: number) => a * b, 1);
    const dtype: SafetensorsDtype = 'data' in t ? 'F32' : t.dtype;
    const raw = 'data' in t ? littleEndianF32(t.data) : t.bytes;
    if (raw.byteLength !== size * BYTES[dtype]) {
      throw new NnCoreError(
        'SHAPE_MISMATCH',
        `encodeSafetensors: "${name}" has shape [${t.shape.join(', ')}] (${size} values) but ${raw.byteLength} bytes of ${dtype}`,
        { argument: name, value: raw.byteLength, expected: `${size * BYTES[dtype]} bytes` },
      );
    }
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + raw.byteLength] };
    chunks.push(raw);
    offset += raw.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const withSpaces = new Uint8Array(padded).fill(0x20);
    withSpaces.set(json);
    json = withSpaces;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function littleEndianF32(data: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.length * 4);
  const view = new DataView(out.buffer);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** The values of an entry as float32 (F32, F16, BF16 and F64 are converted; integers too). */
export function entryToFloat32(entry: SafetensorsEntry): Float32Array {
  const { bytes, dtype } = entry;
  const n = bytes.length / BYTES[dtype];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  switch (dtype) {
    case 'F32':
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
      break;
    case 'F64':
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
      break;
    case 'F16':
      for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      break;
    case 'BF16': {
      const f = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < n; i++) {
        f.setUint32(0, view.getUint16(i * 2, true) << 16);
        out[i] = f.getFloat32(0);
      }
      break;
    }
    case 'I64':
      for (let i = 0; i < n; i++) out[i] = Number(view.getBigInt64(i * 8, true));
      break;
    case 'I32':
      for (let i = 0; i < n; i++) out[i] = view.getInt32(i * 4, true);
      break;
    case 'I16':
      for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true);
      break;
    case 'I8':
      for (let i = 0; i < n; i++) out[i] = view.getInt8(i);
      break;
    case 'U8':
    case 'BOOL':
      for (let i = 0; i < n; i++) out[i] = bytes[i]!;
      break;
  }
  return out;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}
