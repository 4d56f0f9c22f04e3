/**
 * Reads and checks the header of a safetensors file through a {@link CheckpointSource}, with range
 * reads only: 8 bytes of little-endian header length N, then N bytes of UTF-8 JSON. Nothing larger
 * than the file is ever requested, and every declared size is checked against the file before the
 * caller reads tensor data.
 *
 * The rules are those of the format's reference implementation (huggingface/safetensors):
 * - 8 + N ≤ file size and N ≤ 100,000,000; the JSON starts with `{` and may end in padding spaces;
 * - the header is an object; `__metadata__`, when present, maps strings to strings;
 * - every other entry is `{ dtype, shape, data_offsets }` and nothing else, with a dtype the format
 *   defines, a shape of non-negative safe integers, and offsets `[start, end]` of safe integers with
 *   0 ≤ start ≤ end ≤ data size (file size − 8 − N) and end − start = product(shape) × dtype size;
 * - the ranges, sorted, tile the data section exactly: no overlap, no gap, no trailing bytes.
 */
import { SAFETENSORS_DTYPE_BYTES } from './dtypes';
import { show } from '../show';
import { checkpointError } from './fail';
import { throwIfAborted, type CheckpointSource } from './source';

/** The largest header the reference implementation accepts. */
export const MAX_HEADER_BYTES = 100_000_000;

/** One tensor entry of a header; offsets are relative to the start of the data section. */
export interface HeaderEntry {
  /** The name as written in the file. */
  readonly name: string;
  /** A dtype of the format (`F32`, `F16`, `BOOL`, …). */
  readonly dtype: string;
  /** The declared shape (checked: non-negative safe integers whose product fits the byte range). */
  readonly shape: number[];
  /** First byte of the tensor in the data section. */
  readonly start: number;
  /** One past its last byte in the data section. */
  readonly end: number;
}

/** A checked safetensors header. */
export interface SafetensorsHeader {
  /** N, the JSON's length in bytes. */
  readonly headerLength: number;
  /** Where tensor data starts in the file: 8 + N. */
  readonly dataStart: number;
  /** Bytes of tensor data: file size − 8 − N. */
  readonly dataSize: number;
  /** Tensor entries in header order. */
  readonly entries: HeaderEntry[];
  /** `__metadata__`, or `{}`. */
  readonly metadata: Record<string, string>;
}

const ENTRY_KEYS = ['dtype', 'shape', 'data_offsets'];

/**
 * Parses and checks the JSON of a header (`json`: the N header bytes) for a data section of
 * `dataSize` bytes. Throws `Gpt2Error` `CHECKPOINT_INVALID` naming `file` and, where one is at
 * fault, the tensor.
 */
export function parseSafetensorsHeader(json: Uint8Array, dataSize: number, file: string): SafetensorsHeader {
  const invalid = (message: string, tensor?: string, value?: unknown, expected?: string) =>
    checkpointError('CHECKPOINT_INVALID', file, message, {
      ...(tensor === undefined ? {} : { tensor }),
      value,
      ...(expected === undefined ? {} : { expected }),
    });
  if (json[0] !== 0x7b) {
    throw invalid(`the header does not start with "{" (byte 8 is ${json[0] ?? 'missing'})`, undefined, json[0], '0x7b');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (error) {
    throw checkpointError(
      'CHECKPOINT_INVALID',
      file,
      `the ${json.length}-byte header is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`,
      { cause: error, expected: 'a UTF-8 JSON object' },
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid(`the header is ${show(parsed)}, not a JSON object`, undefined, parsed, 'a JSON object');
  }
  const entries: HeaderEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (
        typeof raw !== 'object' ||
        raw === null ||
        Array.isArray(raw) ||
        Object.values(raw).some((v) => typeof v !== 'string')
      ) {
        throw invalid(`__metadata__ is ${show(raw)}`, undefined, raw, 'an object of string → string');
      }
      metadata = Object.fromEntries(Object.entries(raw as Record<string, string>));
      continue;
    }
    entries.push(checkEntry(name, raw, dataSize, invalid));
  }
  checkTiling(entries, dataSize, invalid);
  return { headerLength: json.length, dataStart: 8 + json.length, dataSize, entries, metadata };
}

type Invalid = (message: string, tensor?: string, value?: unknown, expected?: string) => Error;

