import { describe, expect, it } from 'vitest';
import {
  handBuiltCheckpoint,
  handBuiltSafetensors,
  recordingSource,
  TINY_HF_CONFIG,
  type HandTensor,
} from '../../test/checkpoint-fixtures';
import { Gpt2Error } from '../errors';
import { loadCheckpoint, type LoadedCheckpoint } from './load-checkpoint';
import { memorySource } from './source';

const NO_TOKENIZER = { tokenizer: false } as const;

async function refused(promise: Promise<unknown>): Promise<Gpt2Error> {
  try {
    await promise;
  } catch (error) {
    if (Gpt2Error.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a Gpt2Error');
}

function bits(values: Float32Array): number[] {
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));
}

/** Every tensor of the checkpoint equals the hand-built values bit for bit. */
function expectValues(loaded: LoadedCheckpoint, values: Map<string, { shape: number[]; data: Float32Array }>): void {
  const expected = [...values.keys()].filter(
    (name) => loaded.config.tieWordEmbeddings === false || name !== 'lm_head.weight',
  );
  expect([...loaded.tensors.keys()].sort()).toEqual(expected.sort());
  for (const [name, tensor] of loaded.tensors) {
    const want = values.get(name)!;
    expect(tensor.name).toBe(name);
    expect(tensor.shape).toEqual(want.shape);
    expect(bits(tensor.toFloat32()), name).toEqual(bits(want.data));
  }
}

/** The hand-built tensors with one changed (or removed, when `change` returns undefined). */
function withTensor(
  tensors: HandTensor[],
  name: string,
  change: (t: HandTensor) => HandTensor | undefined,
): HandTensor[] {
  const out: HandTensor[] = [];
  for (const t of tensors) {
    if (t.name !== name) out.push(t);
    else {
      const changed = change(t);
      if (changed !== undefined) out.push(changed);
    }
  }
  return out;
}

/** A source with the tiny config and the given model.safetensors. */
function sourceWith(weights: Uint8Array, hf: Record<string, unknown> = TINY_HF_CONFIG) {
  return memorySource({ 'config.json': JSON.stringify(hf), 'model.safetensors': weights });
}

/** The safetensors bytes with the header JSON replaced (length field set to match, no padding). */
function withHeaderText(file: Uint8Array, text: string): Uint8Array {
  const oldLength = new DataView(file.buffer, file.byteOffset).getUint32(0, true);
  const json = new TextEncoder().encode(text);
  const data = file.subarray(8 + oldLength);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function headerOf(file: Uint8Array): Record<string, { dtype: string; shape: number[]; data_offsets: number[] }> {
  const length = new DataView(file.buffer, file.byteOffset).getUint32(0, true);
  return JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + length))) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: number[] }
  >;
}

