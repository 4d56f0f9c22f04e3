/**
 * Test helper: tiny GPT-2 checkpoints assembled byte by byte from the format's definitions (the
 * safetensors layout: u64 little-endian header length, JSON header, raw little-endian data; a
 * Hugging Face `config.json` written out field by field), independent of the package's writer, and
 * a source wrapper that records every read.
 */
import { createRng } from '@chatgpt-explained/sampler';
import type { CheckpointSource } from '../src/checkpoint/source';

/** The Hugging Face fields of the tiny model most tests use: V 16, P 8, C 8, 1 block, 2 heads. */
export const TINY_HF_CONFIG = {
  architectures: ['GPT2LMHeadModel'],
  model_type: 'gpt2',
  vocab_size: 16,
  n_positions: 8,
  n_embd: 8,
  n_layer: 1,
  n_head: 2,
  n_inner: null,
  activation_function: 'gelu_new',
  layer_norm_epsilon: 1e-5,
  bos_token_id: 15,
  eos_token_id: 15,
} as const;

/** Shapes of a tiny model's weights, written out by hand (C = 8, V = 16, P = 8, H = 32). */
export function tinyShapes(
  hf: { vocab_size: number; n_positions: number; n_embd: number; n_layer: number },
  inner?: number,
): Array<[string, number[]]> {
  const v = hf.vocab_size;
  const p = hf.n_positions;
  const c = hf.n_embd;
  const h = inner ?? 4 * c;
  const shapes: Array<[string, number[]]> = [
    ['wte.weight', [v, c]],
    ['wpe.weight', [p, c]],
  ];
  for (let n = 0; n < hf.n_layer; n++) {
    shapes.push(
      [`h.${n}.ln_1.weight`, [c]],
      [`h.${n}.ln_1.bias`, [c]],
      [`h.${n}.attn.c_attn.weight`, [c, 3 * c]],
      [`h.${n}.attn.c_attn.bias`, [3 * c]],
      [`h.${n}.attn.c_proj.weight`, [c, c]],
      [`h.${n}.attn.c_proj.bias`, [c]],
      [`h.${n}.ln_2.weight`, [c]],
      [`h.${n}.ln_2.bias`, [c]],
      [`h.${n}.mlp.c_fc.weight`, [c, h]],
      [`h.${n}.mlp.c_fc.bias`, [h]],
      [`h.${n}.mlp.c_proj.weight`, [h, c]],
      [`h.${n}.mlp.c_proj.bias`, [c]],
    );
  }
  shapes.push(['ln_f.weight', [c]], ['ln_f.bias', [c]]);
  return shapes;
}

/** A small seeded generator (the sampler's mulberry32), so fixtures are the same on every run. */
export function rng(seed: number): () => number {
  return createRng(seed);
}

/**
 * Values k/64 with k an integer in [−128, 128]: exactly representable in F16 and BF16 (at most 8
 * significant bits, exponents well inside both ranges), so every dtype round-trips them exactly.
 */
export function exactValues(count: number, random: () => number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (Math.floor(random() * 257) - 128) / 64;
  return out;
}

/** Arbitrary float32 values (full mantissas), for F32 round trips. */
export function float32Values(count: number, random: () => number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (random() - 0.5) * 2 ** Math.floor(random() * 20 - 10);
  return out;
}

/** F16 bits of a value exactly representable in F16, from the definition (sign, exponent, 10-bit fraction). */
export function exactF16Bits(value: number): number {
  if (value === 0) return Object.is(value, -0) ? 0x8000 : 0;
  const sign = value < 0 ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  let exponent = Math.floor(Math.log2(magnitude));
  if (2 ** exponent > magnitude) exponent -= 1;
  if (exponent < -14) return sign | (magnitude / 2 ** -24); // subnormal: units of 2^-24
  const fraction = (magnitude / 2 ** exponent - 1) * 1024;
  if (!Number.isInteger(fraction)) throw new Error(`${value} is not exactly representable in F16`);
  return sign | ((exponent + 15) << 10) | fraction;
}

/** BF16 bits of a value exactly representable in BF16: the top 16 bits of its float32. */
export function exactBf16Bits(value: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value, true);
  const bits = view.getUint32(0, true);
  if ((bits & 0xffff) !== 0) throw new Error(`${value} is not exactly representable in BF16`);
  return bits >>> 16;
}

/** A tensor to put into a hand-built safetensors file. */
export interface HandTensor {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** The raw data bytes. */
  readonly bytes: Uint8Array;
}

/** Little-endian bytes of values in a float dtype, from the definitions above. */
export function floatBytes(values: ArrayLike<number>, dtype: 'F32' | 'F16' | 'BF16'): Uint8Array {
  const width = dtype === 'F32' ? 4 : 2;
  const out = new Uint8Array(values.length * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (dtype === 'F32') view.setFloat32(4 * i, v, true);
    else view.setUint16(2 * i, dtype === 'F16' ? exactF16Bits(v) : exactBf16Bits(v), true);
  }
  return out;
}

/** Options of {@link handBuiltSafetensors}. */
export interface HandBuiltOptions {
  /** `__metadata__`, written first when given. */
  readonly metadata?: Record<string, string>;
  /** Spaces appended to the JSON (default: to a multiple of 8, as writers do). */
  readonly padding?: number;
  /** Order of the tensors' data (indices into `tensors`); default the header order. */
  readonly dataOrder?: readonly number[];
}

