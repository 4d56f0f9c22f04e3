import { describe, expect, it } from 'vitest';
import { exactValues, float32Values, rng, tinyShapes, TINY_HF_CONFIG } from '../../test/checkpoint-fixtures';
import { gpt2Config, type Gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { checkpointFiles, type CheckpointWeight } from './checkpoint-files';
import { loadCheckpoint } from './load-checkpoint';
import { memorySource } from './source';

const tied = gpt2Config({ vocabSize: 16, contextLength: 8, embedDim: 8, layers: 1, heads: 2 });
const untied = gpt2Config({ ...tied, tieWordEmbeddings: false });

function weightsFor(config: Gpt2Config, values: 'exact' | 'float32', seed = 7): Record<string, CheckpointWeight> {
  const random = rng(seed);
  const shapes = tinyShapes({
    vocab_size: config.vocabSize,
    n_positions: config.contextLength,
    n_embd: config.embedDim,
    n_layer: config.layers,
  });
  if (!config.tieWordEmbeddings) shapes.push(['lm_head.weight', [config.vocabSize, config.embedDim]]);
  return Object.fromEntries(
    shapes.map(([name, shape]) => {
      const count = shape.reduce((a, b) => a * b, 1);
      return [name, { shape, data: values === 'exact' ? exactValues(count, random) : float32Values(count, random) }];
    }),
  );
}

function bits(values: Float32Array): number[] {
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));
}