describe('loadCheckpoint: files built by hand', () => {
  it('loads F32 with GPT2LMHeadModel names, bit-exact, tied, mask buffers ignored', async () => {
    const hand = handBuiltCheckpoint({ values: 'float32', maskBuffers: true, metadata: { format: 'pt' } });
    const loaded = await loadCheckpoint(memorySource(hand.files), NO_TOKENIZER);
    expect(loaded.config).toMatchObject({ vocabSize: 16, contextLength: 8, embedDim: 8, layers: 1, heads: 2 });
    expect(loaded.config.tieWordEmbeddings).toBe(true);
    expect(loaded.nameStyle).toBe('GPT2LMHeadModel');
    expect(loaded.metadata).toEqual({ format: 'pt' });
    expect(loaded.files).toEqual(['config.json', 'model.safetensors']);
    expect(loaded.encoding).toBeUndefined();
    expect([...loaded.tensors.keys()].slice(0, 3)).toEqual(['wte.weight', 'wpe.weight', 'h.0.ln_1.weight']);
    expect(loaded.tensors.get('wte.weight')!.fileName).toBe('transformer.wte.weight');
    expectValues(loaded, hand.values);
  });

  it('loads GPT2Model names (no prefix)', async () => {
    const hand = handBuiltCheckpoint({ prefix: '', values: 'float32' });
    const loaded = await loadCheckpoint(memorySource(hand.files), NO_TOKENIZER);
    expect(loaded.nameStyle).toBe('GPT2Model');
    expect(loaded.tensors.get('wte.weight')!.fileName).toBe('wte.weight');
    expectValues(loaded, hand.values);
  });

  it('loads F16 and BF16 exactly, widening only in toFloat32 (a new array each call)', async () => {
    for (const dtype of ['F16', 'BF16'] as const) {
      const hand = handBuiltCheckpoint({ dtype, prefix: dtype === 'F16' ? '' : 'transformer.' });
      const loaded = await loadCheckpoint(memorySource(hand.files), NO_TOKENIZER);
      expectValues(loaded, hand.values);
      const wte = loaded.tensors.get('wte.weight')!;
      expect(wte.dtype).toBe(dtype);
      expect(wte.bytes.length).toBe(16 * 8 * 2); // still 2 bytes per value
      const first = wte.toFloat32();
      first.fill(0);
      expect(bits(wte.toFloat32())).toEqual(bits(hand.values.get('wte.weight')!.data));
    }
  });

  it('ignores lm_head.weight when tied (without reading it) and requires it when not', async () => {
    const tied = handBuiltCheckpoint({ lmHead: true, maskBuffers: true });
    const size = tied.files['model.safetensors']!.length;
    const recorder = recordingSource(memorySource(tied.files), {
      'config.json': tied.files['config.json']!.length,
      'model.safetensors': size,
    });
    const loaded = await loadCheckpoint(recorder.source, NO_TOKENIZER);
    expect(loaded.tensors.has('lm_head.weight')).toBe(false);
    // Neither lm_head (16·8·4 bytes) nor the mask buffers (64 + 4 bytes) were read.
    expect(recorder.bytesRead('model.safetensors')).toBe(size - 16 * 8 * 4 - 64 - 4);
    expect(recorder.outOfRange).toBe(0);

    const untiedHf = { ...TINY_HF_CONFIG, tie_word_embeddings: false };
    const untied = handBuiltCheckpoint({ lmHead: true, hf: untiedHf, values: 'float32' });
    const loadedUntied = await loadCheckpoint(memorySource(untied.files), NO_TOKENIZER);
    expect(loadedUntied.config.tieWordEmbeddings).toBe(false);
    expectValues(loadedUntied, untied.values);
    expect(loadedUntied.tensors.get('lm_head.weight')!.fileName).toBe('lm_head.weight');

    const missing = handBuiltCheckpoint({ hf: untiedHf });
    const error = await refused(loadCheckpoint(memorySource(missing.files), NO_TOKENIZER));
    expect(error.code).toBe('CHECKPOINT_INVALID');
    expect(error.file).toBe('model.safetensors');
    expect(error.tensor).toBe('lm_head.weight');
    expect(error.message).toMatch(/model\.safetensors.*lm_head\.weight is missing.*tie_word_embeddings false/);
  });

  it('checks the shape and dtype of an ignored tied lm_head.weight', async () => {
    const hand = handBuiltCheckpoint({ lmHead: true });
    const wrongShape = withTensor(hand.tensors, 'lm_head.weight', (t) => ({ ...t, shape: [8, 16] }));
    const error = await refused(loadCheckpoint(sourceWith(handBuiltSafetensors(wrongShape)), NO_TOKENIZER));
    expect(error.tensor).toBe('lm_head.weight');
    expect(error.message).toContain('tensor lm_head.weight has shape [8, 16], config.json expects [16, 8]');
  });

  it('loads the tokenizer files when asked, and refuses a vocabulary larger than vocab_size', async () => {
    const hf = { ...TINY_HF_CONFIG, vocab_size: 258, bos_token_id: 257, eos_token_id: 257 };
    const hand = handBuiltCheckpoint({ hf });
    const { vocab, merges } = tinyVocab();
    const loaded = await loadCheckpoint(memorySource({ ...hand.files, 'vocab.json': vocab, 'merges.txt': merges }));
    expect(loaded.files).toEqual(['config.json', 'model.safetensors', 'vocab.json', 'merges.txt']);
    expect(loaded.encoding!.vocabSize).toBe(258);
    expect(loaded.encoding!.encode('hi')).toEqual([256]); // "h" + "i" merge
    expect(loaded.encoding!.encode('ih')).toEqual([0x69 - 0x21, 0x68 - 0x21]); // printable bytes from "!" = id 0

    const small = handBuiltCheckpoint({ hf: { ...hf, vocab_size: 200, bos_token_id: 199, eos_token_id: 199 } });
    const error = await refused(
      loadCheckpoint(memorySource({ ...small.files, 'vocab.json': vocab, 'merges.txt': merges })),
    );
    expect(error.code).toBe('CHECKPOINT_INVALID');
    expect(error.file).toBe('vocab.json');
    expect(error.message).toContain('258 tokens, more than the 200 rows');

    const badMerges = await refused(
      loadCheckpoint(memorySource({ ...hand.files, 'vocab.json': vocab, 'merges.txt': '#version: 0.2\nh x y\n' })),
    );
    expect(badMerges.code).toBe('CHECKPOINT_INVALID');
    expect(badMerges.file).toBe('merges.txt');
    expect(badMerges.message).toMatch(/^loadCheckpoint: merges\.txt: .*line 2/);
  });
});

