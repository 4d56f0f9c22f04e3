// The GPT-2 essay sections on a tiny random GPT-2 with a byte-level tokenizer (one token per ASCII
// character, 257 ids, so the tests stay fast), against values computed here in float64 from full
// forward passes and the weights (model.weight(...)).
import { createGpt2Model, gpt2Config, gpt2FromModel, type Gpt2 } from '@chatgpt-explained/gpt2';
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { createEncoding, trainBpe } from '@chatgpt-explained/tokenizer';
import { renderSvg } from '@chatgpt-explained/viz';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { TOUR_STEPS, type TourContext } from '../tour';
import { gpt2AttentionExperiment } from './attention';
import { gpt2GreedyExperiment, gpt2SamplesExperiment } from './continuation';
import { gpt2EmbeddingMatricesExperiment } from './embedding-matrices';
import { ESSAY_PROMPT, gpt2NextTokensExperiment } from './next-tokens';
import { gpt2RankProbabilityExperiment } from './rank-probability';
import { gpt2TokenEmbeddingsExperiment } from './token-embeddings';
import { GPT2_STEPS } from './tour-steps';
import { gpt2WeightsExperiment } from './weights';

tf.env().set('PROD', true);

const C = 16;
const config = gpt2Config({
  vocabSize: 257,
  contextLength: 64,
  embedDim: C,
  layers: 2,
  heads: 2,
  eosTokenId: 256,
  bosTokenId: 256,
});

let compute: ComputeContext;
let gpt: Gpt2;