/** A safetensors file from its definition: 8-byte LE header length, the JSON header, then the data. */
export function handBuiltSafetensors(tensors: readonly HandTensor[], options: HandBuiltOptions = {}): Uint8Array {
  const order = options.dataOrder ?? tensors.map((_, i) => i);
  const offsets = new Map<number, [number, number]>();
  let at = 0;
  for (const index of order) {
    const t = tensors[index]!;
    offsets.set(index, [at, at + t.bytes.length]);
    at += t.bytes.length;
  }
  const header: Record<string, unknown> = {};
  if (options.metadata !== undefined) header.__metadata__ = options.metadata;
  tensors.forEach((t, i) => {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: offsets.get(i) };
  });
  let json = JSON.stringify(header);
  json += ' '.repeat(options.padding ?? (8 - (json.length % 8)) % 8);
  const jsonBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + jsonBytes.length + at);
  new DataView(out.buffer).setUint32(0, jsonBytes.length, true); // high 32 bits stay 0
  out.set(jsonBytes, 8);
  for (const index of order) out.set(tensors[index]!.bytes, 8 + jsonBytes.length + offsets.get(index)![0]);
  return out;
}

/** Options of {@link handBuiltCheckpoint}. */
export interface HandCheckpointOptions {
  /** `config.json` fields; default {@link TINY_HF_CONFIG}. */
  readonly hf?: Record<string, unknown>;
  /** Prefix of every name but lm_head.weight: `'transformer.'` or `''` (default `'transformer.'`). */
  readonly prefix?: string;
  readonly dtype?: 'F32' | 'F16' | 'BF16';
  /** Add `lm_head.weight` (its own values). */
  readonly lmHead?: boolean;
  /** Add `h.N.attn.bias` (BOOL [1, 1, P, P]) and `h.N.attn.masked_bias` (F32 []) per block. */
  readonly maskBuffers?: boolean;
  readonly seed?: number;
  /** Values: exactly representable in F16 and BF16 (default), or any float32. */
  readonly values?: 'exact' | 'float32';
  readonly metadata?: Record<string, string>;
}

/** A hand-built checkpoint and the values it holds, by canonical name. */
export interface HandCheckpoint {
  readonly files: Record<string, Uint8Array>;
  readonly tensors: HandTensor[];
  readonly values: Map<string, { shape: number[]; data: Float32Array }>;
}

/** A tiny checkpoint (config.json and model.safetensors) built by hand. */
export function handBuiltCheckpoint(options: HandCheckpointOptions = {}): HandCheckpoint {
  const hf = { ...TINY_HF_CONFIG, ...(options.hf ?? {}) } as Record<string, unknown>;
  const prefix = options.prefix ?? 'transformer.';
  const dtype = options.dtype ?? 'F32';
  const random = rng(options.seed ?? 1);
  const dims = hf as { vocab_size: number; n_positions: number; n_embd: number; n_layer: number };
  const shapes = tinyShapes(dims, typeof hf.n_inner === 'number' ? hf.n_inner : undefined);
  if (options.lmHead === true) shapes.push(['lm_head.weight', [dims.vocab_size, dims.n_embd]]);
  const values = new Map<string, { shape: number[]; data: Float32Array }>();
  const tensors: HandTensor[] = [];
  for (const [name, shape] of shapes) {
    const count = shape.reduce((a, b) => a * b, 1);
    const data = options.values === 'float32' ? float32Values(count, random) : exactValues(count, random);
    values.set(name, { shape, data });
    const fileName = name === 'lm_head.weight' ? name : prefix + name;
    tensors.push({ name: fileName, dtype, shape, bytes: floatBytes(data, dtype) });
  }
  if (options.maskBuffers === true) {
    const p = dims.n_positions;
    for (let n = 0; n < dims.n_layer; n++) {
      const mask = new Uint8Array(p * p);
      for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) mask[i * p + j] = 1;
      tensors.push({ name: `${prefix}h.${n}.attn.bias`, dtype: 'BOOL', shape: [1, 1, p, p], bytes: mask });
      tensors.push({
        name: `${prefix}h.${n}.attn.masked_bias`,
        dtype: 'F32',
        shape: [],
        bytes: floatBytes([-1e4], 'F32'),
      });
    }
  }
  const files = {
    'config.json': new TextEncoder().encode(JSON.stringify(hf, null, 2)),
    'model.safetensors': handBuiltSafetensors(
      tensors,
      options.metadata === undefined ? {} : { metadata: options.metadata },
    ),
  };
  return { files, tensors, values };
}

/** One recorded read of a {@link recordingSource}. */
export interface RecordedRead {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Wraps a source: records every `read` with its resolved range, and counts calls that asked for
 * bytes outside the file (`outOfRange`), so tests can assert that the loader never requests more
 * than a file holds.
 */
export function recordingSource(inner: CheckpointSource, sizes: Readonly<Record<string, number>>) {
  const reads: RecordedRead[] = [];
  let outOfRange = 0;
  const source: CheckpointSource = {
    label: inner.label,
    size: (file, options) => inner.size(file, options),
    read(file, start, end, options) {
      const size = sizes[file] ?? 0;
      const from = start ?? 0;
      const to = end ?? size;
      if (from < 0 || to > size || from > to) outOfRange += 1;
      reads.push({ file, start: from, end: to });
      return inner.read(file, start, end, options);
    },
  };
  return {
    source,
    reads,
    get outOfRange() {
      return outOfRange;
    },
    /** Total bytes requested from one file. */
    bytesRead(file: string): number {
      return reads.filter((r) => r.file === file).reduce((sum, r) => sum + (r.end - r.start), 0);
    },
  };
}
