/**
 * Fuzz test of the checkpoint loader (fast-check): 100,000+ mutated checkpoints, built once small
 * (V 16, C 8, 1 block) and then mutated: header bytes, the header length field, tensor entries
 * (offsets, dtypes, shapes, names), config fields, truncation, byte flips anywhere. Each case must
 * load or be refused with a `Gpt2Error`; no other exception, no hang (every run has a time limit).
 * A recording source checks that the loader never asks for bytes outside a file and never reads
 * more bytes than the file holds, so declared sizes are checked before any large buffer exists.
 * Mutations that keep the file valid by construction (reordered header entries, extra metadata,
 * extra padding, another data layout) must load bit-exactly what the original holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  handBuiltCheckpoint,
  handBuiltSafetensors,
  recordingSource,
  TINY_HF_CONFIG,
} from '../../test/checkpoint-fixtures';
import { Gpt2Error } from '../errors';
import { loadCheckpoint, type LoadedCheckpoint } from './load-checkpoint';
import { memorySource } from './source';

/** The base checkpoints every mutation starts from. */
const BASES = [
  handBuiltCheckpoint({
    prefix: 'transformer.',
    maskBuffers: true,
    seed: 1,
    values: 'float32',
    metadata: { format: 'pt' },
  }),
  handBuiltCheckpoint({ prefix: '', dtype: 'F16', seed: 2 }),
  handBuiltCheckpoint({
    prefix: 'transformer.',
    dtype: 'BF16',
    lmHead: true,
    hf: { ...TINY_HF_CONFIG, tie_word_embeddings: false },
    seed: 3,
  }),
  handBuiltCheckpoint({ prefix: '', lmHead: true, maskBuffers: true, seed: 4, values: 'float32' }),
].map((hand) => {
  const weights = hand.files['model.safetensors']!;
  const headerLength = new DataView(weights.buffer, weights.byteOffset).getUint32(0, true);
  const headerText = new TextDecoder().decode(weights.subarray(8, 8 + headerLength)).trimEnd();
  return {
    hand,
    config: new TextDecoder().decode(hand.files['config.json']),
    weights,
    headerText,
    headerBytes: new TextEncoder().encode(headerText),
    configBytes: hand.files['config.json']!,
    entries: Object.entries(JSON.parse(headerText) as Record<string, unknown>),
    data: weights.subarray(8 + headerLength),
  };
});

type Base = (typeof BASES)[number];

/** Loads every base once: the reference the valid-by-construction mutations must reproduce. */
const REFERENCES = await Promise.all(
  BASES.map((base) => loadCheckpoint(memorySource(base.hand.files), { tokenizer: false })),
);

/** A safetensors file from header text, data, and (optionally) a length field other than the truth. */
function assemble(header: Uint8Array, data: Uint8Array, lengthField?: [number, number]): Uint8Array {
  const out = new Uint8Array(8 + header.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, lengthField?.[0] ?? header.length, true);
  view.setUint32(4, lengthField?.[1] ?? 0, true);
  out.set(header, 8);
  out.set(data, 8 + header.length);
  return out;
}

