// What saveCheckpoint writes is a checkpoint other programs read: test/read_checkpoint.py loads it
// (with transformers' GPT2LMHeadModel.from_pretrained where transformers is installed, otherwise with
// its own numpy safetensors parser and float64 forward pass) and its logits must equal ours.
// Needs python3 with numpy (Debian: python3-numpy; CI installs it); skipped, saying so on stderr, without.
import * as tf from '@tensorflow/tfjs-core';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getEncoding } from '@chatgpt-explained/tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../test/backends';
import { loadCheckpoint } from '../checkpoint/load-checkpoint';
import type { CheckpointDtype } from '../checkpoint/dtypes';
import { gpt2Config, type Gpt2Config } from '../config';
import { gpt2FromCheckpoint } from '../gpt2';
import { createGpt2Model } from '../model/gpt2-model';
import { directorySource } from './directory-source';
import { saveCheckpoint } from './save-checkpoint';

const SCRIPT = fileURLToPath(new URL('../../test/read_checkpoint.py', import.meta.url));
/** `$PYTHON`, else the first of `python3` on the PATH and Debian's `/usr/bin/python3` that has numpy. */
function findPython(): { python?: string; unavailable?: string } {
  const candidates = process.env['PYTHON'] ? [process.env['PYTHON']] : ['python3', '/usr/bin/python3'];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
    if (!probe.error && probe.status === 0) return { python };
  }
  return { unavailable: `no numpy in ${candidates.join(' or ')} (apt-get install python3-numpy)` };
}

const { python: PYTHON = 'python3', unavailable } = findPython();
if (unavailable !== undefined) {
  process.stderr.write(`gpt2 checkpoint interop test skipped: ${unavailable}\n`);
}

const SEQUENCES = [[3], [5, 17, 2, 9, 30, 1, 44], Array.from({ length: 24 }, (_, i) => (i * 13) % 48)];

function readWithPython(dir: string): { reader: string; logits: number[][] } {
  const r = spawnSync(PYTHON, [SCRIPT, dir, JSON.stringify(SEQUENCES)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`read_checkpoint.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { reader: string; logits: number[][] };
}

/** max |a − b| / max |b|. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

describe.skipIf(unavailable !== undefined)('saveCheckpoint output read by another program', () => {
  let dir: string;
  beforeAll(async () => {
    await useBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'gpt2-interop-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cases: Array<{ name: string; dtype: CheckpointDtype; config: Gpt2Config }> = [
    {
      name: 'F32, tied output layer',
      dtype: 'F32',
      config: gpt2Config({ vocabSize: 48, contextLength: 32, embedDim: 16, layers: 2, heads: 4 }),
    },
    {
      name: 'F16, separate lm_head, 3 blocks',
      dtype: 'F16',
      config: gpt2Config({
        vocabSize: 48,
        contextLength: 32,
        embedDim: 16,
        layers: 3,
        heads: 2,
        tieWordEmbeddings: false,
      }),
    },
  ];

  for (const { name, dtype, config } of cases) {
    it(`${name}: the other reader's last-position logits equal ours (relative error ≤ 1e-4)`, async () => {
      // A trained-looking model: larger embeddings and head make the distributions peaked.
      const model = createGpt2Model(config).initialize({ seed: 7 });
      const weights = await model.readWeights();
      for (const key of ['wte.weight', 'lm_head.weight']) {
        const w = weights[key];
        if (w !== undefined) weights[key] = { ...w, data: w.data.map((v) => v * 25) };
      }
      model.dispose();
      const target = join(dir, dtype);
      await saveCheckpoint(target, { config, weights, dtype });

      const python = readWithPython(target);
      expect(python.reader).toMatch(/transformers|numpy/);
      // No tokenizer files: any encoding will do, nothing here turns ids into text.
      const checkpoint = await loadCheckpoint(directorySource(target), { tokenizer: false });
      const gpt = await gpt2FromCheckpoint(checkpoint, { encoding: await getEncoding('gpt2') });
      try {
        SEQUENCES.forEach((ids, i) => {
          const ours = tf.tidy(
            () =>
              gpt.model
                .forward(tf.tensor2d([ids], [1, ids.length], 'int32'), { lastOnly: true })
                .logits.dataSync() as Float32Array,
          );
          const theirs = python.logits[i]!;
          expect(theirs).toHaveLength(config.vocabSize);
          expect(relativeError(ours, theirs), `sequence ${i}`).toBeLessThanOrEqual(1e-4);
          // Peaked (top token ≥ 5× uniform), so a layout error (a transposed matrix, a wrong head) cannot hide.
          const max = Math.max(...theirs);
          const sum = theirs.reduce((s, v) => s + Math.exp(v - max), 0);
          expect(1 / sum, `sequence ${i}: top probability`).toBeGreaterThan(5 / config.vocabSize);
        });
      } finally {
        gpt.dispose();
      }
    });
  }
});