/** A minimal byte-level vocabulary: the 256 bytes in GPT-2's byte alphabet, "hi", <|endoftext|>. */
function tinyVocab(): { vocab: string; merges: string } {
  // GPT-2's byte → character map: printable Latin-1 bytes map to themselves, the rest to 256 + n.
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const chars: string[] = [];
  let n = 0;
  for (let b = 0; b < 256; b++) chars.push(String.fromCodePoint(printable(b) ? b : 256 + n++));
  // Ids follow GPT-2's order: the printable bytes first, then the others.
  const order = [...Array(256).keys()].sort((a, b) => Number(!printable(a)) - Number(!printable(b)) || a - b);
  const vocab: Record<string, number> = {};
  order.forEach((byte, id) => (vocab[chars[byte]!] = id));
  vocab.hi = 256;
  vocab['<|endoftext|>'] = 257;
  return { vocab: JSON.stringify(vocab), merges: '#version: 0.2\nh i\n' };
}

describe('loadCheckpoint: refusals', () => {
  const hand = handBuiltCheckpoint();
  const weights = hand.files['model.safetensors']!;

  it('names a missing file (CHECKPOINT_MISSING)', async () => {
    for (const file of ['config.json', 'model.safetensors', 'vocab.json', 'merges.txt']) {
      const files: Record<string, Uint8Array | string> = { ...hand.files, 'vocab.json': '{}', 'merges.txt': '' };
      delete files[file];
      const error = await refused(loadCheckpoint(memorySource(files)));
      expect(error.code, file).toBe('CHECKPOINT_MISSING');
      expect(error.file).toBe(file);
      expect(error.message).toBe(`loadCheckpoint: ${file}: not found in memory`);
    }
    // Without the tokenizer, vocab.json and merges.txt are not needed.
    await expect(loadCheckpoint(memorySource(hand.files), NO_TOKENIZER)).resolves.toBeDefined();
  });

  it('names a missing tensor, with its name as the file would have it', async () => {
    const tensors = withTensor(hand.tensors, 'transformer.h.0.mlp.c_fc.bias', () => undefined);
    const error = await refused(loadCheckpoint(sourceWith(handBuiltSafetensors(tensors)), NO_TOKENIZER));
    expect(error.code).toBe('CHECKPOINT_INVALID');
    expect(error.file).toBe('model.safetensors');
    expect(error.tensor).toBe('transformer.h.0.mlp.c_fc.bias');
    expect(error.message).toBe('loadCheckpoint: model.safetensors: tensor transformer.h.0.mlp.c_fc.bias is missing');
  });

  it('names a tensor of the wrong shape', async () => {
    const tensors = withTensor(hand.tensors, 'transformer.h.0.attn.c_attn.weight', (t) => ({ ...t, shape: [24, 8] }));
    const error = await refused(loadCheckpoint(sourceWith(handBuiltSafetensors(tensors)), NO_TOKENIZER));
    expect(error.tensor).toBe('transformer.h.0.attn.c_attn.weight');
    expect(error.message).toBe(
      'loadCheckpoint: model.safetensors: tensor transformer.h.0.attn.c_attn.weight has shape [24, 8], config.json expects [8, 24]',
    );
    expect(error.value).toEqual([24, 8]);
  });

  it('refuses dtypes other than F32, F16, BF16 for weights, and dtypes safetensors does not define', async () => {
    const i32 = withTensor(hand.tensors, 'transformer.ln_f.bias', (t) => ({ ...t, dtype: 'I32' }));
    const error = await refused(loadCheckpoint(sourceWith(handBuiltSafetensors(i32)), NO_TOKENIZER));
    expect(error.code).toBe('CHECKPOINT_INVALID');
    expect(error.tensor).toBe('transformer.ln_f.bias');
    expect(error.message).toContain('tensor transformer.ln_f.bias has dtype I32; GPT-2 weights must be F32, F16, BF16');

    const f64 = withTensor(hand.tensors, 'transformer.ln_f.bias', (t) => ({
      ...t,
      dtype: 'F64',
      bytes: new Uint8Array(64),
    }));
    expect((await refused(loadCheckpoint(sourceWith(handBuiltSafetensors(f64)), NO_TOKENIZER))).message).toContain(
      'has dtype F64',
    );

    const unknown = withTensor(hand.tensors, 'transformer.ln_f.bias', (t) => ({ ...t, dtype: 'F99' }));
    const unknownError = await refused(loadCheckpoint(sourceWith(handBuiltSafetensors(unknown)), NO_TOKENIZER));
    expect(unknownError.tensor).toBe('transformer.ln_f.bias');
    expect(unknownError.message).toContain('dtype "F99", which safetensors does not define');
  });

  it('names an unknown tensor, and refuses mixed name styles', async () => {
    const extra = [
      ...hand.tensors,
      { name: 'transformer.h.1.ln_1.weight', dtype: 'F32', shape: [8], bytes: new Uint8Array(32) },
    ];
    const error = await refused(loadCheckpoint(sourceWith(handBuiltSafetensors(extra)), NO_TOKENIZER));
    expect(error.tensor).toBe('transformer.h.1.ln_1.weight');
    expect(error.message).toMatch(/tensor transformer\.h\.1\.ln_1\.weight is not a weight of a GPT-2 with 1 block/);

    const mixed = withTensor(hand.tensors, 'transformer.wpe.weight', (t) => ({ ...t, name: 'wpe.weight' }));
    const mixedError = await refused(loadCheckpoint(sourceWith(handBuiltSafetensors(mixed)), NO_TOKENIZER));
    expect(mixedError.tensor).toBe('wpe.weight');
    expect(mixedError.message).toContain(
      'mix the GPT2LMHeadModel style ("transformer.wte.weight") and the GPT2Model style ("wpe.weight")',
    );

    // A mask buffer of a block that does not exist is not ignored.
    const mask = [
      ...hand.tensors,
      { name: 'transformer.h.3.attn.bias', dtype: 'BOOL', shape: [1], bytes: new Uint8Array(1) },
    ];
    expect((await refused(loadCheckpoint(sourceWith(handBuiltSafetensors(mask)), NO_TOKENIZER))).tensor).toBe(
      'transformer.h.3.attn.bias',
    );
  });

  it('refuses a truncated file, naming the tensor that runs past the end', async () => {
    for (const cut of [1, 4, 100, weights.length - 9]) {
      const error = await refused(loadCheckpoint(sourceWith(weights.subarray(0, weights.length - cut)), NO_TOKENIZER));
      expect(error.code, `cut ${cut}`).toBe('CHECKPOINT_INVALID');
      expect(error.file).toBe('model.safetensors');
    }
    const error = await refused(loadCheckpoint(sourceWith(weights.subarray(0, weights.length - 4)), NO_TOKENIZER));
    const last = Object.entries(headerOf(weights)).sort((a, b) => b[1].data_offsets[1]! - a[1].data_offsets[1]!)[0]!;
    expect(error.tensor).toBe(last[0]);
    expect(error.message).toContain('outside the');
    expect(error.message).toContain('truncated file?');
    for (const length of [0, 7]) {
      const short = await refused(loadCheckpoint(sourceWith(weights.subarray(0, length)), NO_TOKENIZER));
      expect(short.message).toContain(`is ${length} bytes, shorter than its 8-byte header length`);
    }
  });

  it('refuses a corrupt header before reading past it', async () => {
    const size = weights.length;
    const check = async (bytes: Uint8Array, pattern: RegExp, tensor?: string) => {
      const recorder = recordingSource(sourceWith(bytes), {
        'config.json': JSON.stringify(TINY_HF_CONFIG).length,
        'model.safetensors': bytes.length,
      });
      const error = await refused(loadCheckpoint(recorder.source, NO_TOKENIZER));
      expect(error.code).toBe('CHECKPOINT_INVALID');
      expect(error.file).toBe('model.safetensors');
      expect(error.message).toMatch(pattern);
      if (tensor !== undefined) expect(error.tensor).toBe(tensor);
      expect(recorder.outOfRange).toBe(0);
      const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
      // At most the 8-byte length and the header were read (never tensor data).
      expect(recorder.bytesRead('model.safetensors')).toBeLessThanOrEqual(Math.min(bytes.length, 8 + headerLength));
    };
    const text = JSON.stringify(headerOf(weights));
    const header = headerOf(weights);

    // The length field: larger than the file, larger than 100 MB, 2^32 + small (high word set).
    const big = weights.slice();
    new DataView(big.buffer).setUint32(0, size, true);
    await check(big, new RegExp(`header length field says ${size} bytes, but the file has ${size - 8}`));
    const huge = weights.slice();
    new DataView(huge.buffer).setUint32(4, 1, true);
    await check(huge, /header length field says 4294\d{6} bytes/);

    await check(withHeaderText(weights, ` ${text}`), /does not start with "\{"/);
    await check(withHeaderText(weights, text.slice(0, -1)), /header is not UTF-8 JSON/);
    await check(withHeaderText(weights, '[1, 2]'.padEnd(text.length)), /does not start with "\{"/);
    await check(
      withHeaderText(weights, `{}${' '.repeat(text.length - 2)}`),
      /tensors end at data byte 0.*trailing bytes/,
    );
    const invalidUtf8 = withHeaderText(weights, text);
    invalidUtf8[9] = 0xff;
    await check(invalidUtf8, /not UTF-8 JSON/);

    const variant = (change: (h: typeof header) => void) => {
      const copy = JSON.parse(text) as typeof header;
      change(copy);
      return withHeaderText(weights, JSON.stringify(copy));
    };
    const wte = 'transformer.wte.weight';
    await check(
      variant((h) => (h.__metadata__ = { format: 1 } as never)),
      /__metadata__ is \{"format":1\}/,
    );
    await check(
      variant((h) => (h[wte]!.data_offsets = [0.5, 512.5])),
      /has data_offsets \[0\.5,512\.5\]/,
      wte,
    );
    await check(
      variant((h) => (h[wte]!.data_offsets = ['0', 512] as never)),
      /has data_offsets/,
      wte,
    );
    await check(
      variant((h) => (h[wte]!.data_offsets = [-4, 508])),
      /has data_offsets/,
      wte,
    );
    await check(
      variant((h) => (h[wte]!.data_offsets = [0])),
      /has data_offsets \[0\]/,
      wte,
    );
    await check(
      variant((h) => (h[wte]!.shape = [-16, -8])),
      /has shape \[-16,-8\]/,
      wte,
    );
    await check(
      variant((h) => (h[wte]!.shape = [16, 8.5])),
      /has shape/,
      wte,
    );
    await check(
      variant((h) => (h[wte]!.shape = [2 ** 40, 2 ** 40])),
      /too many elements/,
      wte,
    );
    await check(
      variant((h) => (h[wte]!.shape = [16, 4])),
      /needs 256 bytes; data_offsets \[\d+, \d+\] hold 512/,
      wte,
    );
    await check(
      variant((h) => ((h[wte] as unknown as Record<string, unknown>).extra = 1)),
      /unknown field "extra"/,
      wte,
    );
    await check(
      variant((h) => (h[wte] = 7 as never)),
      /is described by 7/,
      wte,
    );
    const [start, end] = header[wte]!.data_offsets as [number, number];
    // Overlap: another tensor of the same size takes wte's range too.
    await check(
      variant((h) => {
        const other = Object.keys(h).find(
          (k) => k !== wte && h[k]!.data_offsets[1]! - h[k]!.data_offsets[0]! === 4 * 8,
        )!;
        h[wte]!.data_offsets = [start, end];
        h[other]!.data_offsets = [start, start + 32];
      }),
      /overlaps|gap/,
    );
    // Offsets past the end of the data.
    await check(
      variant((h) => (h[wte]!.data_offsets = [size, size + 512])),
      /outside the \d+ bytes of tensor data/,
      wte,
    );
  });

  it('refuses trailing bytes and gaps in the data section', async () => {
    const trailing = new Uint8Array(weights.length + 8);
    trailing.set(weights);
    const error = await refused(loadCheckpoint(sourceWith(trailing), NO_TOKENIZER));
    expect(error.message).toContain('(8 trailing bytes)');

    // A gap: all data shifted by 4 bytes (offsets start at 4).
    const header = headerOf(weights);
    for (const entry of Object.values(header)) entry.data_offsets = entry.data_offsets.map((o) => o + 4);
    const shifted = withHeaderText(trailing.subarray(0, weights.length + 4), JSON.stringify(header));
    const gap = await refused(loadCheckpoint(sourceWith(shifted), NO_TOKENIZER));
    expect(gap.message).toMatch(/starts at data byte 4 and leaves a gap after byte 0/);
  });

  it('wraps config.json errors with the file name', async () => {
    const source = memorySource({ 'config.json': '{"n_embd": 8,', 'model.safetensors': weights });
    const notJson = await refused(loadCheckpoint(source, NO_TOKENIZER));
    expect(notJson.code).toBe('CHECKPOINT_INVALID');
    expect(notJson.file).toBe('config.json');
    expect(notJson.message).toMatch(/^loadCheckpoint: config\.json: is not JSON/);

    const badHeads = await refused(loadCheckpoint(sourceWith(weights, { ...TINY_HF_CONFIG, n_head: 3 }), NO_TOKENIZER));
    expect(badHeads.code).toBe('INVALID_CONFIG');
    expect(badHeads.file).toBe('config.json');
    expect(badHeads.argument).toBe('n_head');
    expect(badHeads.message).toBe('loadCheckpoint: config.json: n_head must be a divisor of embedDim 8; got 3');

    // A valid config that does not fit the weights: the first tensor that differs is named.
    const wider = await refused(
      loadCheckpoint(sourceWith(weights, { ...TINY_HF_CONFIG, n_positions: 16 }), NO_TOKENIZER),
    );
    expect(wider.tensor).toBe('transformer.wpe.weight');
    expect(wider.message).toContain('has shape [8, 8], config.json expects [16, 8]');
  });

  it('stops with ABORTED when the signal fires, and checks its arguments', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = await refused(loadCheckpoint(memorySource(hand.files), { signal: controller.signal }));
    expect(aborted.code).toBe('ABORTED');

    const late = new AbortController();
    const inner = memorySource(hand.files);
    const source = {
      ...inner,
      read: (...args: Parameters<typeof inner.read>) => {
        late.abort();
        return inner.read(...args);
      },
    };
    expect((await refused(loadCheckpoint(source, { tokenizer: false, signal: late.signal }))).code).toBe('ABORTED');

    expect((await refused(loadCheckpoint(memorySource(hand.files), { tokenizer: 'yes' } as never))).argument).toBe(
      'options.tokenizer',
    );
    expect((await refused(loadCheckpoint(memorySource(hand.files), { vocab: true } as never))).argument).toBe(
      'options.vocab',
    );
    expect((await refused(loadCheckpoint({} as never))).argument).toBe('source');
  });

  it('refuses a source whose reads come back short', async () => {
    const inner = memorySource(hand.files);
    const source = {
      ...inner,
      read: async (file: string, start?: number, end?: number) => {
        const bytes = await inner.read(file, start, end);
        return file === 'model.safetensors' && (start ?? 0) > 8 + 64 ? bytes.subarray(1) : bytes;
      },
    };
    const error = await refused(loadCheckpoint(source, NO_TOKENIZER));
    expect(error.code).toBe('CHECKPOINT_INVALID');
    expect(error.message).toMatch(/reading bytes \d+–\d+.*truncated or changed while reading/);
  });

  it('accepts mask buffers of any dtype the format defines, and zero-size entries', async () => {
    const extra: HandTensor[] = [
      ...hand.tensors,
      { name: 'transformer.h.0.attn.bias', dtype: 'U8', shape: [1, 1, 8, 8], bytes: new Uint8Array(64) },
      { name: 'transformer.h.0.attn.masked_bias', dtype: 'F64', shape: [0], bytes: new Uint8Array(0) },
    ];
    const loaded = await loadCheckpoint(sourceWith(handBuiltSafetensors(extra)), NO_TOKENIZER);
    expect(loaded.tensors.size).toBe(16);
  });
});