function headerFromEntries(entries: ReadonlyArray<readonly [string, unknown]>, padding = 0): Uint8Array {
  const text = `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;
  return new TextEncoder().encode(text + ' '.repeat(padding));
}

let runs = 0;

/**
 * Loads `files` through a recording source. Returns the checkpoint, or undefined when refused with
 * a Gpt2Error; rethrows anything else. Checks the reads stayed inside each file.
 */
async function attempt(files: Record<string, Uint8Array>): Promise<LoadedCheckpoint | undefined> {
  runs += 1;
  const sizes = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, bytes.length]));
  const recorder = recordingSource(memorySource(files), sizes);
  let loaded: LoadedCheckpoint | undefined;
  try {
    loaded = await loadCheckpoint(recorder.source, { tokenizer: false });
  } catch (error) {
    if (!Gpt2Error.isInstance(error)) throw error;
    if (error.code === 'CHECKPOINT_INVALID' || error.code === 'CHECKPOINT_MISSING' || error.code === 'INVALID_CONFIG') {
      if (error.file === undefined) throw new Error(`refusal without a file: ${error.message}`);
      if (!error.message.includes(error.file)) throw new Error(`message does not name ${error.file}: ${error.message}`);
      const named = (name: string) => error.message.includes(name) || error.message.includes(JSON.stringify(name));
      if (error.tensor !== undefined && !named(error.tensor)) {
        throw new Error(`message does not name tensor ${error.tensor}: ${error.message}`);
      }
    } else {
      throw new Error(`unexpected code ${error.code}: ${error.message}`);
    }
  }
  if (recorder.outOfRange !== 0) throw new Error('the loader asked for bytes outside a file');
  for (const [name, size] of Object.entries(sizes)) {
    if (recorder.bytesRead(name) > size)
      throw new Error(`read ${recorder.bytesRead(name)} bytes of ${size}-byte ${name}`);
  }
  if (loaded !== undefined) {
    let widened = 0;
    for (const tensor of loaded.tensors.values()) widened += tensor.toFloat32().byteLength;
    if (widened > 2 * sizes['model.safetensors']!) throw new Error('widened more than twice the file');
  }
  return loaded;
}

function filesWith(base: Base, weights: Uint8Array, config?: string): Record<string, Uint8Array> {
  const configBytes = config === undefined ? base.configBytes : new TextEncoder().encode(config);
  return { 'config.json': configBytes, 'model.safetensors': weights };
}

function sameWords(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Same names, dtypes, shapes, raw bytes, and widened float32 bit patterns. */
function sameTensors(loaded: LoadedCheckpoint, reference: LoadedCheckpoint): boolean {
  if (loaded.tensors.size !== reference.tensors.size) return false;
  for (const [name, want] of reference.tensors) {
    const got = loaded.tensors.get(name);
    if (got === undefined || got.dtype !== want.dtype || !sameWords(got.shape, want.shape)) return false;
    if (!sameWords(got.bytes, want.bytes)) return false;
    const gotBits = new Uint32Array(got.toFloat32().buffer);
    if (!sameWords(gotBits, new Uint32Array(want.toFloat32().buffer))) return false;
  }
  return true;
}

const baseIndex = fc.nat({ max: BASES.length - 1 });
const options = (numRuns: number) => ({ numRuns, endOnFailure: true });

/** Values a JSON field may take in a mutation: near-misses and nonsense. */
const jsonish = fc.oneof(
  fc.integer({ min: -3, max: 70_000 }),
  fc.constantFrom(0, 1, 2, 8, 16, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 1e308, -0, 0.5, Number.MAX_SAFE_INTEGER),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

const DTYPES = ['F32', 'F16', 'BF16', 'F64', 'I32', 'I64', 'U8', 'BOOL', 'F8_E4M3', 'f32', 'Q4', ''];

/** One change to a tensor entry `{ dtype, shape, data_offsets }` (or the entry replaced). */
const entryMutation = fc.oneof(
  fc.record({ kind: fc.constant('dtype' as const), value: fc.oneof(fc.constantFrom(...DTYPES), jsonish) }),
  fc.record({ kind: fc.constant('shapeDim' as const), index: fc.nat(3), delta: fc.integer({ min: -9, max: 9 }) }),
  fc.record({ kind: fc.constant('shape' as const), value: fc.oneof(fc.array(jsonish, { maxLength: 4 }), jsonish) }),
  fc.record({ kind: fc.constant('offset' as const), index: fc.nat(1), delta: fc.integer({ min: -64, max: 64 }) }),
  fc.record({ kind: fc.constant('offsets' as const), value: fc.oneof(fc.array(jsonish, { maxLength: 3 }), jsonish) }),
  fc.record({
    kind: fc.constant('field' as const),
    key: fc.constantFrom('dtype', 'shape', 'data_offsets', 'extra'),
    value: fc.option(jsonish),
  }),
  fc.record({ kind: fc.constant('replace' as const), value: jsonish }),
);

function mutateEntry(value: unknown, mutation: EntryMutation): unknown {
  if (typeof value !== 'object' || value === null) return mutation.kind === 'replace' ? mutation.value : value;
  const entry = { ...(value as Record<string, unknown>) };
  const shape = Array.isArray(entry.shape) ? [...(entry.shape as unknown[])] : [];
  const offsets = Array.isArray(entry.data_offsets) ? [...(entry.data_offsets as unknown[])] : [];
  if (Array.isArray(entry.shape)) entry.shape = shape;
  if (Array.isArray(entry.data_offsets)) entry.data_offsets = offsets;
  switch (mutation.kind) {
    case 'dtype':
      entry.dtype = mutation.value;
      break;
    case 'shapeDim':
      if (mutation.index < shape.length) shape[mutation.index] = (shape[mutation.index] as number) + mutation.delta;
      else shape.push(Math.abs(mutation.delta));
      break;
    case 'shape':
      entry.shape = mutation.value;
      break;
    case 'offset':
      offsets[mutation.index] = (offsets[mutation.index] as number) + mutation.delta;
      break;
    case 'offsets':
      entry.data_offsets = mutation.value;
      break;
    case 'field':
      if (mutation.value === null) delete entry[mutation.key];
      else entry[mutation.key] = mutation.value;
      break;
    case 'replace':
      return mutation.value;
  }
  return entry;
}

type EntryMutation =
  | { kind: 'dtype'; value: unknown }
  | { kind: 'shapeDim'; index: number; delta: number }
  | { kind: 'shape'; value: unknown }
  | { kind: 'offset'; index: number; delta: number }
  | { kind: 'offsets'; value: unknown }
  | { kind: 'field'; key: string; value: unknown }
  | { kind: 'replace'; value: unknown };

/** Changes to the list of header entries: per-entry mutations, renames, removals, additions. */
const headerMutation = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('entry' as const), at: fc.nat(), change: entryMutation }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      at: fc.nat(),
      name: fc.oneof(
        fc.constantFrom(
          'lm_head.weight',
          'transformer.lm_head.weight',
          'h.0.attn.bias',
          'transformer.h.0.attn.masked_bias',
          'h.1.attn.bias',
          'wte.weight',
          'transformer.wte.weight',
          'h.0.ln_1.weight',
          '__metadata__',
          '',
        ),
        fc.string({ maxLength: 12 }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('metadata' as const), value: jsonish }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      name: fc.constantFrom('h.0.attn.bias', 'transformer.h.0.attn.bias', 'extra', 'lm_head.weight'),
      value: fc.oneof(
        jsonish,
        fc.record({
          dtype: fc.constantFrom(...DTYPES),
          shape: fc.array(fc.nat(8), { maxLength: 3 }),
          data_offsets: fc.tuple(fc.nat(6000), fc.nat(6000)),
        }),
      ),
    }),
  },
);

type HeaderMutation = typeof headerMutation extends fc.Arbitrary<infer T> ? T : never;

function applyHeaderMutations(base: Base, mutations: readonly HeaderMutation[]): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = base.entries.map(([k, v]) => [k, v]);
  for (const m of mutations) {
    if (entries.length === 0) break;
    const at = 'at' in m ? m.at % entries.length : 0;
    switch (m.kind) {
      case 'entry':
        entries[at] = [entries[at]![0], mutateEntry(entries[at]![1], m.change)];
        break;
      case 'remove':
        entries.splice(at, 1);
        break;
      case 'duplicate':
        entries.push([entries[at]![0], entries[at]![1]]);
        break;
      case 'rename':
        entries[at] = [m.name, entries[at]![1]];
        break;
      case 'metadata':
        entries.unshift(['__metadata__', m.value]);
        break;
      case 'add':
        entries.push([m.name, m.value]);
        break;
    }
  }
  return entries;
}

describe('loadCheckpoint fuzz', () => {
  it('header bytes: random edits of the JSON (length field kept true) load or are refused', async () => {
    const edit = fc.record({
      kind: fc.constantFrom('set', 'insert', 'delete'),
      at: fc.nat(),
      byte: fc.oneof(
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom(...Array.from('{}[]",:0123456789-.e ').map((c) => c.charCodeAt(0))),
      ),
    });
    await fc.assert(
      fc.asyncProperty(baseIndex, fc.array(edit, { minLength: 1, maxLength: 4 }), async (b, edits) => {
        const base = BASES[b]!;
        let header = base.headerBytes;
        for (const { kind, at, byte } of edits) {
          const i = at % (header.length + 1);
          if (kind === 'set') {
            header = header.slice();
            header[Math.min(i, header.length - 1)] = byte;
          } else if (kind === 'insert') {
            const longer = new Uint8Array(header.length + 1);
            longer.set(header.subarray(0, i));
            longer[i] = byte;
            longer.set(header.subarray(i), i + 1);
            header = longer;
          } else if (header.length > 0) {
            const j = at % header.length;
            const shorter = new Uint8Array(Math.max(0, header.length - 1));
            shorter.set(header.subarray(0, j));
            shorter.set(header.subarray(j + 1), j);
            header = shorter;
          }
        }
        await attempt(filesWith(base, assemble(header, base.data)));
      }),
      options(20_000),
    );
  });

  it('the header length field: any 64-bit value', async () => {
    const word = fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.constantFrom(0, 1, 7, 8, 0xffffffff, 100_000_000, 100_000_001),
    );
    await fc.assert(
      fc.asyncProperty(
        baseIndex,
        word,
        fc.oneof(fc.constant(0), word),
        fc.integer({ min: -16, max: 16 }),
        async (b, low, high, near) => {
          const base = BASES[b]!;
          const header = base.headerBytes;
          // Half the cases near the true length, the rest anywhere.
          const field: [number, number] =
            near !== 0 && high === 0 ? [Math.max(0, header.length + near), 0] : [low, high];
          await attempt(filesWith(base, assemble(header, base.data, field)));
        },
      ),
      options(15_000),
    );
  });

  it('tensor entries: offsets, dtypes, shapes, names, metadata', async () => {
    await fc.assert(
      fc.asyncProperty(
        baseIndex,
        fc.array(headerMutation, { minLength: 1, maxLength: 3 }),
        fc.nat(16),
        async (b, mutations, padding) => {
          const base = BASES[b]!;
          const entries = applyHeaderMutations(base, mutations);
          await attempt(filesWith(base, assemble(headerFromEntries(entries, padding % 9), base.data)));
        },
      ),
      options(25_000),
    );
  });

  it('config.json: fields changed, removed, added; text damaged', async () => {
    const keys = [
      ...Object.keys(TINY_HF_CONFIG),
      'n_ctx',
      'tie_word_embeddings',
      'scale_attn_weights',
      'add_cross_attention',
      'reorder_and_upcast_attn',
      'unknown_field',
    ];
    const fieldChange = fc.record({ key: fc.constantFrom(...keys), value: fc.option(jsonish, { freq: 8 }) });
    await fc.assert(
      fc.asyncProperty(
        baseIndex,
        fc.oneof(
          { weight: 4, arbitrary: fc.array(fieldChange, { minLength: 1, maxLength: 3 }) },
          {
            weight: 1,
            arbitrary: fc.oneof(
              fc.string({ maxLength: 40 }),
              fc.nat(400).map((n) => ({ cut: n })),
            ),
          },
        ),
        async (b, change) => {
          const base = BASES[b]!;
          let config: string;
          if (typeof change === 'string') config = change;
          else if (!Array.isArray(change)) config = base.config.slice(0, change.cut);
          else {
            const json = JSON.parse(base.config) as Record<string, unknown>;
            for (const { key, value } of change) {
              if (value === null) delete json[key];
              else json[key] = value;
            }
            config = JSON.stringify(json);
          }
          await attempt(filesWith(base, base.weights, config));
        },
      ),
      options(15_000),
    );
  });

  it('whole files: truncated, extended, bytes flipped anywhere, a file missing', async () => {
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('extend' as const), count: fc.integer({ min: 1, max: 64 }) }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('flipHeader' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('drop' as const), file: fc.constantFrom('config.json', 'model.safetensors') }),
    );
    await fc.assert(
      fc.asyncProperty(baseIndex, fc.array(damage, { minLength: 1, maxLength: 3 }), async (b, damages) => {
        const base = BASES[b]!;
        const files = filesWith(base, base.weights.slice());
        for (const d of damages) {
          const weights = files['model.safetensors'];
          if (d.kind === 'drop') delete files[d.file];
          if (weights === undefined) continue;
          if (d.kind === 'truncate') files['model.safetensors'] = weights.subarray(0, d.at % (weights.length + 1));
          else if (d.kind === 'extend') {
            const longer = new Uint8Array(weights.length + d.count);
            longer.set(weights);
            files['model.safetensors'] = longer;
          } else if (d.kind === 'flip' && weights.length > 0) weights[d.at % weights.length]! ^= d.mask;
          else if (d.kind === 'flipHeader' && weights.length > 0)
            weights[d.at % Math.min(weights.length, 8 + base.headerText.length)]! ^= d.mask;
        }
        await attempt(files);
      }),
      options(25_000),
    );
  });

  it('valid by construction (reordered entries, extra metadata and padding, another data layout) loads bit-exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        baseIndex,
        fc.array(fc.nat(), { minLength: 32, maxLength: 32 }),
        fc.array(fc.nat(), { minLength: 32, maxLength: 32 }),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
        fc.nat(64),
        async (b, headerKeys, dataKeys, extraMetadata, padding) => {
          const base = BASES[b]!;
          const reference = REFERENCES[b]!;
          const tensors = base.hand.tensors;
          const permutation = (keys: number[]) =>
            tensors.map((_, i) => i).sort((x, y) => keys[x % keys.length]! - keys[y % keys.length]! || x - y);
          const headerOrder = permutation(headerKeys);
          const dataOrder = permutation(dataKeys);
          const metadata: Record<string, string> = {};
          const extra = Object.entries(extraMetadata).filter(([key]) => key !== '__proto__');
          for (const [key, value] of extra) metadata[key] = value;
          const bytes = handBuiltSafetensors(
            headerOrder.map((i) => tensors[i]!),
            {
              metadata: { ...metadata, format: 'pt' },
              padding,
              dataOrder: dataOrder.map((i) => headerOrder.indexOf(i)),
            },
          );
          const loaded = await attempt(filesWith(base, bytes));
          if (loaded === undefined) throw new Error('a valid variant was refused');
          if (!sameTensors(loaded, reference)) throw new Error('a valid variant loaded other values');
          if (
            loaded.config !== reference.config &&
            JSON.stringify(loaded.config) !== JSON.stringify(reference.config)
          ) {
            throw new Error('a valid variant loaded another config');
          }
          const wantMetadata: Record<string, string> = { ...metadata, format: 'pt' };
          const gotKeys = Object.keys(loaded.metadata);
          if (
            gotKeys.length !== Object.keys(wantMetadata).length ||
            gotKeys.some((k) => loaded.metadata[k] !== wantMetadata[k])
          ) {
            throw new Error('a valid variant loaded other metadata');
          }
        },
      ),
      options(5_000),
    );
  });

  it('ran at least 100,000 cases', () => {
    expect(runs).toBeGreaterThanOrEqual(100_000);
  });
});
