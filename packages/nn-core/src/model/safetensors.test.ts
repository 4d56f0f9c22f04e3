import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackendRegistry } from '../backend/registry';
import { initBackend } from '../backend/select';
import { cpuBackend } from '../backends/cpu';
import { NnCoreError } from '../errors';
import { dense } from '../layers/dense';
import { sequential } from '../layers/sequential';
import { decodeSafetensors, encodeSafetensors, entryToFloat32 } from './safetensors';
import { loadWeights, saveWeights } from './weights-file';

tf.env().set('PROD', true);

/** A file built by hand from the format's definition: u64 LE header length, JSON, raw LE bytes. */
function handBuilt(header: object, data: number[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true); // the high 32 bits stay 0
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function thrown(f: () => unknown): NnCoreError {
  try {
    f();
  } catch (error) {
    if (NnCoreError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an NnCoreError');
}

describe('safetensors', () => {
  it('reads a hand-built file: F32, F16 and BF16 values, shapes and metadata', () => {
    // F32 1.0 = 00 00 80 3F; -2.5 = 00 00 20 C0. F16 1.0 = 3C00, -2.0 = C000, 0.5 = 3800.
    // BF16 is the top half of F32: 1.0 = 3F80, -2.5 = C020.
    const bytes = handBuilt(
      {
        __metadata__: { format: 'pt' },
        a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
        h: { dtype: 'F16', shape: [3, 1], data_offsets: [8, 14] },
        b: { dtype: 'BF16', shape: [2], data_offsets: [14, 18] },
      },
      [0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0, 0x00, 0x3c, 0x00, 0xc0, 0x00, 0x38, 0x80, 0x3f, 0x20, 0xc0],
    );
    const file = decodeSafetensors(bytes);
    expect(file.metadata).toEqual({ format: 'pt' });
    expect([...file.tensors.keys()]).toEqual(['a', 'h', 'b']);
    expect(file.tensors.get('h')!.shape).toEqual([3, 1]);
    expect(Array.from(entryToFloat32(file.tensors.get('a')!))).toEqual([1, -2.5]);
    expect(Array.from(entryToFloat32(file.tensors.get('h')!))).toEqual([1, -2, 0.5]);
    expect(Array.from(entryToFloat32(file.tensors.get('b')!))).toEqual([1, -2.5]);
  });

  it('writes the bytes the format defines (header padded with spaces to 8 bytes)', () => {
    const bytes = encodeSafetensors({ w: { shape: [1, 2], data: Float32Array.from([1, -2.5]) } });
    const json = '{"w":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]}}';
    const padded = json.padEnd(Math.ceil(json.length / 8) * 8, ' ');
    const view = new DataView(bytes.buffer);
    expect(Number(view.getBigUint64(0, true))).toBe(padded.length);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + padded.length))).toBe(padded);
    expect(Array.from(bytes.subarray(8 + padded.length))).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]);
  });

  it.each([
    ['a short file', new Uint8Array(4), /shorter than its 8-byte header/],
    ['a header length past the end', handBuilt({}, []).map((b, i) => (i === 0 ? 200 : b)), /does not fit/],
    [
      'a header that is not JSON',
      (() => {
        const b = handBuilt({}, []);
        b[8] = 0x41;
        return b;
      })(),
      /not UTF-8 JSON/,
    ],
    ['an unknown dtype', handBuilt({ a: { dtype: 'F8', shape: [1], data_offsets: [0, 1] } }, [0]), /unknown dtype/],
    [
      'a size that does not match',
      handBuilt({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, [0, 0, 0, 0]),
      /needs 8 bytes/,
    ],
    [
      'offsets past the end',
      handBuilt({ a: { dtype: 'U8', shape: [4], data_offsets: [0, 4] } }, [0, 0]),
      /outside the 2 data bytes/,
    ],
    [
      'overlapping tensors',
      handBuilt(
        { a: { dtype: 'U8', shape: [2], data_offsets: [0, 2] }, b: { dtype: 'U8', shape: [2], data_offsets: [1, 3] } },
        [0, 0, 0],
      ),
      /overlap or gap/,
    ],
    [
      'trailing bytes',
      handBuilt({ a: { dtype: 'U8', shape: [1], data_offsets: [0, 1] } }, [0, 0]),
      /end at byte 1 of 2/,
    ],
  ])('refuses %s with FORMAT_INVALID', (_what, bytes, message) => {
    const error = thrown(() => decodeSafetensors(bytes));
    expect(error.code).toBe('FORMAT_INVALID');
    expect(error.message).toMatch(message);
  });
});

describe('saveWeights / loadWeights', () => {
  beforeAll(async () => {
    await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  const net = () => sequential([dense({ inputs: 3, units: 2 }), dense({ inputs: 2, units: 1 })]);

  it('round-trips every weight by name, with metadata, and leaks nothing', async () => {
    const a = net().initialize({ seed: 1 });
    const b = net().initialize({ seed: 2 });
    const before = tf.memory().numTensors;
    const bytes = await saveWeights(a, { step: '7' });
    expect(loadWeights(b, bytes)).toEqual({ step: '7' });
    expect(await b.readWeights()).toEqual(await a.readWeights());
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
    b.dispose();
  });

  it('checks names and shapes before changing anything', async () => {
    const model = net().initialize({ seed: 3 });
    const original = await model.readWeights();
    const wrongShape = encodeSafetensors({
      ...Object.fromEntries(
        Object.entries(original).map(([k, v]) => [k, { shape: v.shape, data: v.data.map(() => 9) }]),
      ),
      '1.weight': { shape: [1, 2], data: Float32Array.from([9, 9]) },
    });
    const shapeError = thrown(() => loadWeights(model, wrongShape));
    expect(shapeError.code).toBe('SHAPE_MISMATCH');
    expect(shapeError.message).toMatch(/1\.weight has shape \[1, 2\] in the file; the model expects \[2, 1\]/);
    expect(await model.readWeights()).toEqual(original);

    const partial = encodeSafetensors({ '0.bias': { shape: [2], data: Float32Array.from([5, 6]) } });
    expect(thrown(() => loadWeights(model, partial)).message).toMatch(/lacks 3 weight/);
    loadWeights(model, partial, { strict: false });
    expect(Array.from((await model.readWeights())['0.bias']!.data)).toEqual([5, 6]);

    const extra = encodeSafetensors({ 'x.weight': { shape: [1], data: Float32Array.from([1]) } });
    expect(thrown(() => loadWeights(model, extra)).code).toBe('NAME_UNKNOWN');
    model.dispose();
  });
});
