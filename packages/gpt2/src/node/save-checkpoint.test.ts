import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exactValues, rng } from '../../test/checkpoint-fixtures';
import { checkpointFiles } from '../checkpoint/checkpoint-files';
import { gpt2WeightShapes } from '../checkpoint/layout';
import { loadCheckpoint } from '../checkpoint/load-checkpoint';
import { gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { directorySource } from './directory-source';
import { saveCheckpoint } from './save-checkpoint';

const config = gpt2Config({ vocabSize: 16, contextLength: 8, embedDim: 8, layers: 1, heads: 2 });

function weights(seed: number) {
  const random = rng(seed);
  return Object.fromEntries(
    [...gpt2WeightShapes(config)].map(([name, shape]) => [
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
}

describe('saveCheckpoint', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gpt2-save-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the files of checkpointFiles, byte for byte, leaving no temporary file', async () => {
    const target = join(dir, 'nested', 'model');
    const options = { config, weights: weights(1), dtype: 'F16' as const, vocab: '{}', merges: '#version: 0.2\n' };
    const names = await saveCheckpoint(target, options);
    expect(names.at(-1)).toBe('config.json'); // written last
    expect((await readdir(target)).sort()).toEqual(['config.json', 'merges.txt', 'model.safetensors', 'vocab.json']);
    const expected = checkpointFiles(options);
    for (const [name, bytes] of Object.entries(expected)) {
      expect(new Uint8Array(await readFile(join(target, name)))).toEqual(bytes);
    }
    const loaded = await loadCheckpoint(directorySource(target), { tokenizer: false });
    expect(loaded.tensors.get('wte.weight')!.dtype).toBe('F16');
  });

  it('replaces an earlier checkpoint in place', async () => {
    await saveCheckpoint(dir, { config, weights: weights(1) });
    const second = weights(2);
    await saveCheckpoint(dir, { config, weights: second });
    const loaded = await loadCheckpoint(directorySource(dir), { tokenizer: false });
    expect(Array.from(loaded.tensors.get('wpe.weight')!.toFloat32())).toEqual(Array.from(second['wpe.weight']!.data));
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes nothing when the options are invalid', async () => {
    const bad = weights(1);
    delete bad['ln_f.bias'];
    await expect(saveCheckpoint(dir, { config, weights: bad })).rejects.toThrow(/ln_f\.bias \[8\] is missing/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes a stale tokenizer: a model saved without one never loads an earlier vocabulary', async () => {
    await saveCheckpoint(dir, { config, weights: weights(1), vocab: '{}', merges: '#version: 0.2\n' });
    await saveCheckpoint(dir, { config, weights: weights(2) });
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'model.safetensors']);
  });

  it('a failed write leaves no config.json (so nothing loads half a checkpoint) and no temporary file', async () => {
    await writeFile(join(dir, 'config.json'), 'old');
    await writeFile(join(dir, 'vocab.json'), 'old');
    await mkdir(join(dir, 'model.safetensors')); // renaming a file over a directory fails
    let error: unknown;
    try {
      await saveCheckpoint(dir, { config, weights: weights(1) });
    } catch (caught) {
      error = caught;
    }
    expect(Gpt2Error.isInstance(error)).toBe(true);
    expect((error as Gpt2Error).message).toMatch(/^saveCheckpoint: writing to .* failed/);
    expect((await readdir(dir)).sort()).toEqual(['model.safetensors']); // the directory that blocked the write
    await expect(loadCheckpoint(directorySource(dir), { tokenizer: false })).rejects.toMatchObject({
      code: 'CHECKPOINT_MISSING',
    });
  });
});