function checkEntry(name: string, raw: unknown, dataSize: number, invalid: Invalid): HeaderEntry {
  const at = `tensor ${JSON.stringify(name)}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(`${at} is described by ${show(raw)}`, name, raw, '{ dtype, shape, data_offsets }');
  }
  const info = raw as Record<string, unknown>;
  const extra = Object.keys(info).find((key) => !ENTRY_KEYS.includes(key));
  if (extra !== undefined) {
    throw invalid(
      `${at} has an unknown field ${JSON.stringify(extra)}`,
      name,
      extra,
      'only dtype, shape, data_offsets',
    );
  }
  const { dtype, shape, data_offsets: offsets } = info;
  if (typeof dtype !== 'string' || !Object.hasOwn(SAFETENSORS_DTYPE_BYTES, dtype)) {
    throw invalid(
      `${at} has dtype ${show(dtype)}, which safetensors does not define`,
      name,
      dtype,
      Object.keys(SAFETENSORS_DTYPE_BYTES).join(', '),
    );
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    throw invalid(`${at} has shape ${show(shape)}`, name, shape, 'an array of non-negative integers');
  }
  let count = 1;
  for (const d of shape as number[]) {
    count *= d;
    if (count > Number.MAX_SAFE_INTEGER) {
      throw invalid(`${at} has shape ${show(shape)}, too many elements`, name, shape, 'a shape that fits the file');
    }
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)
  ) {
    throw invalid(`${at} has data_offsets ${show(offsets)}`, name, offsets, '[start, end], two non-negative integers');
  }
  const [start, end] = offsets as [number, number];
  if (start > end || end > dataSize) {
    throw invalid(
      `${at} has data_offsets [${start}, ${end}] outside the ${dataSize} bytes of tensor data (truncated file?)`,
      name,
      offsets,
      `0 ≤ start ≤ end ≤ ${dataSize}`,
    );
  }
  const bytes = count * SAFETENSORS_DTYPE_BYTES[dtype]!;
  if (bytes !== end - start) {
    throw invalid(
      `${at} of shape [${(shape as number[]).join(', ')}] ${dtype} needs ${bytes} bytes; data_offsets [${start}, ${end}] hold ${end - start}`,
      name,
      offsets,
      `end − start = ${bytes}`,
    );
  }
  return { name, dtype, shape: [...(shape as number[])], start, end };
}

function checkTiling(entries: readonly HeaderEntry[], dataSize: number, invalid: Invalid): void {
  const sorted = [...entries].sort((a, b) => a.start - b.start || a.end - b.end);
  let at = 0;
  let previous: HeaderEntry | undefined;
  for (const entry of sorted) {
    if (entry.start !== at) {
      const why =
        entry.start < at
          ? `overlaps tensor ${JSON.stringify(previous?.name)} (which ends at ${at})`
          : `leaves a gap after byte ${at}`;
      throw invalid(
        `tensor ${JSON.stringify(entry.name)} starts at data byte ${entry.start} and ${why}`,
        entry.name,
        [entry.start, entry.end],
        `start ${at}`,
      );
    }
    at = entry.end;
    previous = entry;
  }
  if (at !== dataSize) {
    throw invalid(
      `the tensors end at data byte ${at}, but the file has ${dataSize} bytes of tensor data (${dataSize - at} trailing bytes)`,
      undefined,
      dataSize,
      `${at} bytes of tensor data`,
    );
  }
}

/**
 * Reads the header of a safetensors file from a source: its size, then 8 bytes, then the header,
 * each checked before the next read. Throws `CHECKPOINT_MISSING` when the file does not exist,
 * `CHECKPOINT_INVALID` for anything malformed, `ABORTED` when the signal fires.
 */
export async function readSafetensorsHeader(
  source: CheckpointSource,
  file: string,
  signal?: AbortSignal,
): Promise<SafetensorsHeader> {
  const options = signal === undefined ? {} : { signal };
  const size = await source.size(file, options);
  throwIfAborted(signal, 'loadCheckpoint');
  if (size === undefined) {
    throw checkpointError('CHECKPOINT_MISSING', file, `not found in ${source.label}`, { value: file });
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    throw checkpointError('CHECKPOINT_INVALID', file, `${source.label} gives its size as ${show(size)}`, {
      value: size,
      expected: 'a byte count',
    });
  }
  if (size < 8) {
    throw checkpointError('CHECKPOINT_INVALID', file, `is ${size} bytes, shorter than its 8-byte header length`, {
      value: size,
      expected: 'at least 8 bytes',
    });
  }
  const prefix = await readExactly(source, file, 0, 8, signal);
  const view = new DataView(prefix.buffer, prefix.byteOffset, 8);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const headerLength = high * 2 ** 32 + low;
  if (headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
    throw checkpointError(
      'CHECKPOINT_INVALID',
      file,
      `the header length field says ${headerLength} bytes, but the file has ${size - 8} bytes after it ` +
        `(and headers are at most ${MAX_HEADER_BYTES} bytes)`,
      { value: headerLength, expected: `at most ${Math.min(MAX_HEADER_BYTES, size - 8)}` },
    );
  }
  const json = await readExactly(source, file, 8, 8 + headerLength, signal);
  return parseSafetensorsHeader(json, size - 8 - headerLength, file);
}

/**
 * Bytes `[start, end)` of a file; refuses a short read (the file shrank or the source is broken)
 * with `CHECKPOINT_INVALID`.
 */
export async function readExactly(
  source: CheckpointSource,
  file: string,
  start: number,
  end: number,
  signal?: AbortSignal,
  tensor?: string,
): Promise<Uint8Array> {
  throwIfAborted(signal, 'loadCheckpoint');
  const bytes = await source.read(file, start, end, signal === undefined ? {} : { signal });
  throwIfAborted(signal, 'loadCheckpoint');
  if (!(bytes instanceof Uint8Array) || bytes.length !== end - start) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : show(bytes);
    throw checkpointError(
      'CHECKPOINT_INVALID',
      file,
      `reading bytes ${start}–${end}${tensor === undefined ? '' : ` (tensor ${tensor})`} from ${source.label} gave ${got} (truncated or changed while reading?)`,
      { ...(tensor === undefined ? {} : { tensor }), value: start, expected: `${end - start} bytes` },
    );
  }
  return bytes;
}
