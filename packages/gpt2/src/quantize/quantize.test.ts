import * as tf from '@tensorflow/tfjs-core';
import { getEncoding } from '@chatgpt-explained/tokenizer';
import { beforeAll, expect, it } from 'vitest';
import { describeOnBackends } from '../../test/backends';
import { readReferenceFixture, type ReferenceFixture } from '../../test/fixtures/reference-fixtures';
import { loadCheckpoint, type LoadedCheckpoint } from '../checkpoint/load-checkpoint';
import { memorySource } from '../checkpoint/source';
import { gpt2FromCheckpoint, type Gpt2 } from '../gpt2';
import { gpt2Linears } from './linear-names';

/** max |a − b| / max |b|: the error relative to the logits' scale. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

function allLogits(gpt: Gpt2, ids: readonly number[]): Float32Array {
  return tf.tidy(
    () => gpt.model.forward(tf.tensor2d([[...ids]], [1, ids.length], 'int32')).logits.dataSync() as Float32Array,
  );
}

describeOnBackends('quantised GPT-2 (8 and 4 bits) against the float64 reference', () => {
  for (const name of ['f32-lmhead', 'f32-untied'] as const) {
    let fixture: ReferenceFixture;
    let checkpoint: LoadedCheckpoint;
    beforeAll(async () => {
      fixture = readReferenceFixture(name);
      checkpoint = await loadCheckpoint(memorySource(fixture.files), { tokenizer: false });
    });

    // These fixtures are built to be peaked (logits in the tens), which makes any error in the logits
    // show; the bounds are on the logits relative to their scale. A wiring mistake (a missing bias, a
    // matrix used the wrong way round) gives errors of order 1.
    it(`${name}: keeps the matrices quantised, and the logits move by a bounded amount`, async () => {
      const encoding = await getEncoding('gpt2'); // unused by forward; the fixture has no vocab files
      const before = tf.memory().numTensors;
      const distance: Record<number, number> = {};
      for (const bits of [32, 8, 4] as const) {
        const gpt = await gpt2FromCheckpoint(checkpoint, {
          encoding,
          ...(bits === 32 ? {} : { quantize: { bits } }),
        });
        expect(gpt.weightBits).toBe(bits);
        if (bits !== 32) {
          // Not widened: every quantised weight is an empty placeholder (wte stays for the lookup).
          for (const linear of gpt2Linears(gpt.config)) {
            if (linear.weight !== 'wte.weight') expect(gpt.model.weight(linear.weight).size).toBe(0);
          }
          expect(gpt.model.linearKernelNames().length).toBe(gpt.config.layers * 4 + 1);
        }
        let worst = 0;
        for (const sequence of fixture.index.cases) {
          const reference = fixture.values(sequence).logits;
          worst = Math.max(worst, relativeError(allLogits(gpt, sequence.ids), reference));
        }
        distance[bits] = worst;
        gpt.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
      // float32 agrees with float64 to rounding; 8 bits stays close; 4 bits moves more than 8.
      expect(distance[32]).toBeLessThan(1e-4);
      expect(distance[8]).toBeLessThan(0.1);
      expect(distance[4]).toBeLessThan(0.6);
      expect(distance[4]).toBeGreaterThan(distance[8]!);
      expect(distance[8]).toBeGreaterThan(distance[32]!);
    });
  }

  it('weightBytes shrink by about 4× (8 bits) and 7× (4 bits) for the matrices', async () => {
    const fixture = readReferenceFixture('f32-untied');
    const checkpoint = await loadCheckpoint(memorySource(fixture.files), { tokenizer: false });
    const encoding = await getEncoding('gpt2');
    const sizes: Record<number, number> = {};
    for (const bits of [32, 8, 4] as const) {
      const gpt = await gpt2FromCheckpoint(checkpoint, { encoding, ...(bits === 32 ? {} : { quantize: { bits } }) });
      sizes[bits] = gpt.weightBytes;
      gpt.dispose();
    }
    const linearValues = gpt2Linears(checkpoint.config).reduce((s, l) => s + l.k * l.n, 0);
    const other = sizes[32]! - 4 * linearValues;
    // 8 bits: one byte per weight + a float32 scale per 32 (1.125 bytes); 4 bits: 0.625 bytes.
    expect(sizes[8]! - other).toBeGreaterThanOrEqual(1.125 * linearValues);
    expect(sizes[8]! - other).toBeLessThan(1.4 * linearValues);
    expect(sizes[4]! - other).toBeGreaterThanOrEqual(0.625 * linearValues);
    expect(sizes[4]! - other).toBeLessThan(0.9 * linearValues);
  });
});
