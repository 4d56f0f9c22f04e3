// Essay 12.3 on a tiny random GPT-2 with a byte-level tokenizer: the path, the greedy tokens and the
// fans are checked against full forward passes without a cache, computed here in float64.
import { pca } from '@chatgpt-explained/embeddings';
import type { Gpt2, Gpt2Config } from '@chatgpt-explained/gpt2';
import { renderSvg } from '@chatgpt-explained/viz';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { tinyByteGpt } from '../../test/tiny-gpt';
import { trajectoryExperiment } from './trajectory';

tf.env().set('PROD', true);

const C = 16;
let gpt: Gpt2;
let config: Gpt2Config;

beforeAll(async () => {
  // Peaked next-token distributions, as a trained model's are (see gpt2-sections.test.ts).
  ({ gpt, config } = await tinyByteGpt({ contextLength: 32, seed: 11, wteScale: 12 }));
});
afterAll(() => gpt.dispose());

/** Every position's state after ln_f and log-probabilities (float64), from one full forward pass. */
function fullPass(ids: readonly number[]): { states: Float32Array; logp: Float64Array[] } {
  const [states, logits] = tf.tidy(() => {
    const out = gpt.model.forward(tf.tensor2d([[...ids]], [1, ids.length], 'int32'), { hiddenStates: true });
    return [out.hiddenStates![config.layers]!.dataSync() as Float32Array, out.logits.dataSync() as Float32Array];
  });
  const v = config.vocabSize;
  const logp = ids.map((_, t) => {
    const row = Float64Array.from(logits.subarray(t * v, (t + 1) * v));
    const max = Math.max(...row);
    const log = Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
    return row.map((x) => x - max - log);
  });
  return { states, logp };
}

describe('trajectoryExperiment (essay 12.3)', () => {
  it('follows the greedy path, each point the state after ln_f at that token of one full pass', async () => {
    const prompt = 'The sea';
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const r = await trajectoryExperiment(
      gpt,
      { prompt, steps: 8, fan: 3 },
      { onProgress: (p) => progress.push(p.fraction) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(progress.at(-1)).toBe(1);

    const promptIds = gpt.encoding.encode(prompt);
    const generated = [...r.ids];
    expect(r.text).toBe(gpt.encoding.decode(generated));
    const ids = [...promptIds, ...generated];
    const { states, logp } = fullPass(ids);
    expect(r.path).toHaveLength(generated.length + 1);
    r.path.forEach((point, i) => {
      const t = promptIds.length - 1 + i;
      expect(point.id).toBe(ids[t]);
      expect(point.text).toBe(gpt.encoding.decode([ids[t]!]));
      const mine = r.states.subarray(i * C, (i + 1) * C);
      states.subarray(t * C, (t + 1) * C).forEach((x, k) => expect(mine[k]).toBeCloseTo(x, 4));
      if (i === r.path.length - 1) return expect(point.fan).toEqual([]);
      // The fan: the 3 most likely next tokens with their probabilities; the first is the one taken.
      const order = Array.from(logp[t]!.keys()).sort((a, b) => logp[t]![b]! - logp[t]![a]! || a - b);
      expect(point.fan.map((f) => f.id)).toEqual(order.slice(0, 3));
      point.fan.forEach((f) => expect(f.probability).toBeCloseTo(Math.exp(logp[t]![f.id]!), 5));
      expect(point.fan[0]!.id).toBe(ids[t + 1]);
      // Each fan token's state is the state the model has after reading it.
      point.fan.forEach((f, j) => {
        const branch = fullPass([...ids.slice(0, t + 1), f.id]).states;
        const own = r.fanStates[i]![j]!;
        branch.subarray((t + 1) * C, (t + 2) * C).forEach((x, k) => expect(own[k]).toBeCloseTo(x, 4));
      });
    });

    // The projection is the PCA of the path's states; a fan's chosen token lands on the next point.
    const fitted = pca({ data: r.states, rows: r.path.length, cols: C }, { components: 3 });
    r.path.forEach((p, i) => p.point.forEach((x, k) => expect(x).toBeCloseTo(fitted.points.data[3 * i + k]!, 4)));
    r.path
      .slice(0, -1)
      .forEach((p, i) => p.fan[0]!.point.forEach((x, k) => expect(x).toBeCloseTo(r.path[i + 1]!.point[k]!, 3)));
    expect(r.explainedVariance).toHaveLength(3);

    expect(r.figures.map((f) => f.name)).toEqual([
      '12.3-trajectory',
      '12.3-trajectory-depth',
      '12.3-trajectory-tokens',
    ]);
    for (const f of r.figures) expect(await renderSvg(f.spec)).toMatch(/^<svg/);
  });

  it('refuses a run longer than the context, a bad fan and an empty prompt; stops when aborted', async () => {
    await expect(trajectoryExperiment(gpt, { prompt: 'x'.repeat(30), steps: 3 })).rejects.toThrow(/context of 32/);
    await expect(trajectoryExperiment(gpt, { fan: 0 })).rejects.toThrow(EssayError);
    await expect(trajectoryExperiment(gpt, { prompt: '' })).rejects.toThrow(/prompt/);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = trajectoryExperiment(
      gpt,
      { prompt: 'ab', steps: 10 },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(run).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});
