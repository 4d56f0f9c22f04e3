// The inspection functions on a tiny random GPT-2 with GPT-2's encoding, against values computed
// here in float64 straight from the weights (model.weight(...)), and hand-computed matrices.
import { rng } from '../../test/checkpoint-fixtures';
import * as tf from '@tensorflow/tfjs-core';
import { getEncoding } from '@chatgpt-explained/tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnBackends } from '../../test/backends';
import { gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { gpt2FromModel, type Gpt2 } from '../gpt2';
import { nextTokens } from '../inference/next-tokens';
import { createGpt2Model } from '../model/gpt2-model';
import { attentionPatterns } from './attention-patterns';
import { hiddenStates } from './hidden-states';
import { embeddingMatrix, weightMatrix } from './matrices';
import { movingAverage2d } from './moving-average';
import { nextTokenDistribution, rankProbabilityFit } from './rank-probability';
import { tokenEmbeddings } from './token-embeddings';
import { weightHistograms } from './weight-histograms';

const C = 16;
const HEADS = 2;
const config = gpt2Config({ vocabSize: 50257, contextLength: 16, embedDim: C, layers: 2, heads: HEADS });

/** Every weight as float64 values, read from the model. */
function weightsOf(gpt: Gpt2): Map<string, { shape: number[]; data: Float64Array }> {
  return new Map(
    gpt.model
      .namedWeights()
      .map((w) => [w.name, { shape: [...w.variable.shape], data: Float64Array.from(w.variable.dataSync()) }]),
  );
}

/** Row r of a [R, K] matrix. */
function row(m: { shape: number[]; data: Float64Array }, r: number): Float64Array {
  const k = m.shape[1]!;
  return m.data.subarray(r * k, (r + 1) * k);
}

function layerNorm64(x: Float64Array, g: Float64Array, b: Float64Array, eps: number): Float64Array {
  let mean = 0;
  for (const v of x) mean += v / x.length;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2 / x.length;
  return x.map((v, i) => ((v - mean) / Math.sqrt(variance + eps)) * g[i]! + b[i]!);
}

/** x [K] · W [K, N] + b [N]. */
function affine64(x: Float64Array, w: { shape: number[]; data: Float64Array }, b: Float64Array): Float64Array {
  const [k, n] = w.shape as [number, number];
  const out = Float64Array.from(b);
  for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) out[j]! += x[i]! * w.data[i * n + j]!;
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!), `index ${i}`).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(expected[i]!)),
    );
  }
}

function expectGpt2Error(fn: () => unknown, argument: string, message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(Gpt2Error.isInstance(error), String(error)).toBe(true);
    expect((error as Gpt2Error).code).toBe('INVALID_ARGUMENT');
    expect((error as Gpt2Error).argument).toBe(argument);
    expect((error as Error).message).toMatch(message);
    return;
  }
  expect.unreachable('no error thrown');
}

/** {@link expectGpt2Error} for a function that returns a promise: it must reject so. */
async function expectGpt2Rejection(promise: Promise<unknown>, argument: string, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => expect.unreachable('no error thrown'),
    (e: unknown) => e,
  );
  expect(Gpt2Error.isInstance(error), String(error)).toBe(true);
  expect((error as Gpt2Error).code).toBe('INVALID_ARGUMENT');
  expect((error as Gpt2Error).argument).toBe(argument);
  expect((error as Error).message).toMatch(message);
}