/** Log-softmax in float64 of the last position of `ids`, from one forward pass without a cache. */
function logSoftmaxLast(ids: number[]): Float64Array {
  const last = tf.tidy(() =>
    gpt.model.forward(tf.tensor2d([ids], [1, ids.length], 'int32'), { lastOnly: true }).logits.dataSync(),
  );
  let max = -Infinity;
  for (const x of last) max = Math.max(max, x);
  let sum = 0;
  for (const x of last) sum += Math.exp(x - max);
  return Float64Array.from(last, (x) => x - max - Math.log(sum));
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function wteRow(id: number): Float32Array {
  return tf.tidy(() => tf.slice(gpt.model.weight('wte.weight'), [id, 0], [1, C]).dataSync() as Float32Array);
}

/** Every figure renders to SVG (the spec is valid) and the data survives JSON. */
async function expectRenders(figures: readonly Figure[]): Promise<void> {
  for (const figure of figures) {
    const svg = await renderSvg(figure.spec);
    expect(svg, figure.name).toMatch(/^<svg/);
  }
}

function expectLeakFree<T>(run: () => T): T {
  const before = tf.memory().numTensors;
  const result = run();
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

/** {@link expectLeakFree} for a run that returns a promise. */
async function expectLeakFreeAsync<T>(run: () => Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await run();
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

beforeAll(async () => {
  compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  const model = createGpt2Model(config).initialize({ seed: 5 });
  // Larger token embeddings make the next-token distributions peaked, as a trained model's are
  // (×12: peaked, yet samples at temperature 0.8 still differ; ×30 makes every sample the same token).
  tf.tidy(() => model.setWeights({ 'wte.weight': tf.mul(model.weight('wte.weight'), 12) }));
  gpt = gpt2FromModel(model, createEncoding(await trainBpe('', { vocabSize: 257 })));
  // The backend keeps one tensor of its own after the first forward pass: run one before counting.
  tf.tidy(() => gpt.model.forward(tf.tensor2d([[1, 2]], [1, 2], 'int32')).logits);
});
afterAll(() => gpt.dispose());

describe('GPT-2 essay sections', () => {
  it('runs on the backend the test started', () => expect(compute.backend).toBe('cpu'));

  it('1.1: the next-token table is the top of the softmax computed here, drawn as bars', async () => {
    const r = await expectLeakFreeAsync(() => gpt2NextTokensExperiment(gpt, { top: 8 }));
    const ids = gpt.encoding.encode(ESSAY_PROMPT);
    expect(r.promptTokens.map((t) => t.id)).toEqual(ids);
    const logp = logSoftmaxLast(ids);
    const order = Array.from(logp.keys()).sort((a, b) => logp[b]! - logp[a]! || a - b);
    expect(r.tokens.map((t) => t.id)).toEqual(order.slice(0, 8));
    r.tokens.forEach((t) => expect(t.probability).toBeCloseTo(Math.exp(logp[t.id]!), 6));
    const spec = r.figures[0]!.spec;
    expect(spec.kind).toBe('bar');
    if (spec.kind === 'bar') {
      // Each bar is labelled with its token in quotes; tokens that read the same get their rank added.
      expect(new Set(spec.categories).size).toBe(r.tokens.length);
      spec.categories.forEach((label, i) => expect(label.startsWith(JSON.stringify(r.tokens[i]!.text))).toBe(true));
      expect(spec.series[0]!.values).toEqual(r.tokens.map((t) => t.probability));
    }
    await expectRenders(r.figures);
    await expect(gpt2NextTokensExperiment(gpt, { top: 0 })).rejects.toThrow(EssayError);
  });

  it('1.2: the greedy continuation follows the argmax of full forward passes', async () => {
    const r = await gpt2GreedyExperiment(gpt, { maxTokens: 12 });
    const ids = gpt.encoding.encode(ESSAY_PROMPT);
    const expected: number[] = [];
    for (let n = 0; n < 12; n++) {
      const next = argmax(logSoftmaxLast([...ids, ...expected]));
      expected.push(next);
      if (next === config.eosTokenId) break;
    }
    expect(r.ids).toEqual(expected);
    expect(r.text).toBe(gpt.encoding.decode(expected));
    expect(r.prompt).toBe(ESSAY_PROMPT);
  });

  it('1.3: five samples at temperature 0.8, reproducible by seed, different from each other', async () => {
    const progress: number[] = [];
    const before = tf.memory().numTensors;
    const r = await gpt2SamplesExperiment(gpt, { maxTokens: 10 }, { onProgress: (p) => progress.push(p.fraction) });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.temperature).toBe(0.8);
    expect(r.samples.map((s) => s.seed)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(r.samples.map((s) => s.ids.join(','))).size).toBeGreaterThan(1);
    const again = await gpt2SamplesExperiment(gpt, { maxTokens: 10, samples: 2, seed: 2 });
    expect(again.samples.map((s) => s.ids)).toEqual(r.samples.slice(1, 3).map((s) => s.ids));
    expect(progress.at(-1)).toBeCloseTo(1, 10);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    await expect(gpt2SamplesExperiment(gpt, { temperature: 0 })).rejects.toThrow(
      /temperature must be a finite number > 0/,
    );
    const controller = new AbortController();
    controller.abort();
    await expect(gpt2SamplesExperiment(gpt, {}, { signal: controller.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });

  it('1.4: the fitted exponent is the least-squares slope of ln p on ln rank computed here', async () => {
    const r = expectLeakFree(() => gpt2RankProbabilityExperiment(gpt, { fitTop: 200 }));
    const p = Array.from(logSoftmaxLast(gpt.encoding.encode(ESSAY_PROMPT)), Math.exp).sort((a, b) => b - a);
    const xs = p.slice(0, 200).map((_, i) => Math.log(i + 1));
    const ys = p.slice(0, 200).map(Math.log);
    const mx = xs.reduce((a, b) => a + b, 0) / 200;
    const my = ys.reduce((a, b) => a + b, 0) / 200;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(r.fitted).toBe(200);
    expect(r.exponent).toBeCloseTo(slope, 4);
    expect(r.intercept).toBeCloseTo(my - slope * mx, 3);
    expect(r.top[0]!.probability).toBeCloseTo(p[0]!, 6);
    const spec = r.figures[0]!.spec;
    if (spec.kind !== 'line') throw new Error('expected a line chart');
    expect([spec.xScale, spec.yScale]).toEqual(['log', 'log']);
    const points = spec.series[0]!;
    expect(points.x[0]).toBe(1);
    expect(points.x.at(-1)).toBe(257);
    expect(points.y.every((y) => y > 0)).toBe(true);
    await expectRenders(r.figures);
  });

  it("8.3: word vectors are the mean of their tokens' rows of wte; distances Euclidean; nearest", async () => {
    const r = expectLeakFree(() => gpt2TokenEmbeddingsExperiment(gpt, { words: ['cat', 'dog', 'chair'] }));
    expect(r.dim).toBe(C);
    const vectors = r.words.map((w) => {
      // Byte-level: " cat" is 4 tokens, one per character.
      expect(w.tokens.map((t) => t.text)).toEqual([...` ${w.word}`]);
      const mean = new Float64Array(C);
      for (const t of w.tokens) wteRow(t.id).forEach((v, j) => (mean[j]! += v / w.tokens.length));
      w.vector.forEach((v, j) => expect(v).toBeCloseTo(mean[j]!, 10));
      return mean;
    });
    const d = (a: Float64Array, b: Float64Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));
    r.distances.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(d(vectors[i]!, vectors[j]!), 8)));
    const nearestOfCat = r.distances[0]![1]! < r.distances[0]![2]! ? 'dog' : 'chair';
    expect(r.words[0]!.nearest).toBe(nearestOfCat);
    expect(r.figures.map((f) => f.name)).toEqual(['8.3-embedding-vectors', '8.3-embedding-distances']);
    expect(JSON.parse(JSON.stringify({ ...r, figures: undefined }))).toEqual({ ...r, figures: undefined });
    await expectRenders(r.figures);
    expect(() => gpt2TokenEmbeddingsExperiment(gpt, { words: ['cat'] })).toThrow(/words must be 2 to 50 words/);
  });

  it('9.2: heatmaps of the first rows of wte and all of wpe', async () => {
    const r = expectLeakFree(() => gpt2EmbeddingMatricesExperiment(gpt, { tokenRows: 20 }));
    expect(r.token).toMatchObject({ name: 'wte.weight', shape: [257, C], rows: 20 });
    expect(r.position).toMatchObject({ name: 'wpe.weight', shape: [64, C], rows: 64 });
    const [tokens, positions] = r.figures.map((f) => f.spec);
    if (tokens?.kind !== 'heatmap' || positions?.kind !== 'heatmap') throw new Error('expected heatmaps');
    expect(tokens.values).toHaveLength(20);
    expect(tokens.values[7]).toEqual(Array.from(wteRow(7)));
    const wpe = gpt.model.weight('wpe.weight').dataSync();
    expect(positions.values.flat()).toEqual(Array.from(wpe));
    await expectRenders(r.figures);
  });

  it('9.3: one heatmap per head of the first block for "hello, bye"; rows sum to 1, causal', async () => {
    const r = await expectLeakFreeAsync(() => gpt2AttentionExperiment(gpt));
    expect(r.text).toBe('hello, bye');
    expect(r.tokens.map((t) => t.text)).toEqual([...'hello, bye']);
    expect(r.figures.map((f) => f.name)).toEqual(['9.3-attention-block0-head0', '9.3-attention-block0-head1']);
    for (const head of r.heads) {
      head.forEach((row, i) => {
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        row.forEach((p, j) => j > i && expect(p).toBe(0));
      });
    }
    expect(r.lastFocus).toHaveLength(2);
    await expectRenders(r.figures);
    await expect(gpt2AttentionExperiment(gpt, { block: 2 })).rejects.toThrow(
      /block must be an integer from 0 to 1, got 2/,
    );
  });

  it('9.4: the C×C matrix, its moving average, and per-block histograms of every weight', async () => {
    const r = expectLeakFree(() => gpt2WeightsExperiment(gpt, { window: 4, bins: 20 }));
    const w = gpt.model.weight('h.0.attn.c_proj.weight').dataSync();
    expect(r.matrix).toMatchObject({ name: 'h.0.attn.c_proj.weight', shape: [C, C] });
    const [matrix, average, histograms] = r.figures.map((f) => f.spec);
    if (matrix?.kind !== 'heatmap' || average?.kind !== 'heatmap' || histograms?.kind !== 'line') {
      throw new Error('unexpected figure kinds');
    }
    expect(matrix.values.flat()).toEqual(Array.from(w));
    // The 4×4 window starting at row 2, column 5, summed here.
    let sum = 0;
    for (let i = 2; i < 6; i++) for (let j = 5; j < 9; j++) sum += w[i * C + j]!;
    expect(r.movingAverage).toMatchObject({ window: 4, shape: [13, 13] });
    expect(average.values[2]![5]).toBeCloseTo(sum / 16, 6);
    expect(r.movingAverage.std).toBeLessThan(r.matrix.std);
    expect(histograms.series.map((s) => s.name)).toEqual(['block 0', 'block 1']);
    r.blocks.forEach((b, k) => {
      expect(b.count).toBe(12 * C * C + 13 * C);
      const total = histograms.series[k]!.y.reduce((a, c) => a + c, 0);
      expect(total).toBeCloseTo(1 - b.outside / b.count, 10);
    });
    await expectRenders(r.figures);
  });
});

describe('GPT-2 tour steps', () => {
  const corpus = 'the cat sat on the mat. the dog sat on the cat. the best cat is the best dog. '.repeat(5);
  const data: EssayData = {
    corpus: async () => [{ name: 'tiny', text: corpus }],
    article: async () => corpus,
    letterFrequencies: async () => ({ source: 'test', letters: [] }),
  };
  const context = (withModel: boolean): TourContext => ({
    data,
    compute,
    quick: true,
    ...(withModel ? { gpt2: async () => gpt } : {}),
  });

  it('cover 1.1–1.4, 8.3 and 9.2–9.4, each once in the tour', () => {
    expect(GPT2_STEPS.map((s) => s.item)).toEqual(['1.1', '1.2', '1.3', '1.4', '8.3', '9.2', '9.3', '9.4']);
    for (const item of ['1.1', '1.2', '1.3', '1.4', '8.3', '9.2', '9.3', '9.4']) {
      expect(TOUR_STEPS.filter((s) => s.item === item)).toHaveLength(1);
    }
  });

  it('run on the model given, leaving no tensors; 1.3 and 1.4 keep the n-gram result beside GPT-2', async () => {
    const before = tf.memory().numTensors;
    const names: string[] = [];
    for (const item of ['1.1', '1.2', '1.3', '1.4', '8.3', '9.2', '9.3', '9.4']) {
      const result = await TOUR_STEPS.find((s) => s.item === item)!.run(context(true));
      names.push(...(result.figures ?? []).map((f) => f.name));
      expect(result.lines.length, item).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(result.data)), item).toEqual(result.data);
      if (item === '1.3') {
        const d = result.data as { greedy: string; gpt2: { samples: unknown[] } };
        expect(typeof d.greedy).toBe('string'); // the n-gram experiment's
        expect(d.gpt2.samples).toHaveLength(5);
      }
      if (item === '1.4') {
        expect(result.figures?.map((f) => f.name)).toEqual(['1.4-rank-probability', '1.4-gpt2-rank-probability']);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    // The tour writes every figure to <name>.svg/.png in one folder: no name may be used twice.
    expect(new Set(names).size).toBe(names.length);
  });

  it('are skipped without a model; 1.3 is then the n-gram step alone', async () => {
    const alone = await TOUR_STEPS.find((s) => s.item === '1.1')!.run(context(false));
    expect(alone.lines).toEqual(['skipped: the tour was given no GPT-2 model']);
    const ngram = await TOUR_STEPS.find((s) => s.item === '1.3')!.run(context(false));
    expect(ngram.data).not.toHaveProperty('gpt2');
  });
});
