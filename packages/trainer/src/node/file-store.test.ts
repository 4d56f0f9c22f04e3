import * as fsPromises from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sgd } from '../optimizers/sgd';
import { code } from '../testing/errors';
import { mlp, sineData } from '../testing/models';
import { train } from '../train';
import { fileCheckpointStore, type CheckpointFileSystem } from './file-store';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trainer-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Node's fs, except that file writes stop with an error after `limit` bytes (a full disk, a crash). */
function failingAfter(limit: number): CheckpointFileSystem {
  return {
    ...fsPromises,
    open: (async (path: string, flags: string) => {
      const handle = await fsPromises.open(path, flags);
      if (flags !== 'w') return handle;
      let written = 0;
      return new Proxy(handle, {
        get(target, key) {
          if (key === 'write') {
            return async (bytes: Uint8Array, offset: number, length: number) => {
              const allowed = Math.min(length, limit - written);
              if (allowed <= 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
              written += allowed;
              return target.write(bytes, offset, allowed);
            };
          }
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    }) as CheckpointFileSystem['open'],
  };
}

describe('fileCheckpointStore', () => {
  it('writes <dir>/<name>.safetensors, reads it back, and reads undefined for a missing name', async () => {
    const store = fileCheckpointStore(join(dir, 'nested', 'runs'));
    await store.write('run-1', Uint8Array.of(1, 2, 3));
    expect(Array.from((await readFile(join(dir, 'nested', 'runs', 'run-1.safetensors'))).values())).toEqual([1, 2, 3]);
    expect(Array.from((await store.read('run-1'))!)).toEqual([1, 2, 3]);
    expect(await store.read('other')).toBeUndefined();
    await store.write('run-1', Uint8Array.of(4));
    expect(Array.from((await store.read('run-1'))!)).toEqual([4]);
    expect(await readdir(join(dir, 'nested', 'runs'))).toEqual(['run-1.safetensors']);
  });

  it('a write that fails midway leaves the previous checkpoint whole and no temporary file', async () => {
    const path = join(dir, 'checkpoint.safetensors');
    await writeFile(path, Uint8Array.of(7, 7, 7, 7));
    const store = fileCheckpointStore(dir, { fs: failingAfter(5) });
    await expect(store.write('checkpoint', new Uint8Array(64).fill(1))).rejects.toThrow('ENOSPC');
    expect(Array.from(await readFile(path))).toEqual([7, 7, 7, 7]);
    expect(await readdir(dir)).toEqual(['checkpoint.safetensors']);
    // The same store writes small files fine (under the limit).
    await fileCheckpointStore(dir, { fs: failingAfter(1000) }).write('checkpoint', Uint8Array.of(1, 2));
    expect(Array.from(await readFile(path))).toEqual([1, 2]);
  });

  it('refuses names that are paths', () => {
    const store = fileCheckpointStore(dir);
    expect(code(() => store.path('../escape'))).toEqual(['INVALID_ARGUMENT', 'name']);
    expect(code(() => store.path('a/b'))).toEqual(['INVALID_ARGUMENT', 'name']);
    expect(code(() => fileCheckpointStore(''))).toEqual(['INVALID_ARGUMENT', 'dir']);
  });

  it('a run checkpointed to disk and resumed by a fresh model matches the uninterrupted run', async () => {
    const { dataset } = sineData(12);
    const store = fileCheckpointStore(dir);
    const model = mlp(4).initialize({ seed: 1 });
    const optimizer = sgd({ learningRate: 0.05 });
    const whole = await train(model, dataset, { loss: 'l2', optimizer, batchSize: 4, steps: 6, seed: 3 });
    model.initialize({ seed: 1 });
    const half = await train(model, dataset, {
      loss: 'l2',
      optimizer,
      batchSize: 4,
      steps: 3,
      seed: 3,
      checkpoint: { store, every: 3 },
    });
    const fresh = mlp(4).initialize({ seed: 8 });
    const rest = await train(fresh, dataset, {
      loss: 'l2',
      optimizer: sgd({ learningRate: 0.05 }),
      batchSize: 4,
      steps: 6,
      seed: 3,
      checkpoint: { store, every: 3 },
      resume: true,
    });
    expect(half.losses).toEqual(whole.losses.slice(0, 3));
    expect(rest.losses).toEqual(whole.losses);
    model.dispose();
    fresh.dispose();
  });
});