function thrown(f: () => unknown): Gpt2Error {
  try {
    f();
  } catch (error) {
    if (Gpt2Error.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a Gpt2Error');
}

describe('checkpointFiles', () => {
  it('writes the safetensors bytes the format defines, in GPT2LMHeadModel layout', () => {
    const small = gpt2Config({ vocabSize: 2, contextLength: 1, embedDim: 1, layers: 1, heads: 1, mlpHidden: 1 });
    const names = tinyShapes({ vocab_size: 2, n_positions: 1, n_embd: 1, n_layer: 1 }, 1);
    const weights: Record<string, CheckpointWeight> = {};
    names.forEach(([name, shape], i) => {
      const count = shape.reduce((a, b) => a * b, 1);
      weights[name] = { shape, data: Float32Array.from({ length: count }, (_, k) => i + k / 2) };
    });
    const files = checkpointFiles({ config: small, weights, metadata: { by: 'test' } });
    const bytes = files['model.safetensors']!;

    // The header, written out by hand: __metadata__ first, then names in sorted order with offsets
    // in that order, F32, 4 bytes per value.
    const sorted = names
      .map(([name, shape]) => [`transformer.${name}`, shape] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    let offset = 0;
    const parts = ['"__metadata__":{"format":"pt","by":"test"}'];
    for (const [name, shape] of sorted) {
      const size = 4 * shape.reduce((a, b) => a * b, 1);
      parts.push(`"${name}":{"dtype":"F32","shape":[${shape.join(',')}],"data_offsets":[${offset},${offset + size}]}`);
      offset += size;
    }
    const json = `{${parts.join(',')}}`;
    const padded = json + ' '.repeat((8 - (json.length % 8)) % 8);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(padded.length);
    expect(view.getUint32(4, true)).toBe(0);
    expect(padded.length % 8).toBe(0);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + padded.length))).toBe(padded);
    expect(bytes.length).toBe(8 + padded.length + offset);
    // The data: each tensor's values, little-endian float32, in sorted-name order.
    let at = 8 + padded.length;
    for (const [name] of sorted) {
      const data = weights[name.slice('transformer.'.length)]!.data;
      for (let k = 0; k < data.length; k++, at += 4) expect(view.getFloat32(at, true)).toBe(data[k]);
    }

    // config.json: the Hugging Face fields, keys sorted, indented by 2, final newline.
    const text = new TextDecoder().decode(files['config.json']);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(Object.keys(parsed).sort());
    expect(parsed).toMatchObject({
      model_type: 'gpt2',
      vocab_size: 2,
      n_positions: 1,
      n_embd: 1,
      n_layer: 1,
      n_head: 1,
      n_inner: 1,
      tie_word_embeddings: true,
    });
    expect(text).toContain('\n  "activation_function": "gelu_new",\n');
    expect(Object.keys(files).sort()).toEqual(['config.json', 'model.safetensors']);
  });

  it('round-trips through loadCheckpoint bit-exactly: F32 any values, F16/BF16 representable values', async () => {
    for (const config of [tied, untied]) {
      const cases = [
        ['F32', weightsFor(config, 'float32')],
        ['F16', weightsFor(config, 'exact')],
        ['BF16', weightsFor(config, 'exact')],
      ] as const;
      for (const [dtype, weights] of cases) {
        const files = checkpointFiles({ config, weights, dtype });
        const loaded = await loadCheckpoint(memorySource(files), { tokenizer: false });
        expect(loaded.config).toEqual(config);
        expect(loaded.nameStyle).toBe('GPT2LMHeadModel');
        expect(loaded.metadata).toEqual({ format: 'pt' });
        expect([...loaded.tensors.keys()].sort()).toEqual(Object.keys(weights).sort());
        for (const [name, tensor] of loaded.tensors) {
          expect(tensor.dtype).toBe(dtype);
          expect(tensor.shape).toEqual(weights[name]!.shape);
          expect(bits(tensor.toFloat32()), `${dtype} ${name}`).toEqual(bits(weights[name]!.data));
        }
        const header = new TextDecoder().decode(files['model.safetensors']!.subarray(8, 200));
        expect(header.includes('lm_head.weight')).toBe(!config.tieWordEmbeddings);
      }
    }
  });

  it('keeps special F32 values (NaN payload, −0, subnormal, ±Infinity) bit for bit', async () => {
    const weights = weightsFor(tied, 'float32');
    const special = Uint32Array.from([0x7fc00123, 0x80000000, 0x00000001, 0x7f800000, 0xff800000, 0x3f800001, 0, 0]);
    weights['ln_f.bias'] = { shape: [8], data: new Float32Array(special.buffer) };
    const loaded = await loadCheckpoint(memorySource(checkpointFiles({ config: tied, weights })), { tokenizer: false });
    expect(bits(loaded.tensors.get('ln_f.bias')!.toFloat32())).toEqual(Array.from(special));
  });

  it('rounds to F16 to nearest, ties to even', async () => {
    const weights = weightsFor(tied, 'exact');
    weights['ln_f.bias'] = {
      shape: [8],
      data: Float32Array.from([1 + 2 ** -11, 1 + 3 * 2 ** -11, 65520, 1e-8, 0.1, -1 / 3, 2 ** -24, 65504]),
    };
    const files = checkpointFiles({ config: tied, weights, dtype: 'F16' });
    const loaded = await loadCheckpoint(memorySource(files), { tokenizer: false });
    const tensor = loaded.tensors.get('ln_f.bias')!;
    const words = Array.from({ length: 8 }, (_, i) => tensor.bytes[2 * i]! | (tensor.bytes[2 * i + 1]! << 8));
    expect(words).toEqual([0x3c00, 0x3c02, 0x7c00, 0x0000, 0x2e66, 0xb555, 0x0001, 0x7bff]);
  });

  it('writes vocab.json and merges.txt as given, and other metadata', () => {
    const files = checkpointFiles({
      config: tied,
      weights: weightsFor(tied, 'exact'),
      vocab: '{"a": 0}',
      merges: '#version: 0.2\n',
      metadata: { format: 'pt', step: '10' },
    });
    expect(new TextDecoder().decode(files['vocab.json'])).toBe('{"a": 0}');
    expect(new TextDecoder().decode(files['merges.txt'])).toBe('#version: 0.2\n');
    expect(new TextDecoder().decode(files['model.safetensors']!.subarray(8, 60))).toMatch(
      /^\{"__metadata__":\{"format":"pt","step":"10"\}/,
    );
  });

  it('refuses unknown, missing and misshapen weights, naming them', () => {
    const weights = weightsFor(tied, 'exact');
    const check = (options: Parameters<typeof checkpointFiles>[0], argument: string, pattern: RegExp) => {
      const error = thrown(() => checkpointFiles(options));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.argument).toBe(argument);
      expect(error.message).toMatch(pattern);
    };
    check(
      { config: tied, weights: { ...weights, 'h.1.ln_1.weight': weights['h.0.ln_1.weight']! } },
      'options.weights["h.1.ln_1.weight"]',
      /unknown weight h\.1\.ln_1\.weight: it is not a weight of a GPT-2 with 1 block/,
    );
    check(
      { config: tied, weights: { ...weights, 'lm_head.weight': weights['wte.weight']! } },
      'options.weights["lm_head.weight"]',
      /tied to wte\.weight/,
    );
    check(
      { config: tied, weights: { ...weights, 'transformer.wte.weight': weights['wte.weight']! } },
      'options.weights["transformer.wte.weight"]',
      /without the transformer\. prefix/,
    );
    const { 'h.0.mlp.c_fc.bias': _dropped, ...missing } = weights;
    check(
      { config: tied, weights: missing },
      'options.weights["h.0.mlp.c_fc.bias"]',
      /weight h\.0\.mlp\.c_fc\.bias \[32\] is missing/,
    );
    check({ config: untied, weights }, 'options.weights["lm_head.weight"]', /lm_head\.weight \[16, 8\] is missing/);
    check(
      { config: tied, weights: { ...weights, 'wpe.weight': { shape: [8, 9], data: new Float32Array(72) } } },
      'options.weights["wpe.weight"]',
      /has shape \[8, 9\], the config expects \[8, 8\]/,
    );
    check(
      { config: tied, weights: { ...weights, 'wpe.weight': { shape: [8, 8], data: new Float32Array(63) } } },
      'options.weights["wpe.weight"]',
      /needs a Float32Array of 64 values; got 63 values/,
    );
    check(
      { config: tied, weights: { ...weights, 'wpe.weight': { shape: [8, 8], data: new Array(64).fill(0) as never } } },
      'options.weights["wpe.weight"]',
      /needs a Float32Array/,
    );
    check({ config: tied, weights, dtype: 'F64' as never }, 'options.dtype', /dtype must be one of F32, F16, BF16/);
    check({ config: tied, weights, vocab: '{}' }, 'options.merges', /vocab and merges go together/);
    check(
      { config: tied, weights, metadata: { step: 1 } as never },
      'options.metadata',
      /metadata must map strings to strings/,
    );
    check({ config: tied, weights, extra: 1 } as never, 'options.extra', /unknown option "extra"/);
    expect(thrown(() => checkpointFiles({ config: { ...tied, heads: 3 }, weights })).code).toBe('INVALID_CONFIG');
  });

  it('writes a config.json the loader reads back to the same config (untied, n_inner, ε)', async () => {
    const config = gpt2Config({ ...untied, mlpHidden: 12, layerNormEpsilon: 1e-6, activation: 'gelu_pytorch_tanh' });
    const random = rng(3);
    const shapes = tinyShapes({ ...TINY_HF_CONFIG }, 12);
    shapes.push(['lm_head.weight', [16, 8]]);
    const weights = Object.fromEntries(
      shapes.map(([name, shape]) => [
        name,
        {
          shape,
          data: exactValues(
            shape.reduce((a, b) => a * b, 1),
            random,
          ),
        },
      ]),
    );
    const loaded = await loadCheckpoint(memorySource(checkpointFiles({ config, weights })), { tokenizer: false });
    expect(loaded.config).toEqual(config);
  });
});
