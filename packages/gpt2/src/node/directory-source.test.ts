import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handBuiltCheckpoint } from '../../test/checkpoint-fixtures';
import { loadCheckpoint } from '../checkpoint/load-checkpoint';
import { Gpt2Error } from '../errors';
import { directorySource } from './directory-source';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');

async function refused(promise: Promise<unknown>): Promise<Gpt2Error> {
  try {
    await promise;
  } catch (error) {
    if (Gpt2Error.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a Gpt2Error');
}

describe('directorySource', () => {
  let dir: string;
  const hand = handBuiltCheckpoint({ values: 'float32', prefix: '' });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gpt2-dir-source-'));
    for (const [name, bytes] of Object.entries(hand.files)) await writeFile(join(dir, name), bytes);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives sizes and byte ranges, and undefined for a missing file', async () => {
    const source = directorySource(dir);
    const weights = hand.files['model.safetensors']!;
    expect(source.label).toBe(dir);
    expect(await source.size('model.safetensors')).toBe(weights.length);
    expect(await source.size('vocab.json')).toBeUndefined();
    expect(Array.from(await source.read('model.safetensors', 3, 20))).toEqual(Array.from(weights.subarray(3, 20)));
    expect(Array.from(await source.read('config.json'))).toEqual(Array.from(hand.files['config.json']!));
    // Past the end: what exists, never a buffer larger than the file.
    expect((await source.read('model.safetensors', weights.length - 2, weights.length + 1e9)).length).toBe(2);
    expect((await source.read('model.safetensors', weights.length + 5, weights.length + 9)).length).toBe(0);
    const missing = await refused(source.read('vocab.json', 0, 4));
    expect(missing.code).toBe('CHECKPOINT_MISSING');
    expect(missing.file).toBe('vocab.json');
  });

  it('loads a checkpoint directory bit-exactly and follows symbolic links', async () => {
    const linked = await mkdtemp(join(tmpdir(), 'gpt2-dir-links-'));
    try {
      for (const name of Object.keys(hand.files)) await symlink(join(dir, name), join(linked, name));
      const loaded = await loadCheckpoint(directorySource(linked), { tokenizer: false });
      for (const [name, tensor] of loaded.tensors) {
        expect(Array.from(tensor.toFloat32()), name).toEqual(Array.from(hand.values.get(name)!.data));
      }
    } finally {
      await rm(linked, { recursive: true, force: true });
    }
  });

  it('refuses names outside the directory, directories as files, and a missing directory', async () => {
    const source = directorySource(dir);
    await expect(source.read('../etc/passwd')).rejects.toThrow(/is not a name inside/);
    await expect(source.size('/etc/passwd')).rejects.toThrow(/is not a name inside/);
    await mkdir(join(dir, 'merges.txt'));
    try {
      expect((await refused(source.size('merges.txt'))).message).toMatch(/is not a regular file/);
      expect((await refused(source.read('merges.txt'))).message).toMatch(/is not a regular file/);
    } finally {
      await rm(join(dir, 'merges.txt'), { recursive: true });
    }
    const gone = await refused(loadCheckpoint(directorySource(join(dir, 'nope'))));
    expect(gone.code).toBe('CHECKPOINT_MISSING');
    expect(gone.file).toBe('config.json');
    expect(() => directorySource('')).toThrow(/dir must be a non-empty path/);
  });
});

describe('the Python-written reference fixtures (test/fixtures, written by make_fixtures.py)', () => {
  const cases = [
    ['f32-lmhead', 'F32', 'GPT2LMHeadModel', 3, true],
    ['f16-base', 'F16', 'GPT2Model', 3, true],
    ['f32-untied', 'F32', 'GPT2LMHeadModel', 2, false],
    ['bf16-inner', 'BF16', 'GPT2Model', 2, true],
  ] as const;
  it.each(cases)('%s loads: dtype %s, %s names, %i blocks, tied %s', async (name, dtype, style, layers, tiedFlag) => {
    const loaded = await loadCheckpoint(directorySource(join(FIXTURES, name)), { tokenizer: false });
    expect(loaded.nameStyle).toBe(style);
    expect(loaded.config.layers).toBe(layers);
    expect(loaded.config.tieWordEmbeddings).toBe(tiedFlag);
    expect(loaded.tensors.size).toBe(2 + 12 * layers + 2 + (tiedFlag ? 0 : 1));
    for (const tensor of loaded.tensors.values()) {
      expect(tensor.dtype).toBe(dtype);
      const values = tensor.toFloat32();
      expect(values.length).toBe(tensor.shape.reduce((a, b) => a * b, 1));
      expect(values.every(Number.isFinite)).toBe(true);
    }
    if (name === 'bf16-inner') {
      expect(loaded.config.mlpHidden).toBe(48);
      expect(loaded.tensors.get('h.0.mlp.c_fc.weight')!.shape).toEqual([32, 48]);
    }
  });
});