describeOnBackends('gpt2 inspection', () => {
  let gpt: Gpt2;
  beforeAll(async () => {
    // Every weight random (biases and LayerNorm parameters too), so nothing is checked against zeros.
    const model = createGpt2Model(config).initialize({ seed: 3 });
    const next = rng(7);
    const values: Record<string, Float32Array> = {};
    for (const { name, variable } of model.namedWeights()) {
      const base = /ln_.*weight$/.test(name) ? 1 : 0;
      values[name] = Float32Array.from({ length: variable.size }, () => base + (next() - 0.5) * 0.6);
    }
    model.setWeights(values);
    gpt = gpt2FromModel(model, await getEncoding('gpt2'));
    // The backend keeps one tensor of its own after the first forward pass: run one before counting.
    tf.tidy(() => gpt.model.forward(tf.tensor2d([[1, 2]], [1, 2], 'int32')).logits);
  });
  afterAll(() => gpt.dispose());

  it('tokenEmbeddings: rows of wte, the mean for a word of several tokens, Euclidean distances', () => {
    const before = tf.memory().numTensors;
    const words = [' cat', ' dog', ' alligator', 'hello'];
    const result = tokenEmbeddings(gpt, words);
    expect(tf.memory().numTensors).toBe(before);
    const wte = weightsOf(gpt).get('wte.weight')!;
    expect(result.dim).toBe(C);
    expect(result.words.map((w) => w.word)).toEqual(words);
    // GPT-2's ids: " cat" 3797, " dog" 3290, " alligator" = " all" 477 + "igator" 23823 (two tokens).
    expect(result.words.map((w) => w.tokens.map((t) => t.id))).toEqual([[3797], [3290], [477, 23823], [31373]]);
    expect(result.words[2]!.tokens.map((t) => t.text)).toEqual([' all', 'igator']);
    const vectors = result.words.map((w) => {
      const ids = w.tokens.map((t) => t.id);
      ids.forEach((id, k) => expectClose(w.tokenVectors[k]!, row(wte, id), 0));
      const mean = new Float64Array(C);
      for (const id of ids) row(wte, id).forEach((v, j) => (mean[j]! += v / ids.length));
      expectClose(w.vector, mean, 1e-12);
      return mean;
    });
    vectors.forEach((a, i) =>
      vectors.forEach((b, j) => {
        const d = Math.sqrt(a.reduce((s, v, k) => s + (v - b[k]!) ** 2, 0));
        expect(result.distances[i]![j]).toBeCloseTo(d, 10);
      }),
    );
    expect(result.distances[1]![1]).toBe(0);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('tokenEmbeddings refuses an empty list and empty words', () => {
    expectGpt2Error(() => tokenEmbeddings(gpt, []), 'words', /tokenEmbeddings: words must be a non-empty array/);
    expectGpt2Error(() => tokenEmbeddings(gpt, [' cat', '']), 'words[1]', /words\[1\] must be a non-empty string/);
  });

  it('embeddingMatrix: the first rows of wte, all of wpe', () => {
    const before = tf.memory().numTensors;
    const weights = weightsOf(gpt);
    const token = embeddingMatrix(gpt, 'token', { rows: 5 });
    expect(token).toMatchObject({ name: 'wte.weight', shape: [5, C], fullShape: [50257, C] });
    expectClose(token.data, weights.get('wte.weight')!.data.subarray(0, 5 * C), 0);
    const position = embeddingMatrix(gpt, 'position');
    expect(position).toMatchObject({ name: 'wpe.weight', shape: [16, C], fullShape: [16, C] });
    expectClose(position.data, weights.get('wpe.weight')!.data, 0);
    expect(tf.memory().numTensors).toBe(before);
    expectGpt2Error(
      () => embeddingMatrix(gpt, 'token', { rows: 0 }),
      'rows',
      /rows must be an integer in \[1, 50257\]; got 0/,
    );
    expectGpt2Error(() => embeddingMatrix(gpt, 'position', { rows: 17 }), 'rows', /\[1, 16\]; got 17/);
    expectGpt2Error(
      () => embeddingMatrix(gpt, 'letters' as 'token'),
      'which',
      /which must be 'token' or 'position'; got "letters"/,
    );
  });

  it('weightMatrix: any weight by its canonical name, [in, out]', () => {
    const before = tf.memory().numTensors;
    const weights = weightsOf(gpt);
    const proj = weightMatrix(gpt, 'h.0.attn.c_proj.weight');
    expect(proj.shape).toEqual([C, C]);
    expectClose(proj.data, weights.get('h.0.attn.c_proj.weight')!.data, 0);
    expect(weightMatrix(gpt, 'h.1.mlp.c_fc.weight').shape).toEqual([C, 4 * C]);
    expect(weightMatrix(gpt, 'ln_f.bias').shape).toEqual([C]);
    expect(tf.memory().numTensors).toBe(before);
    expectGpt2Error(
      () => weightMatrix(gpt, 'h.9.attn.c_proj.weight'),
      'name',
      /no weight "h.9.attn.c_proj.weight" \(it has wte.weight, wpe.weight/,
    );
  });

  it('attentionPatterns: block 0 against attention computed here in float64; rows sum to 1, causal', async () => {
    const before = tf.memory().numTensors;
    const text = 'hello, bye';
    const result = await attentionPatterns(gpt, text);
    expect(tf.memory().numTensors).toBe(before);
    const ids = gpt.encoding.encode(text);
    expect(result.tokens).toEqual(ids.map((id) => ({ id, text: gpt.encoding.decode([id]) })));
    expect(result.block).toBe(0);
    expect(result.heads).toHaveLength(HEADS);
    // Reference: x = wte[id] + wpe[t]; a = ln_1(x); q, k = a·W + b; softmax(q·kᵀ/√hs) over j ≤ i.
    const w = weightsOf(gpt);
    const hs = C / HEADS;
    const qkv = ids.map((id, t) => {
      const x = row(w.get('wte.weight')!, id).map((v, j) => v + row(w.get('wpe.weight')!, t)[j]!);
      const a = layerNorm64(x, w.get('h.0.ln_1.weight')!.data, w.get('h.0.ln_1.bias')!.data, config.layerNormEpsilon);
      return affine64(a, w.get('h.0.attn.c_attn.weight')!, w.get('h.0.attn.c_attn.bias')!.data);
    });
    for (let h = 0; h < HEADS; h++) {
      for (let i = 0; i < ids.length; i++) {
        const scores = ids.map((_, j) => {
          if (j > i) return -Infinity;
          let dot = 0;
          for (let d = 0; d < hs; d++) dot += qkv[i]![h * hs + d]! * qkv[j]![C + h * hs + d]!;
          return dot / Math.sqrt(hs);
        });
        const max = Math.max(...scores);
        const exps = scores.map((s) => Math.exp(s - max));
        const sum = exps.reduce((a, b) => a + b, 0);
        expectClose(
          result.heads[h]![i]!,
          exps.map((e) => e / sum),
          1e-5,
        );
      }
    }
    const second = await attentionPatterns(gpt, text, { block: 1 });
    expect(second.block).toBe(1);
    for (const head of second.heads) {
      head.forEach((r, i) => {
        expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        r.forEach((p, j) => (j > i ? expect(p).toBe(0) : expect(p).toBeGreaterThan(0)));
      });
    }
    expect(second.heads).not.toEqual(result.heads);
    await expectGpt2Rejection(
      attentionPatterns(gpt, text, { block: 2 }),
      'block',
      /block must be an integer in \[0, 1\]; got 2/,
    );
    await expectGpt2Rejection(attentionPatterns(gpt, ''), 'text', /attentionPatterns: text must be a non-empty string/);
    await expectGpt2Rejection(
      attentionPatterns(gpt, ' a'.repeat(17)),
      'text',
      /17 tokens, more than the model's context of 16/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('hiddenStates: the embeddings first, the last one gives the logits through the tied wte', async () => {
    const before = tf.memory().numTensors;
    const text = 'Once upon a time';
    const result = await hiddenStates(gpt, text);
    expect(tf.memory().numTensors).toBe(before);
    const ids = gpt.encoding.encode(text);
    const t = ids.length;
    expect(result.layers.map((l) => l.label)).toEqual(['embeddings', 'after block 0', 'after block 1 and ln_f']);
    expect(result.layers.map((l) => l.shape)).toEqual([
      [t, C],
      [t, C],
      [t, C],
    ]);
    const w = weightsOf(gpt);
    const embeddings = ids.flatMap((id, p) =>
      Array.from(row(w.get('wte.weight')!, id), (v, j) => v + row(w.get('wpe.weight')!, p)[j]!),
    );
    expectClose(result.layers[0]!.data, embeddings, 1e-6);
    // Logits of the last position = last hidden state · wteᵀ, in float64 here, against the model's.
    const last = Float64Array.from(result.layers[2]!.data.subarray((t - 1) * C));
    const logits = tf.tidy(() =>
      gpt.model.forward(tf.tensor2d([ids], [1, t], 'int32'), { lastOnly: true }).logits.dataSync(),
    );
    for (const id of [0, 464, 50256, 12345]) {
      const dot = row(w.get('wte.weight')!, id).reduce((s, v, j) => s + v * last[j]!, 0);
      expect(Math.abs(logits[id]! - dot)).toBeLessThan(1e-4 * Math.max(1, Math.abs(dot)));
    }
  });

  it('weightHistograms: shared edges, every weight of a block counted once, against a loop here', () => {
    const before = tf.memory().numTensors;
    const result = weightHistograms(gpt, { bins: 7 });
    expect(tf.memory().numTensors).toBe(before);
    const w = weightsOf(gpt);
    const all = [...w].filter(([name]) => name.startsWith('h.')).flatMap(([, v]) => Array.from(v.data));
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    expect(result.edges).toHaveLength(8);
    expect(result.edges[0]).toBe(lo);
    expect(result.edges[7]).toBe(hi);
    expect(result.blocks.map((b) => b.block)).toEqual([0, 1]);
    for (const block of result.blocks) {
      const values = [...w]
        .filter(([name]) => name.startsWith(`h.${block.block}.`))
        .flatMap(([, v]) => Array.from(v.data));
      // 12C² + 13C weights per block with H = 4C.
      expect(values.length).toBe(12 * C * C + 13 * C);
      expect(block.count).toBe(values.length);
      const counts = new Array<number>(7).fill(0);
      for (const v of values) counts[Math.min(6, Math.floor(((v - lo) / (hi - lo)) * 7))]!++;
      expect(block.counts).toEqual(counts);
      expect(block.outside).toBe(0);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(block.mean).toBeCloseTo(mean, 10);
      expect(block.std).toBeCloseTo(Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length), 10);
    }
    const matrices = weightHistograms(gpt, { include: 'matrices', range: [-0.1, 0.1], bins: 2 });
    expect(matrices.edges).toEqual([-0.1, 0, 0.1]);
    for (const block of matrices.blocks) {
      expect(block.count).toBe(12 * C * C);
      expect(block.counts[0]! + block.counts[1]! + block.outside).toBe(block.count);
      expect(block.outside).toBeGreaterThan(0);
    }
    expectGpt2Error(() => weightHistograms(gpt, { bins: 0 }), 'bins', /bins must be an integer in \[1, 10000\]; got 0/);
    expectGpt2Error(
      () => weightHistograms(gpt, { range: [1, 1] }),
      'range',
      /range must be \[min, max\] with min < max/,
    );
    expectGpt2Error(
      () => weightHistograms(gpt, { include: 'some' as 'all' }),
      'include',
      /include must be 'all' or 'matrices'/,
    );
  });

  it('nextTokenDistribution: softmax of the last logits, summing to 1, the same as nextTokens', async () => {
    const before = tf.memory().numTensors;
    const p = nextTokenDistribution(gpt, 'The best thing about AI is its ability to');
    expect(tf.memory().numTensors).toBe(before);
    expect(p.length).toBe(50257);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    for (const t of (await nextTokens(gpt, 'The best thing about AI is its ability to', { top: 5 })).tokens) {
      expect(p[t.id]).toBeCloseTo(t.probability, 6);
    }
    const fit = rankProbabilityFit(p, { top: 1000 });
    expect(fit.fitted).toBe(1000);
    expect(fit.exponent).toBeLessThan(0);
  });
});

describe('movingAverage2d', () => {
  // 3×4 matrix
  //  1  2  3  4
  //  5  6  7  8
  //  9 10 11 12
  const m = { shape: [3, 4], data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] };

  it('averages every 2×2 window (by hand: (1+2+5+6)/4 = 3.5, …)', () => {
    const r = movingAverage2d(m, 2);
    expect(r.shape).toEqual([2, 3]);
    expect(r.window).toEqual([2, 2]);
    expect(Array.from(r.data)).toEqual([3.5, 4.5, 5.5, 7.5, 8.5, 9.5]);
  });

  it('stride = window gives block means; rectangular windows; window 1 is the matrix', () => {
    expect(Array.from(movingAverage2d(m, 2, { stride: 2 }).data)).toEqual([3.5, 5.5]);
    const r = movingAverage2d(m, [3, 1]);
    expect(r.shape).toEqual([1, 4]);
    expect(Array.from(r.data)).toEqual([5, 6, 7, 8]);
    expect(Array.from(movingAverage2d(m, 1).data)).toEqual(m.data);
    expect(Array.from(movingAverage2d(m, [3, 4]).data)).toEqual([6.5]);
  });

  it('a 64×64 moving average of 768×768 values against direct sums', () => {
    const next = rng(1);
    const data = Float32Array.from({ length: 128 * 96 }, () => next() - 0.5);
    const r = movingAverage2d({ shape: [128, 96], data }, 16, { stride: 8 });
    expect(r.shape).toEqual([15, 11]);
    for (const [i, j] of [
      [0, 0],
      [7, 3],
      [14, 10],
    ] as const) {
      let sum = 0;
      for (let a = 0; a < 16; a++) for (let b = 0; b < 16; b++) sum += data[(i * 8 + a) * 96 + j * 8 + b]!;
      expect(r.data[i * 11 + j]).toBeCloseTo(sum / 256, 6);
    }
  });

  it('refuses shapes that do not match and windows larger than the matrix', () => {
    expectGpt2Error(
      () => movingAverage2d({ shape: [3], data: [1, 2, 3] }, 1),
      'matrix.shape',
      /must be \[rows, columns\]/,
    );
    expectGpt2Error(
      () => movingAverage2d({ shape: [2, 2], data: [1, 2, 3] }, 1),
      'matrix.data',
      /has 3 values; shape \[2, 2\] needs 4/,
    );
    expectGpt2Error(() => movingAverage2d(m, 4), 'window', /window must be an integer in \[1, 3\]; got 4/);
    expectGpt2Error(() => movingAverage2d(m, 2, { stride: 0 }), 'stride', /stride must be an integer/);
  });
});

describe('rankProbabilityFit', () => {
  it('recovers the exponent and intercept of exact power-law data, in any order', () => {
    const p = Array.from({ length: 500 }, (_, i) => 0.3 * (i + 1) ** -1.3);
    const shuffled = [...p].reverse();
    const fit = rankProbabilityFit(shuffled);
    expect(Array.from(fit.sorted)).toEqual(p);
    expect(fit.fitted).toBe(500);
    expect(fit.exponent).toBeCloseTo(-1.3, 10);
    expect(fit.intercept).toBeCloseTo(Math.log(0.3), 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  it('fits only the top ranks and stops at zero probabilities', () => {
    // Ranks 1–3 follow p = r⁻², the rest do not.
    const fit = rankProbabilityFit([1, 0.25, 1 / 9, 0.1, 0.09], { top: 3 });
    expect(fit.exponent).toBeCloseTo(-2, 10);
    expect(fit.intercept).toBeCloseTo(0, 10);
    const zeros = rankProbabilityFit([0, 0.5, 0, 0.25]);
    expect(zeros.fitted).toBe(2);
    expect(zeros.exponent).toBeCloseTo(-1, 10);
    // Two points define a line: Fitting p = 0.5, 0.25 at ranks 1, 2 gives b = log(0.5)/log(2) = −1.
  });

  it('refuses negative, NaN and too few positive probabilities', () => {
    expectGpt2Error(() => rankProbabilityFit([0.5, -0.1]), 'probabilities', /finite and ≥ 0; found -0.1 at index 1/);
    expectGpt2Error(() => rankProbabilityFit([0.5, Number.NaN]), 'probabilities', /found NaN at index 1/);
    expectGpt2Error(() => rankProbabilityFit([1, 0, 0]), 'probabilities', /at least two positive probabilities/);
    expectGpt2Error(() => rankProbabilityFit([0.5, 0.5], { top: 1 }), 'top', /top must be an integer in \[2, 2\]/);
  });
});
